// Owns the stored conversation references used for proactive messages.
import type { Queryable } from './db.js';

/**
 * A Bot Framework conversation reference as stored (JSON). Only the fields the
 * app reads are named: the full shape is the Teams layer's business, and
 * botbuilder's ConversationReference is assignable to this.
 */
export interface StoredReference {
  serviceUrl?: string;
  conversation?: { id: string; conversationType?: string; tenantId?: string };
}

export async function saveUserReference<R extends StoredReference>(q: Queryable, aadObjectId: string, ref: R): Promise<void> {
  await q.query(
    `INSERT INTO conversation_refs (aad_object_id, reference) VALUES ($1, $2)
     ON CONFLICT (aad_object_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
    [aadObjectId, JSON.stringify(ref)]);
}

export async function userReference(q: Queryable, aadObjectId: string): Promise<StoredReference | undefined> {
  const r = await q.query<{ reference: StoredReference }>('SELECT reference FROM conversation_refs WHERE aad_object_id = $1', [aadObjectId]);
  return r.rows[0]?.reference;
}

export async function forgetUserReference(q: Queryable, aadObjectId: string): Promise<void> {
  await q.query('DELETE FROM conversation_refs WHERE aad_object_id = $1', [aadObjectId]);
}

export async function saveChannelReference<R extends StoredReference>(q: Queryable, hubId: string, ref: R): Promise<void> {
  await q.query(
    `INSERT INTO channel_refs (hub_id, reference) VALUES ($1, $2)
     ON CONFLICT (hub_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
    [hubId, JSON.stringify(ref)]);
}

export async function channelReference(q: Queryable, hubId: string): Promise<StoredReference | undefined> {
  const r = await q.query<{ reference: StoredReference }>('SELECT reference FROM channel_refs WHERE hub_id = $1', [hubId]);
  return r.rows[0]?.reference;
}
