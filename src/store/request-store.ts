// Owns the SQL for 0–19 requests: drafts, submission, status changes with
// their history, the lists (mine, a hub's queue, a practitioner's cases),
// caseload counts, and the read-only look-ups of the check or booking a
// request is started from (tables owned by other features, read defensively).
import type { Queryable } from './db.js';
import { planRedraw } from './record-card-store.js';
import type { RequestForm } from '../domain/request/form.js';
import type { RequestStatus } from '../domain/request/status.js';

export interface RequestRow {
  id: string;
  idempotency_key: string;
  referrer_aad: string;
  hub_id: string | null;
  status: RequestStatus;
  step: string;
  case_ref: string | null;
  level: number | null;
  vulnerability: number;
  vulnerability_factors: string[];
  intervention: string | null;
  age_range: string | null;
  form: RequestForm;
  source_check_id: string | null;
  source_booking_id: string | null;
  suggested_practitioner_aad: string | null;
  allocated_to: string | null;
  allocated_by: string | null;
  allocated_at: Date | null;
  /** 'YYYY-MM-DD' (selected as text so no time zone ever touches it). */
  start_date: string | null;
  decline_reason: string | null;
  decline_alternatives: string | null;
  end_reason: string | null;
  end_note: string | null;
  cc_registration: 'registered' | 'encouraged' | 'not-applicable' | null;
  cc_registration_by: string | null;
  cc_registration_at: Date | null;
  partner_involvement: 'confirmed' | 'none' | null;
  partner_involvement_by: string | null;
  partner_involvement_at: Date | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  ended_at: Date | null;
  /** The case it belongs to (migration 040), once it has a reference and an area. */
  case_id?: string | null;
  /** The request this one continues with the same practitioner after a step down (migration 040). */
  continued_from_request_id?: string | null;
}

const COLUMNS = `r.*, to_char(r.start_date, 'YYYY-MM-DD') AS start_date`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewDraft {
  id: string; key: string; referrer: string; form: RequestForm; caseRef: string | null; hubId: string | null;
  sourceCheckId: string | null; sourceBookingId: string | null; suggestedPractitioner: string | null; now: Date;
}

/** Inserts a draft; undefined when the key, or a draft from the same check or booking, already exists. */
export async function insertDraft(q: Queryable, d: NewDraft): Promise<RequestRow | undefined> {
  const r = await q.query<RequestRow>(
    `INSERT INTO requests AS r (id, idempotency_key, referrer_aad, status, step, form, case_ref, hub_id, source_check_id, source_booking_id, suggested_practitioner_aad, created_at, updated_at)
     VALUES ($1, $2, $3, 'draft', 'family', $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [d.id, d.key, d.referrer, JSON.stringify(d.form), d.caseRef, d.hubId, d.sourceCheckId, d.sourceBookingId, d.suggestedPractitioner, d.now]);
  return r.rows[0];
}

export async function getRequest(q: Queryable, id: string, forUpdate = false): Promise<RequestRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await q.query<RequestRow>(`SELECT ${COLUMNS} FROM requests r WHERE r.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0];
}

export async function findByKey(q: Queryable, key: string): Promise<RequestRow | undefined> {
  const r = await q.query<RequestRow>(`SELECT ${COLUMNS} FROM requests r WHERE r.idempotency_key = $1`, [key]);
  return r.rows[0];
}

/** The draft (or latest request) this referrer started from a check or booking. */
export async function findFromSource(q: Queryable, referrer: string, source: { checkId?: string; bookingId?: string }): Promise<RequestRow | undefined> {
  const [column, value] = source.checkId ? ['source_check_id::text', source.checkId] : ['source_booking_id', source.bookingId ?? ''];
  const r = await q.query<RequestRow>(
    `SELECT ${COLUMNS} FROM requests r WHERE r.referrer_aad = $1 AND ${column} = $2 AND r.status NOT IN ('declined', 'withdrawn')
     ORDER BY (r.status = 'draft') DESC, r.updated_at DESC LIMIT 1`, [referrer, value]);
  return r.rows[0];
}

