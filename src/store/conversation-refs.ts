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

// The two tables differ only in what a reference is kept for: a person (their
// personal chat with the bot) or a hub (its linked channel). Names are constants.
const WHERE = {
  user: { table: 'conversation_refs', key: 'aad_object_id' },
  channel: { table: 'channel_refs', key: 'hub_id' },
} as const;
type Holder = keyof typeof WHERE;

async function save(q: Queryable, holder: Holder, id: string, ref: StoredReference): Promise<void> {
  const { table, key } = WHERE[holder];
  await q.query(
    `INSERT INTO ${table} (${key}, reference) VALUES ($1, $2)
     ON CONFLICT (${key}) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()`,
    [id, JSON.stringify(ref)]);
}

async function load(q: Queryable, holder: Holder, id: string): Promise<StoredReference | undefined> {
  const { table, key } = WHERE[holder];
  const r = await q.query<{ reference: StoredReference }>(`SELECT reference FROM ${table} WHERE ${key} = $1`, [id]);
  return r.rows[0]?.reference;
}

export const saveUserReference = <R extends StoredReference>(q: Queryable, aadObjectId: string, ref: R) => save(q, 'user', aadObjectId, ref);
export const userReference = (q: Queryable, aadObjectId: string) => load(q, 'user', aadObjectId);
export const saveChannelReference = <R extends StoredReference>(q: Queryable, hubId: string, ref: R) => save(q, 'channel', hubId, ref);
export const channelReference = (q: Queryable, hubId: string) => load(q, 'channel', hubId);

export async function forgetUserReference(q: Queryable, aadObjectId: string): Promise<void> {
  await q.query('DELETE FROM conversation_refs WHERE aad_object_id = $1', [aadObjectId]);
}
