// Owns the parenting_sessions and parenting_reviews tables (migration 012):
// the sessions held on a request's parenting work, numbered in order, and the
// one review after them.
import type { Queryable } from './db.js';

export interface ParentingSessionRow { session_number: number; held_on: string; recorded_at: Date }
export interface ParentingReviewRow { held_on: string; outcome: 'extend' | 'end'; extended_until: string | null; reason: string | null }

export async function sessionsOf(q: Queryable, requestId: string): Promise<ParentingSessionRow[]> {
  const r = await q.query<ParentingSessionRow>(
    `SELECT session_number, to_char(held_on, 'YYYY-MM-DD') AS held_on, recorded_at FROM parenting_sessions WHERE request_id = $1 ORDER BY session_number`,
    [requestId]);
  return r.rows;
}

export async function sessionByKey(q: Queryable, key: string): Promise<{ request_id: string; session_number: number } | undefined> {
  const r = await q.query<{ request_id: string; session_number: number }>(`SELECT request_id, session_number FROM parenting_sessions WHERE idempotency_key = $1`, [key]);
  return r.rows[0];
}

/** The caller holds the request's row lock, so numbering in order cannot race. */
export async function insertSession(q: Queryable, s: { requestId: string; number: number; heldOn: string; key: string; by: string; at: Date }): Promise<void> {
  await q.query(
    `INSERT INTO parenting_sessions (request_id, session_number, held_on, idempotency_key, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.requestId, s.number, s.heldOn, s.key, s.by, s.at]);
}

export async function reviewOf(q: Queryable, requestId: string): Promise<ParentingReviewRow | undefined> {
  const r = await q.query<ParentingReviewRow>(
    `SELECT to_char(held_on, 'YYYY-MM-DD') AS held_on, outcome, to_char(extended_until, 'YYYY-MM-DD') AS extended_until, reason FROM parenting_reviews WHERE request_id = $1`,
    [requestId]);
  return r.rows[0];
}

/** Returns false when the request already has its review. */
export async function insertReview(q: Queryable, r: { requestId: string; heldOn: string; outcome: 'extend' | 'end'; extendedUntil: string | null; reason: string | null; by: string; at: Date }): Promise<boolean> {
  const inserted = await q.query(
    `INSERT INTO parenting_reviews (request_id, held_on, outcome, extended_until, reason, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (request_id) DO NOTHING`,
    [r.requestId, r.heldOn, r.outcome, r.extendedUntil, r.reason, r.by, r.at]);
  return (inserted.rowCount ?? 0) > 0;
}