export async function saveDraft(q: Queryable, id: string, p: { form: RequestForm; step: string; caseRef: string | null; hubId: string | null; now: Date }): Promise<void> {
  await q.query(
    `UPDATE requests SET form = $2, step = $3, case_ref = $4, hub_id = $5, updated_at = $6 WHERE id = $1 AND status = 'draft'`,
    [id, JSON.stringify(p.form), p.step, p.caseRef, p.hubId, p.now]);
}

export async function deleteDraft(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM requests WHERE id = $1 AND status = 'draft'`, [id]);
  return r.rowCount === 1;
}

export interface Submission {
  form: RequestForm; hubId: string; caseRef: string; level: number; vulnerability: number; factors: string[];
  intervention: string; ageRange: string; now: Date;
}

export async function markSubmitted(q: Queryable, id: string, s: Submission): Promise<RequestRow> {
  const r = await q.query<RequestRow>(
    `UPDATE requests AS r SET status = 'submitted', form = $2, hub_id = $3, case_ref = $4, level = $5, vulnerability = $6,
       vulnerability_factors = $7, intervention = $8, age_range = $9, submitted_at = $10, updated_at = $10, step = 'review'
     WHERE id = $1 AND status = 'draft' RETURNING ${COLUMNS}`,
    [id, JSON.stringify(s.form), s.hubId, s.caseRef, s.level, s.vulnerability, s.factors, s.intervention, s.ageRange, s.now]);
  return r.rows[0]!;
}

/**
 * The practitioner who has this case in this hub now: the most recently
 * allocated open request with the same case reference (another request than
 * `exceptId`). Cases are not records of their own yet, so requests stand in.
 */
export async function currentWorkerOfCase(q: Queryable, caseRef: string, hubId: string, exceptId: string): Promise<string | undefined> {
  const r = await q.query<{ allocated_to: string }>(
    `SELECT allocated_to FROM requests
      WHERE (case_id = (SELECT case_id FROM requests WHERE id = $3) OR (case_id IS NULL AND case_ref = $1))
        AND hub_id = $2 AND id <> $3 AND allocated_to IS NOT NULL AND status IN ('allocated', 'started', 'in-review')
      ORDER BY allocated_at DESC NULLS LAST LIMIT 1`,
    [caseRef, hubId, exceptId]);
  return r.rows[0]?.allocated_to;
}

export async function setSuggestedPractitioner(q: Queryable, id: string, aad: string): Promise<RequestRow> {
  const r = await q.query<RequestRow>(`UPDATE requests AS r SET suggested_practitioner_aad = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, aad]);
  return r.rows[0]!;
}

/** Columns a status change or task may set; names are fixed here, never taken from input. */
export interface RequestPatch {
  status?: RequestStatus;
  allocated_to?: string; allocated_by?: string; allocated_at?: Date;
  start_date?: string;
  decline_reason?: string; decline_alternatives?: string;
  end_reason?: string; end_note?: string; ended_at?: Date;
  cc_registration?: string; cc_registration_by?: string; cc_registration_at?: Date;
  partner_involvement?: string; partner_involvement_by?: string; partner_involvement_at?: Date;
}
const PATCHABLE = new Set<string>(['status', 'allocated_to', 'allocated_by', 'allocated_at', 'start_date', 'decline_reason', 'decline_alternatives',
  'end_reason', 'end_note', 'ended_at', 'cc_registration', 'cc_registration_by', 'cc_registration_at', 'partner_involvement', 'partner_involvement_by', 'partner_involvement_at']);

