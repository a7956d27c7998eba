// Owns the one statement every incoming activity costs: claim its id (so a
// Teams resend of it is dropped) and remember where to reach the user
// proactively. The reference is only rewritten when it changed, which it
// rarely does.
//
// Claims are batched: while two statements are at the database, the claims
// that arrive wait and then go together as the next statement. Alone, a claim
// goes at once (no added wait); under load, fifty turns cost a few round
// trips and commits instead of fifty, and take two pooled connections at most
// while the pool is busy with transactions. Each claim still stands alone: of
// two claims of one activity, in one batch or not, exactly one wins. Rows are
// written in key order, so two batches (or two instances) never deadlock.
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

/** More claims than this wait for the next statement: keeps one statement's parameters small. */
const MAX_BATCH = 200;
/** Statements at the database at once: two, so one slow statement does not hold up every turn. */
const MAX_IN_FLIGHT = 2;

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

interface Waiting { claim: TurnClaim; resolve(outcome: ClaimOutcome): void; reject(err: unknown): void }

export function createTurnClaims(q: Queryable): TurnClaims {
  const waiting: Waiting[] = [];
  let inFlight = 0;

  const send = async (batch: Waiting[]): Promise<void> => {
    try {
      // Prepared: parsed and planned once per connection.
      const r = await q.query<{ n: number; ok: boolean; released: number; first_contact: boolean }>({ name: 'claim-turns', text: CLAIM_BATCH }, [
        batch.map((w) => w.claim.dedupeKey ?? null),
        batch.map((w) => w.claim.user?.aadObjectId ?? null),
        batch.map((w) => (w.claim.user ? JSON.stringify(w.claim.user.reference) : null)),
      ]);
      const rows = new Map(r.rows.map((row) => [row.n, row]));
      batch.forEach((w, i) => {
        const row = rows.get(i + 1);
        const claimed = row?.ok === true;
        w.resolve({ claimed, released: claimed ? row.released : 0, firstContact: claimed && row.first_contact });
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };

  const lane = async (): Promise<void> => {
    inFlight += 1;
    while (waiting.length > 0) await send(waiting.splice(0, MAX_BATCH));
    inFlight -= 1;
  };

  return {
    claim(claim) {
      return new Promise<ClaimOutcome>((resolve, reject) => {
        waiting.push({ claim, resolve, reject });
        if (inFlight < MAX_IN_FLIGHT) void lane();
      });
    },
  };
}

/** Lets a resend of a failed turn try again. */
export async function releaseTurn(q: Queryable, dedupeKey: string): Promise<void> {
  await q.query('DELETE FROM processed_activities WHERE activity_key = $1', [dedupeKey]);
}
