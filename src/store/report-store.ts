// Owns the SQL behind reports (issue 15): family feedback, the plain rows each
// report figure is computed from (src/domain/reports/ does the arithmetic),
// and the monthly report card's send log. The report rows carry ids, codes,
// case references and dates only: never a family's details or free text.
import type { Queryable } from './db.js';
import type { ReportRows } from '../domain/reports/rows.js';
import type { ScopeFilter } from '../domain/reports/scope.js';

// ---------------------------------------------------------------- family feedback

/** One family's feedback as recorded (migration 050). */
export interface FeedbackRecord {
  moment: 'review' | 'closure';
  givenBy: 'child' | 'parent' | 'carer';
  listened: number;
  helped: number;
  easyToReach: number;
  /** The family's own words: family data, shown only on the request's details card. */
  comment: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface FeedbackInsert extends FeedbackRecord {
  id: string;
  idempotencyKey: string;
  requestId: string;
  caseRef: string;
  hubId: string;
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

/** The request's feedback, newest first, at most `limit` records, and how many there are in all: one statement. */
export async function feedbackOf(q: Queryable, requestId: string, limit: number): Promise<{ records: FeedbackRecord[]; total: number }> {
  const r = await q.query<FeedbackRecord & { total: number }>(
    `SELECT moment, given_by AS "givenBy", listened, helped, easy_to_reach AS "easyToReach", comment, recorded_by AS "recordedBy", recorded_at AS "recordedAt",
            (count(*) OVER ())::int AS total
       FROM family_feedback WHERE request_id = $1 ORDER BY recorded_at DESC, id LIMIT $2`, [requestId, limit]);
  return { records: r.rows.map(({ total: _total, ...record }) => record), total: r.rows[0]?.total ?? 0 };
}

// ---------------------------------------------------------------- report rows

export interface ReportWindow {
  weeks: string[];
  startsAt: Date;
  endsAt: Date;
  /** Start of the period before (requests closed then give the involvement comparison). */
  previousStartsAt: Date;
  now: Date;
}

/**
 * Instants as epoch milliseconds (float8): thousands of rows parse much faster
 * as numbers than as timestamp text (bench/report.ts); turned back into Dates below.
 */
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(v as number));

const REQUEST_SCOPE = `($1::text[] IS NULL OR r.hub_id = ANY($1)) AND ($2::text[] IS NULL OR r.referrer_aad = ANY($2))`;

/** Every row one report needs, in one read-only pass; the figures are computed by src/domain/reports/figures.ts. */
export async function readReportRows(q: Queryable, f: ScopeFilter, w: ReportWindow): Promise<ReportRows> {
  const hubWeeks = await q.query(
    `WITH caps AS (
       SELECT hub_id, week_id, coalesce(cap_override, default_cap) AS cap FROM hub_weeks
        WHERE week_id = ANY($1) AND ($2::text[] IS NULL OR hub_id = ANY($2))),
     used AS (
       SELECT hub_id, week_id, count(*)::int AS used FROM bookings
        WHERE week_id = ANY($1) AND ($2::text[] IS NULL OR hub_id = ANY($2)) AND booking_holds_place(status)
        GROUP BY hub_id, week_id)
     SELECT coalesce(c.hub_id, u.hub_id) AS "hubId", coalesce(c.week_id, u.week_id) AS "weekId", c.cap, coalesce(u.used, 0) AS used
       FROM caps c FULL JOIN used u ON u.hub_id = c.hub_id AND u.week_id = c.week_id`,
    [w.weeks, f.placeHubIds]);
  // A visit led to a request filed from it, or to one filed for its case after it (two spellings of a reference are one case).
  const bookings = await q.query(
    `SELECT b.id, b.case_id AS "caseId", b.case_ref AS "caseRef", b.hub_id AS "hubId", b.dat_team_id AS "datTeamId", b.visit_type AS "visitType", b.status, ${ms('b.visit_at')} AS "visitAt",
            ${ms(`least(
              (SELECT min(r.submitted_at) FROM requests r WHERE r.source_booking_id = b.id::text AND r.submitted_at IS NOT NULL),
              (SELECT min(r.submitted_at) FROM requests r WHERE r.case_id = b.case_id AND r.submitted_at >= b.visit_at))`)} AS "requestSubmittedAt"
       FROM bookings b
      WHERE b.visit_at >= $1 AND b.visit_at < $2 AND ($3::text[] IS NULL OR b.hub_id = ANY($3)) AND ($4::text[] IS NULL OR b.dat_team_id = ANY($4))`,
    [w.startsAt, w.endsAt, f.bookingHubIds, f.bookingDatTeamIds]);
  const requests = await q.query(
    `SELECT r.id, r.case_id AS "caseId", r.case_ref AS "caseRef", r.hub_id AS "hubId", r.status, ${ms('r.submitted_at')} AS "submittedAt", ${ms('r.allocated_at')} AS "allocatedAt",
            r.start_date::text AS "startDate", ${ms('r.ended_at')} AS "endedAt", r.end_reason AS "endReason", r.allocated_to AS "allocatedTo",
            r.continued_from_request_id AS "continuedFromRequestId", p.allocated_to AS "continuedFromAllocatedTo",
            (osr.case_id IS NOT NULL) AS "osrCase", coalesce(ff.n, 0) AS "feedbackCount"
       FROM requests r
       LEFT JOIN requests p ON p.id = r.continued_from_request_id
       -- Joined once as sets (hash joins), not asked per request: a year's report reads thousands of requests.
       -- An OSR case is a case (not a reference as typed) with a joint visit.
       LEFT JOIN (SELECT DISTINCT case_id FROM bookings WHERE case_id IS NOT NULL) osr ON osr.case_id = r.case_id
       LEFT JOIN (SELECT request_id, count(*)::int AS n FROM family_feedback GROUP BY request_id) ff ON ff.request_id = r.id
      WHERE r.status <> 'draft' AND ${REQUEST_SCOPE}
        AND ((r.submitted_at >= $3 AND r.submitted_at < $4) OR (r.ended_at >= $3 AND r.ended_at < $4))`,
    [f.requestHubIds, f.referrerAads, w.previousStartsAt, w.endsAt]);
  // A reminder's case is the case of the request or joint visit it is about.
  const reminders = await q.query(
    `SELECT m.cause, m.cause_id AS "causeId", m.occurrence, coalesce(rq.case_id, bk.case_id) AS "caseId", m.case_ref AS "caseRef",
            ${ms('m.due_at')} AS "dueAt", m.status, m.escalation, ${ms('m.sent_at')} AS "sentAt"
       FROM reminders m
       LEFT JOIN requests rq ON rq.id::text = m.cause_id
       LEFT JOIN bookings bk ON bk.id::text = m.cause_id
      WHERE m.due_at >= $1 AND m.due_at < least($2, $3::timestamptz + interval '1 millisecond') AND ($4::text[] IS NULL OR m.recipient = ANY($4))`,
    [w.startsAt, w.endsAt, w.now, f.reminderRecipients]);
  const undeliverable = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications
      WHERE status IN ('undeliverable', 'dead') AND created_at >= $1 AND created_at < $2 AND ($3::text[] IS NULL OR recipient_id = ANY($3))`,
    [w.startsAt, w.endsAt, f.notificationRecipients]);
  const checks = await q.query(
    `SELECT case_id AS "caseId", case_ref AS "caseRef", level, override_level AS "overrideLevel" FROM checks
      WHERE status = 'completed' AND level IS NOT NULL AND completed_at >= $1 AND completed_at < $2 AND ($3::text[] IS NULL OR owner_aad = ANY($3))`,
    [w.startsAt, w.endsAt, f.checkOwnerAads]);
  const feedback = await q.query(
    `SELECT ff.given_by AS "givenBy", ff.listened, ff.helped, ff.easy_to_reach AS "easyToReach"
       FROM family_feedback ff JOIN requests r ON r.id = ff.request_id
      WHERE ff.recorded_at >= $3 AND ff.recorded_at < $4 AND ${REQUEST_SCOPE}`,
    [f.requestHubIds, f.referrerAads, w.startsAt, w.endsAt]);
  return {
    hubWeeks: hubWeeks.rows,
    bookings: bookings.rows.map((b) => ({ ...b, visitAt: new Date(b.visitAt), requestSubmittedAt: dateOrNull(b.requestSubmittedAt) })),
    requests: requests.rows.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt), allocatedAt: dateOrNull(r.allocatedAt), endedAt: dateOrNull(r.endedAt) })),
    reminders: reminders.rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt), sentAt: dateOrNull(r.sentAt) })),
    undeliverable: undeliverable.rows[0]?.n ?? 0, checks: checks.rows, feedback: feedback.rows,
  } as ReportRows;
}

export interface ScopedCase { caseId: string; areaId: string; caseRef: string }

/**
 * Of these cases, those with a request, joint visit or check inside the
 * scope, with the area and reference of each (for "Open the case"): a
 * drill-down never lists another hub's or team's case.
 */
export async function casesInScope(q: Queryable, f: ScopeFilter, caseIds: string[]): Promise<Map<string, ScopedCase>> {
  if (caseIds.length === 0) return new Map();
  const r = await q.query<ScopedCase>(
    `SELECT c.id::text AS "caseId", c.area_id AS "areaId", c.case_ref AS "caseRef" FROM cases c
      WHERE c.id = ANY($1::uuid[]) AND (
        EXISTS (SELECT 1 FROM requests r WHERE r.case_id = c.id AND r.status <> 'draft' AND ($2::text[] IS NULL OR r.hub_id = ANY($2)) AND ($3::text[] IS NULL OR r.referrer_aad = ANY($3)))
        OR EXISTS (SELECT 1 FROM bookings b WHERE b.case_id = c.id AND ($4::text[] IS NULL OR b.hub_id = ANY($4)) AND ($5::text[] IS NULL OR b.dat_team_id = ANY($5)))
        OR EXISTS (SELECT 1 FROM checks k WHERE k.case_id = c.id AND k.status = 'completed' AND ($6::text[] IS NULL OR k.owner_aad = ANY($6))))`,
    [caseIds, f.requestHubIds, f.referrerAads, f.bookingHubIds, f.bookingDatTeamIds, f.checkOwnerAads]);
  return new Map(r.rows.map((x) => [x.caseId, x]));
}

// ---------------------------------------------------------------- monthly report card

/** True the first time for this month and manager: the caller then sends the card in the same transaction. */
export async function claimMonthlySend(q: Queryable, month: string, recipientAad: string, now: Date): Promise<boolean> {
  const r = await q.query(`INSERT INTO monthly_report_sends (month, recipient_aad, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [month, recipientAad, now]);
  return (r.rowCount ?? 0) > 0;
}
