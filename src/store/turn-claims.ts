// Owns the one statement every incoming activity costs: claim its id (so a
// Teams resend of it is dropped) and remember where to reach the user
// proactively. The reference is only rewritten when it changed, which it
// rarely does.
//
// Claims are batched (statement-batcher.ts): under load, fifty turns cost a
// few round trips and commits instead of fifty, and take two pooled
// connections at most while the pool is busy with transactions. Each claim
// still stands alone: of two claims of one activity, in one batch or not,
// exactly one wins. Rows are written in key order, so two batches (or two
// instances) never deadlock.
//
// A claim commits without waiting for its WAL flush (synchronous_commit off,
// for this statement only): the flush, a disk write of about 2 ms here and far
// more on a busy disk, was the slowest part of a "hi". Exactly-once still
// holds through a database crash: the WAL is flushed in order, so when a
// turn's own change commits (durably, as every change does) its earlier claim
// is on disk with it. The only claims a crash can lose are of turns that
// changed nothing (a greeting, a list), which a resend then runs again,
// harmlessly; a claim of a turn whose change was lost is lost with it, so the
// resend gets its chance.
import type { StoredReference } from './conversation-refs.js';
import type { Queryable } from './db.js';
import { createBatcher } from './statement-batcher.js';

export interface TurnClaim {
  /** Conversation and activity id of a message; undefined for activities that are never resent. */
  dedupeKey?: string;
  /** The user to remember a reference for (personal chats only). */
  user?: { aadObjectId: string; reference: StoredReference };
}

export interface ClaimOutcome {
  /** False when the activity was claimed before (a resend): nothing else is written then. */
  claimed: boolean;
  /**
   * How many of the person's held cards (migration 042) went back to their
   * queue: their first activity is when they can be reached, so the caller
   * wakes their delivery. Two instances releasing at once: the row locks let
   * one of them have each card.
   */
  released: number;
  /**
   * Their reference was written for the first time. The caller wakes their
   * delivery even when nothing was released: a card being held for them at
   * this very moment is invisible to this statement, and the flush that wake
   * runs (after the one holding it: one flush per person at a time) finds the
   * card and the reference and sends it.
   */
  firstContact: boolean;
}

export interface TurnClaims {
  claim(c: TurnClaim): Promise<ClaimOutcome>;
}

// One row per claim (n: its place in the batch). A key claimed now belongs to
// its first row only; a reference is written for fresh claims, the latest per
// person, and only when it changed.
const CLAIM_BATCH = `
  WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
  input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS t(activity_key, aad, reference, n)),
  claimed AS (
    INSERT INTO processed_activities (activity_key)
    SELECT DISTINCT activity_key FROM input WHERE activity_key IS NOT NULL ORDER BY activity_key
    ON CONFLICT DO NOTHING RETURNING activity_key),
  fresh AS (
    SELECT n, aad, reference,
      activity_key IS NULL OR (activity_key IN (SELECT activity_key FROM claimed)
        AND n = min(n) OVER (PARTITION BY activity_key)) AS ok
    FROM input),
  remembered AS (
    INSERT INTO conversation_refs (aad_object_id, reference)
    SELECT DISTINCT ON (aad) aad, reference FROM fresh WHERE ok AND aad IS NOT NULL ORDER BY aad, n DESC
    ON CONFLICT (aad_object_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()
      WHERE conversation_refs.reference IS DISTINCT FROM EXCLUDED.reference
    -- xmax = 0: the row is new, so this is the person's first contact.
    RETURNING aad_object_id, xmax = 0 AS first_contact),
  released AS (
    UPDATE notifications SET status = 'pending', last_error = NULL
     WHERE status = 'held' AND recipient_kind = 'user'
       AND recipient_id IN (SELECT aad FROM fresh WHERE ok AND aad IS NOT NULL)
    RETURNING recipient_id)
  SELECT n::int AS n, ok,
    CASE WHEN ok THEN (SELECT count(*) FROM released WHERE recipient_id = fresh.aad) ELSE 0 END::int AS released,
    ok AND coalesce((SELECT first_contact FROM remembered WHERE aad_object_id = fresh.aad), false) AS first_contact
  FROM fresh, relaxed`;

export function createTurnClaims(q: Queryable): TurnClaims {
  const claim = createBatcher<TurnClaim, ClaimOutcome>(async (batch) => {
    // Prepared: parsed and planned once per connection.
    const r = await q.query<{ n: number; ok: boolean; released: number; first_contact: boolean }>({ name: 'claim-turns', text: CLAIM_BATCH }, [
      batch.map((c) => c.dedupeKey ?? null),
      batch.map((c) => c.user?.aadObjectId ?? null),
      batch.map((c) => (c.user ? JSON.stringify(c.user.reference) : null)),
    ]);
    const rows = new Map(r.rows.map((row) => [row.n, row]));
    return batch.map((_c, i) => {
      const row = rows.get(i + 1);
      const claimed = row?.ok === true;
      return { claimed, released: claimed ? row.released : 0, firstContact: claimed && row.first_contact };
    });
  });
  return { claim };
}

/** Lets a resend of a failed turn try again. */
export async function releaseTurn(q: Queryable, dedupeKey: string): Promise<void> {
  await q.query('DELETE FROM processed_activities WHERE activity_key = $1', [dedupeKey]);
}