export async function updateRequest(q: Queryable, id: string, patch: RequestPatch, now: Date): Promise<RequestRow> {
  const entries = Object.entries(patch).filter(([k, v]) => PATCHABLE.has(k) && v !== undefined);
  const sets = entries.map(([k], i) => `${k} = $${i + 3}`);
  const r = await q.query<RequestRow>(
    `UPDATE requests AS r SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, now, ...entries.map(([, v]) => v)]);
  // Every message showing this request's card is redrawn with the change (issue 13).
  await planRedraw(q, 'request', id);
  return r.rows[0]!;
}

export async function addHistory(q: Queryable, h: { requestId: string; from: RequestStatus | null; to: RequestStatus; actor: string; at: Date; note?: string }): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO request_status_history (request_id, from_status, to_status, actor, at, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [h.requestId, h.from, h.to, h.actor, h.at, h.note ?? null]);
  return r.rows[0]!.id;
}

export interface HistoryRow { from_status: string | null; to_status: RequestStatus; actor: string; at: Date; note: string | null }

export async function historyOf(q: Queryable, requestId: string): Promise<HistoryRow[]> {
  const r = await q.query<HistoryRow>(`SELECT from_status, to_status, actor, at, note FROM request_status_history WHERE request_id = $1 ORDER BY id`, [requestId]);
  return r.rows;
}

export async function requestsOfReferrer(q: Queryable, referrer: string, limit = 20): Promise<RequestRow[]> {
  const r = await q.query<RequestRow>(`SELECT ${COLUMNS} FROM requests r WHERE r.referrer_aad = $1 ORDER BY r.updated_at DESC LIMIT $2`, [referrer, limit]);
  return r.rows;
}

export async function draftsOf(q: Queryable, referrer: string): Promise<RequestRow[]> {
  const r = await q.query<RequestRow>(`SELECT ${COLUMNS} FROM requests r WHERE r.referrer_aad = $1 AND r.status = 'draft' ORDER BY r.updated_at DESC`, [referrer]);
  return r.rows;
}

/** Requests waiting in a hub: ordered by the domain's priority rule by the caller. */
export async function hubRequests(q: Queryable, hubId: string, statuses: readonly RequestStatus[]): Promise<RequestRow[]> {
  const r = await q.query<RequestRow>(`SELECT ${COLUMNS} FROM requests r WHERE r.hub_id = $1 AND r.status = ANY($2)`, [hubId, statuses]);
  return r.rows;
}

export async function casesOf(q: Queryable, practitioner: string, statuses: readonly RequestStatus[]): Promise<RequestRow[]> {
  const r = await q.query<RequestRow>(`SELECT ${COLUMNS} FROM requests r WHERE r.allocated_to = $1 AND r.status = ANY($2)`, [practitioner, statuses]);
  return r.rows;
}

/** Open cases per practitioner, for the allocation card. */
export async function caseloads(q: Queryable, practitioners: readonly string[], statuses: readonly RequestStatus[]): Promise<Map<string, number>> {
  const r = await q.query<{ aad: string; n: string }>(
    `SELECT allocated_to AS aad, count(*) AS n FROM requests WHERE allocated_to = ANY($1) AND status = ANY($2) GROUP BY allocated_to`, [practitioners, statuses]);
  return new Map(r.rows.map((row) => [row.aad, Number(row.n)]));
}

/** A check row as plain JSON (only the fields we read are assumed). */
export async function checkForRequest(q: Queryable, checkId: string): Promise<Record<string, unknown> | undefined> {
  if (!UUID.test(checkId)) return undefined;
  const r = await q.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(c) AS row FROM checks c WHERE c.id = $1`, [checkId]);
  return r.rows[0]?.row;
}

/** A booking row as plain JSON (only the fields we read are assumed). */
export async function bookingForRequest(q: Queryable, bookingId: string): Promise<Record<string, unknown> | undefined> {
  if (!/^[\w-]{1,64}$/.test(bookingId)) return undefined;
  const r = await q.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(b) AS row FROM bookings b WHERE b.id::text = $1`, [bookingId]);
  return r.rows[0]?.row;
}

/** Who the latest live request with this case reference is allocated to, and its hub (for routing an already-open family). */
export async function allocationForCase(q: Queryable, caseRef: string): Promise<{ allocatedTo: string; hubId: string | null } | undefined> {
  const r = await q.query<{ allocated_to: string; hub_id: string | null }>(
    `SELECT allocated_to, hub_id FROM requests WHERE case_ref = $1 AND allocated_to IS NOT NULL
       AND status IN ('allocated', 'started', 'in-review') ORDER BY created_at DESC LIMIT 1`, [caseRef]);
  const row = r.rows[0];
  return row ? { allocatedTo: row.allocated_to, hubId: row.hub_id } : undefined;
}
