// Owns the SQL behind reports (issue 15): family feedback, the plain rows each
// report figure is computed from (src/domain/reports/ does the arithmetic),
// and the monthly report card's send log. The report rows carry ids, codes,
// case references and dates only: never a family's details or free text.
import type { Queryable } from './db.js';

// ---------------------------------------------------------------- family feedback

export interface FeedbackInsert {
  id: string;
  idempotencyKey: string;
  requestId: string;
  caseRef: string;
  hubId: string;
  moment: 'review' | 'closure';
  givenBy: 'child' | 'parent' | 'carer';
  listened: number;
  helped: number;
  easyToReach: number;
  comment: string;
  recordedBy: string;
  recordedAt: Date;
}

/** True when inserted; false when this idempotency key was already recorded (a resend or double click). */
export async function insertFeedback(q: Queryable, f: FeedbackInsert): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO family_feedback (id, idempotency_key, request_id, case_ref, hub_id, moment, given_by, listened, helped, easy_to_reach, comment, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (idempotency_key) DO NOTHING`,
    [f.id, f.idempotencyKey, f.requestId, f.caseRef, f.hubId, f.moment, f.givenBy, f.listened, f.helped, f.easyToReach, f.comment, f.recordedBy, f.recordedAt]);
  return (r.rowCount ?? 0) > 0;
}

export async function countFeedbackFor(q: Queryable, requestId: string): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM family_feedback WHERE request_id = $1', [requestId]);
  return r.rows[0]?.n ?? 0;
}
