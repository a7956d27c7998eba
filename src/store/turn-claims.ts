// Owns the one statement every incoming activity costs: claim its id (so a
// Teams resend of it is dropped) and remember where to reach the user
// proactively, in a single round trip. The reference is only rewritten when
// it changed, which it rarely does.
import type { StoredReference } from './conversation-refs.js';
import type { Queryable } from './db.js';

export interface TurnClaim {
  /** Conversation and activity id of a message; undefined for activities that are never resent. */
  dedupeKey?: string;
  /** The user to remember a reference for (personal chats only). */
  user?: { aadObjectId: string; reference: StoredReference };
}

/** False when the activity was claimed before (a resend): nothing else is written then. */
export async function claimTurn(q: Queryable, c: TurnClaim): Promise<boolean> {
  return (await claimTurnReleasingHeld(q, c)).claimed;
}

/**
 * The same, and puts the person's held cards (migration 042) back in their
 * queue: their first activity is when they can be reached. `released` says
 * how many, so the caller wakes their delivery. Two instances releasing at
 * once: the row locks let one of them have each card.
 */
export async function claimTurnReleasingHeld(q: Queryable, c: TurnClaim): Promise<{ claimed: boolean; released: number }> {
  const r = await q.query<{ claimed: boolean; released: number }>(
    `WITH claimed AS (
       INSERT INTO processed_activities (activity_key) SELECT $1::text WHERE $1::text IS NOT NULL
       ON CONFLICT DO NOTHING RETURNING 1),
     fresh AS (SELECT $1::text IS NULL OR EXISTS (SELECT 1 FROM claimed) AS ok),
     remembered AS (
       INSERT INTO conversation_refs (aad_object_id, reference)
       SELECT $2::text, $3::jsonb FROM fresh WHERE fresh.ok AND $2::text IS NOT NULL
       ON CONFLICT (aad_object_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()
         WHERE conversation_refs.reference IS DISTINCT FROM EXCLUDED.reference),
     released AS (
       UPDATE notifications SET status = 'pending', last_error = NULL
        WHERE $2::text IS NOT NULL AND recipient_id = $2::text AND status = 'held' AND recipient_kind = 'user'
          AND (SELECT ok FROM fresh)
       RETURNING 1)
     SELECT ok AS claimed, (SELECT count(*) FROM released)::int AS released FROM fresh`,
    [c.dedupeKey ?? null, c.user?.aadObjectId ?? null, c.user ? JSON.stringify(c.user.reference) : null]);
  return { claimed: r.rows[0]?.claimed === true, released: r.rows[0]?.released ?? 0 };
}

/** Lets a resend of a failed turn try again. */
export async function releaseTurn(q: Queryable, dedupeKey: string): Promise<void> {
  await q.query('DELETE FROM processed_activities WHERE activity_key = $1', [dedupeKey]);
}
