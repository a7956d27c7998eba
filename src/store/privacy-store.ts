// Owns finding everything held about one case reference, for the subject
// access export and for erasure, from an explicit list of the tables that hold
// case data: rows with the case reference in a column or anywhere in a JSON
// document, and rows that belong to those (a request's status history, a
// reminder's cards). The audit trail is read and redacted separately: its rows
// are kept, their before/after/detail are not. A table added without being
// classified here fails test/security/erasure-tables.test.ts.
import type { Queryable } from './db.js';
import { ident } from './schema-catalog.js';
import { removeJobs as removeJobsByKey } from './job-queue.js';

/** `$1` is the case reference; `$2` the jsonpath variables (the reference as typed, upper- and lower-case). */
export interface CaseScope { table: string; where: string }

export function caseParams(caseRef: string): [string, string] {
  return [caseRef, JSON.stringify({ a: caseRef, b: caseRef.toUpperCase(), c: caseRef.toLowerCase() })];
}

const JSON_MATCH = `'$.** ? (@ == $a || @ == $b || @ == $c)'`;
const byCaseRef = (table: string) => `upper(${table}.case_ref) = upper($1)`;
const inJson = (table: string, column: string) => `jsonb_path_exists(${table}.${column}, ${JSON_MATCH}, $2::jsonb)`;
const any = (...conditions: string[]) => `(${conditions.join(' OR ')})`;

const CHECKS = any(byCaseRef('checks'), inJson('checks', 'answers'), inJson('checks', 'result'));
const REQUESTS = any(byCaseRef('requests'), inJson('requests', 'form'));
const BOOKINGS = byCaseRef('bookings');
const REMINDERS = any(byCaseRef('reminders'), inJson('reminders', 'recipient_spec'), inJson('reminders', 'data'), inJson('reminders', 'outcome_detail'));

/**
 * Every table holding data about a case and how its rows about one case are
 * found, in delete order: a row always goes before the row it refers to.
 */
export const CASE_DATA_TABLES: readonly CaseScope[] = [
  // Which Teams messages show a request's or a booking's card: goes with the record.
  { table: 'record_cards', where: any(`record_cards.record_type = 'request' AND record_cards.record_id IN (SELECT id FROM requests WHERE ${REQUESTS})`,
    `record_cards.record_type = 'booking' AND record_cards.record_id IN (SELECT id FROM bookings WHERE ${BOOKINGS})`) },
  { table: 'request_status_history', where: `request_status_history.request_id IN (SELECT id FROM requests WHERE ${REQUESTS})` },
  { table: 'missing_episodes', where: `missing_episodes.request_id IN (SELECT id FROM requests WHERE ${REQUESTS})` },
  { table: 'parenting_sessions', where: `parenting_sessions.request_id IN (SELECT id FROM requests WHERE ${REQUESTS})` },
  { table: 'parenting_reviews', where: `parenting_reviews.request_id IN (SELECT id FROM requests WHERE ${REQUESTS})` },
  // The family's feedback (Barnet One Service Response protocol, 5.3): their scores and words.
  { table: 'family_feedback', where: any(byCaseRef('family_feedback'), `family_feedback.request_id IN (SELECT id FROM requests WHERE ${REQUESTS})`) },
  { table: 'requests', where: REQUESTS },
  { table: 'notifications', where: any(inJson('notifications', 'card_data'), `notifications.reminder_id IN (SELECT id FROM reminders WHERE ${REMINDERS})`) },
  { table: 'reminders', where: REMINDERS },
  { table: 'bookings', where: BOOKINGS },
  { table: 'checks', where: CHECKS },
  // Last: the checks, requests and bookings above refer to it.
  { table: 'cases', where: `cases.ref_key = regexp_replace(upper($1), '[^A-Z0-9]', '', 'g')` },
].map((s) => ({
  table: s.table,
  // Both parameters are always referenced, whichever conditions a table has (PostgreSQL refuses unused ones).
  where: `${s.where} AND $1::text IS NOT NULL AND $2::jsonb IS NOT NULL`,
}));

/**
 * Tables that never hold data about a family (ids, keys, schedules, delivery
 * state), so erasure leaves them alone. The audit trail is kept and redacted.
 */
