// Owns the reminders table and the graphile jobs that fire them. Every
// statement takes a Queryable so callers run it inside their own transaction:
// a cause's change, its reminder and the reminder's job commit together.
import type { Queryable } from './db.js';
import { addJobs, removeJobs } from './job-queue.js';

export const SEND_REMINDER_TASK = 'send-reminder';

export type ReminderStatus = 'pending' | 'sent' | 'resolved' | 'snoozed' | 'undeliverable';

export interface ReminderRow {
  id: string;
  job_key: string;
  cause: string;
  cause_id: string;
  occurrence: string;
  recipient: string;
  recipient_spec: unknown;
  due_at: Date;
  status: ReminderStatus;
  escalation: number;
  case_ref: string | null;
  template: string;
  data: Record<string, unknown>;
  sent_at: Date | null;
  snooze_count: number;
  resolved_at: Date | null;
  resolved_by: string | null;
  outcome: string | null;
  outcome_detail: unknown;
}

export interface ReminderUpsert {
  jobKey: string;
  cause: string;
  causeId: string;
  occurrence: string;
  recipient: string;
  recipientSpec: unknown;
  dueAt: Date;
  escalation: number;
  caseRef: string | null;
  template: string;
  data: Record<string, unknown>;
}

/** The graphile job key of a reminder's job: one job per reminder, ever. */
export function reminderJobKey(jobKey: string): string {
  return `reminder:${jobKey}`;
}

export function reminderQueueName(recipient: string): string {
  return `remind:${recipient}`;
}

/**
 * Inserts or updates by job key, then (re)places each changed reminder's job
 * at its due time with job_key_mode 'replace'. A reminder already sent,
 * resolved or undeliverable is left alone: the same key is the same reminder,
 * and it never goes twice. A snoozed one keeps the later of its snooze and the
 * new due time (the person asked not to hear before then).
 * Returns the job keys that are now pending.
 */
export async function upsertReminders(q: Queryable, rows: readonly ReminderUpsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof ReminderUpsert>(k: K) => rows.map((r) => r[k]);
  const result = await q.query<{ job_key: string; due_at: Date; recipient: string }>(
    `INSERT INTO reminders AS r (job_key, cause, cause_id, occurrence, recipient, recipient_spec, due_at, escalation, case_ref, template, data)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[], $8::int[], $9::text[], $10::text[], $11::jsonb[])
     ON CONFLICT (job_key) DO UPDATE SET
       due_at = CASE WHEN r.status = 'snoozed' THEN greatest(r.due_at, EXCLUDED.due_at) ELSE EXCLUDED.due_at END,
       recipient_spec = EXCLUDED.recipient_spec, case_ref = EXCLUDED.case_ref,
       template = EXCLUDED.template, data = EXCLUDED.data, updated_at = now()
     WHERE r.status IN ('pending', 'snoozed')
     RETURNING job_key, due_at, recipient`,
    [
      col('jobKey'), col('cause'), col('causeId'), col('occurrence'), col('recipient'),
      rows.map((r) => JSON.stringify(r.recipientSpec)), col('dueAt'), col('escalation'), col('caseRef'), col('template'),
      rows.map((r) => JSON.stringify(r.data)),
    ]);
  await placeJobs(q, result.rows.map((r) => ({ jobKey: r.job_key, dueAt: r.due_at, recipient: r.recipient })));
  return result.rows.map((r) => r.job_key);
}

/**
 * One graphile queue per recipient: a person's reminders fire one at a time
 * in due order, so their cards enter the outbox (and reach them) in that order.
 */
async function placeJobs(q: Queryable, jobs: { jobKey: string; dueAt: Date; recipient: string }[]): Promise<void> {
  if (jobs.length === 0) return;
  await addJobs(q, jobs.map((j) => ({
    task: SEND_REMINDER_TASK, payload: { jobKey: j.jobKey }, runAt: j.dueAt, maxAttempts: 10, queueName: `remind:${j.recipient}`, jobKey: reminderJobKey(j.jobKey),
  })));
}

export interface Resolution {
  outcome: string;
  by?: string;
  detail?: Record<string, unknown>;
}

/**
 * Marks every open reminder (pending, snoozed or sent) of one cause resolved,
 * removes their jobs, and cancels their cards not yet delivered.
 */
export async function resolveOpenReminders(q: Queryable, cause: string, causeId: string, r: Resolution): Promise<ReminderRow[]> {
  const resolved = await q.query<ReminderRow>(
    `UPDATE reminders SET status = 'resolved', resolved_at = now(), resolved_by = $3, outcome = $4, outcome_detail = $5, updated_at = now()
      WHERE cause = $1 AND cause_id = $2 AND status IN ('pending', 'snoozed', 'sent')
      RETURNING *`,
    [cause, causeId, r.by ?? null, r.outcome, r.detail === undefined ? null : JSON.stringify(r.detail)]);
  await afterClosing(q, resolved.rows);
  return resolved.rows;
}

