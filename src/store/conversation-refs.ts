// Owns the stored conversation references used for proactive messages.
import type { ConversationReference } from 'botbuilder';
import type { Queryable } from './db.js';

export async function saveUserReference(q: Queryable, aadObjectId: string, ref: Partial<ConversationReference>): Promise<void> {
  await q.query(
    `INSERT INTO conversation_refs (aad_object_id, reference) VALUES ($1, $2)
     ON CONFLICT (aad_object_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
    [aadObjectId, JSON.stringify(ref)]);
}

export async function userReference(q: Queryable, aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
  const r = await q.query<{ reference: Partial<ConversationReference> }>('SELECT reference FROM conversation_refs WHERE aad_object_id = $1', [aadObjectId]);
  return r.rows[0]?.reference;
}

export async function forgetUserReference(q: Queryable, aadObjectId: string): Promise<void> {
  await q.query('DELETE FROM conversation_refs WHERE aad_object_id = $1', [aadObjectId]);
}

export async function saveChannelReference(q: Queryable, hubId: string, ref: Partial<ConversationReference>): Promise<void> {
  await q.query(
    `INSERT INTO channel_refs (hub_id, reference) VALUES ($1, $2)
     ON CONFLICT (hub_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
    [hubId, JSON.stringify(ref)]);
}

export async function channelReference(q: Queryable, hubId: string): Promise<Partial<ConversationReference> | undefined> {
  const r = await q.query<{ reference: Partial<ConversationReference> }>('SELECT reference FROM channel_refs WHERE hub_id = $1', [hubId]);
  return r.rows[0]?.reference;
}