export const NOT_CASE_DATA_TABLES: readonly string[] = [
  'audit_log', 'schema_migrations', 'conversation_refs', 'channel_refs', 'processed_activities', 'delivery_backoff',
  'job_worker_heartbeats', 'calendar_link_keys', 'hub_weeks', 'dat_duty_weeks',
  // Which area each hub is in: a copy of the directory.
  'hub_areas',
  // Staff data (when a practitioner was supervised), never about a family.
  'staff_supervisions',
  // Which manager was sent which month's report card: staff and months only.
  'monthly_report_sends',
];

export async function selectCaseRows(q: Queryable, caseRef: string): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const s of CASE_DATA_TABLES) {
    const r = await q.query(`SELECT * FROM ${ident(s.table)} WHERE ${s.where}`, caseParams(caseRef));
    if (r.rows.length > 0) out[s.table] = r.rows;
  }
  return out;
}

export async function countCaseRows(q: Queryable, caseRef: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of CASE_DATA_TABLES) {
    const r = await q.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(s.table)} WHERE ${s.where}`, caseParams(caseRef));
    const n = Number(r.rows[0]?.n ?? 0);
    if (n > 0) out[s.table] = n;
  }
  return out;
}

/** Deletes in scope order; returns what went, per table, and the graphile job keys of deleted rows (to cancel). */
export async function deleteCaseRows(q: Queryable, caseRef: string): Promise<{ counts: Record<string, number>; jobKeys: string[] }> {
  const counts: Record<string, number> = {};
  const jobKeys: string[] = [];
  for (const s of CASE_DATA_TABLES) {
    const r = await q.query<{ job_key?: string }>(`DELETE FROM ${ident(s.table)} WHERE ${s.where} RETURNING *`, caseParams(caseRef));
    if ((r.rowCount ?? 0) > 0) counts[s.table] = r.rowCount ?? 0;
    for (const row of r.rows) if (typeof row.job_key === 'string') jobKeys.push(row.job_key);
  }
  return { counts, jobKeys };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids of the case's records as the audit trail names them (record_id). Only
 * UUIDs: a serial id ("5") could name another record type's row in the trail.
 */
export function recordIdsOf(rows: Record<string, Record<string, unknown>[]>): string[] {
  return [...new Set(Object.values(rows).flat().map((r) => r.id).filter((id) => typeof id === 'string' && UUID.test(id)) as string[])];
}

const AUDIT_ABOUT_CASE = `(upper(case_ref) = upper($1) OR record_id = ANY($2::text[]))`;

export interface CaseAuditRow {
  id: string; at: Date; actor: string; action: string; outcome: string;
  record_type: string | null; record_id: string | null; case_ref: string | null;
  before: unknown; after: unknown; detail: unknown;
}

export async function auditRowsAboutCase(q: Queryable, caseRef: string, recordIds: string[]): Promise<CaseAuditRow[]> {
  const r = await q.query<CaseAuditRow>(`SELECT * FROM audit_log WHERE ${AUDIT_ABOUT_CASE} ORDER BY at, id`, [caseRef, recordIds]);
  return r.rows;
}

export const REDACTED = { redacted: 'erasure' };

/**
 * Blanks before/after/detail of the case's audit rows, keeping who, when,
 * what and which record. Privacy and retention rows hold counts only and stay.
 * Needs rr.audit_maintenance = 'on' in the caller's transaction.
 */
export async function redactCaseAudit(q: Queryable, caseRef: string, recordIds: string[]): Promise<number> {
  const r = await q.query(
    `UPDATE audit_log SET
       before = CASE WHEN before IS NULL THEN NULL ELSE $3::jsonb END,
       after  = CASE WHEN after  IS NULL THEN NULL ELSE $3::jsonb END,
       detail = CASE WHEN detail IS NULL THEN NULL ELSE $3::jsonb END
     WHERE ${AUDIT_ABOUT_CASE} AND action NOT LIKE 'privacy.%' AND action NOT LIKE 'retention.%'
       AND (before IS NOT NULL OR after IS NOT NULL OR detail IS NOT NULL)`,
    [caseRef, recordIds, JSON.stringify(REDACTED)]);
  return r.rowCount ?? 0;
}

/** Drops planned jobs of erased rows (e.g. reminders). */
export async function removeJobs(q: Queryable, jobKeys: string[]): Promise<void> {
  await removeJobsByKey(q, jobKeys);
}