/**
 * Done on one occurrence closes it for everyone it went to (the practitioner
 * and the manager's copy), undeliverable copies included.
 */
export async function resolveOccurrence(
  q: Queryable, o: { cause: string; causeId: string; occurrence: string }, r: Resolution & { by: string }, now: Date,
): Promise<ReminderRow[]> {
  const resolved = await q.query<ReminderRow>(
    `UPDATE reminders SET status = 'resolved', resolved_at = $7, resolved_by = $4, outcome = $5, outcome_detail = $6, updated_at = $7
      WHERE cause = $1 AND cause_id = $2 AND occurrence = $3 AND status IN ('pending', 'snoozed', 'sent', 'undeliverable')
      RETURNING *`,
    [o.cause, o.causeId, o.occurrence, r.by, r.outcome, r.detail === undefined ? null : JSON.stringify(r.detail), now]);
  await afterClosing(q, resolved.rows);
  return resolved.rows;
}

async function afterClosing(q: Queryable, rows: ReminderRow[]): Promise<void> {
  if (rows.length === 0) return;
  await removeJobs(q, rows.map((r) => reminderJobKey(r.job_key)));
  await q.query(
    `UPDATE notifications SET status = 'cancelled', last_error = 'reminder resolved'
      WHERE reminder_id = ANY($1::bigint[]) AND status IN ('pending', 'held') AND sending_since IS NULL`,
    [rows.map((r) => r.id)]);
}

/** Open reminders about one case among those sent to `recipientKeys` (for "Open the case"). */
export async function openCaseReminders(q: Queryable, caseRef: string, recipientKeys: string[], limit = 20): Promise<ReminderRow[]> {
  const r = await q.query<ReminderRow>(
    `SELECT * FROM reminders WHERE case_ref = $1 AND recipient = ANY($2::text[]) AND status IN ('pending', 'snoozed', 'sent')
      ORDER BY due_at LIMIT $3`,
    [caseRef, recipientKeys, limit]);
  return r.rows;
}

export async function reminderById(q: Queryable, id: string, forUpdate = false): Promise<ReminderRow | undefined> {
  const r = await q.query<ReminderRow>(`SELECT * FROM reminders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0];
}

/** Locks a reminder for its job, saying whether its due time is still ahead (database time, with a second of slack). */
export async function lockReminderForFiring(q: Queryable, jobKey: string): Promise<(ReminderRow & { in_future: boolean }) | undefined> {
  const r = await q.query<ReminderRow & { in_future: boolean }>(
    `SELECT *, due_at > now() + interval '1 second' AS in_future FROM reminders WHERE job_key = $1 FOR UPDATE`, [jobKey]);
  return r.rows[0];
}

export async function markReminderSent(q: Queryable, id: string, status: 'sent' | 'undeliverable'): Promise<void> {
  await q.query(`UPDATE reminders SET status = $2, sent_at = now(), updated_at = now() WHERE id = $1`, [id, status]);
}

/** Moves a sent or pending reminder to a new due time and places its job again. */
export async function snoozeReminderRow(q: Queryable, id: string, until: Date): Promise<ReminderRow | undefined> {
  const r = await q.query<ReminderRow>(
    `UPDATE reminders SET status = 'snoozed', due_at = $2, snooze_count = snooze_count + 1, updated_at = now()
      WHERE id = $1 AND status IN ('pending', 'snoozed', 'sent') RETURNING *`,
    [id, until]);
  const row = r.rows[0];
  if (row) await placeJobs(q, [{ jobKey: row.job_key, dueAt: until, recipient: row.recipient }]);
  return row;
}

/**
 * Open reminders for any of `recipientKeys` due before `until`: sent and
 * awaiting action, or pending/snoozed and due. Digests are not reminders to act on.
 */
export async function openRemindersFor(q: Queryable, recipientKeys: string[], until: Date, limit = 25): Promise<ReminderRow[]> {
  const r = await q.query<ReminderRow>(
    `SELECT * FROM reminders
      WHERE recipient = ANY($1::text[]) AND status IN ('pending', 'snoozed', 'sent') AND due_at <= $2 AND cause <> 'weekly-digest'
      ORDER BY due_at, id LIMIT $3`,
    [recipientKeys, until, limit]);
  return r.rows;
}

/** The last ISO week whose digest went to a hub, or null. */
export async function lastDigestWeek(q: Queryable, hubId: string): Promise<string | null> {
  const r = await q.query<{ week: string | null }>(
    `SELECT max(occurrence) AS week FROM reminders WHERE cause = 'weekly-digest' AND cause_id = $1 AND status IN ('sent', 'undeliverable', 'resolved')`,
    [hubId]);
  return r.rows[0]?.week ?? null;
}
