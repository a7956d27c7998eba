// Owns the bookings table and the two look-ups a booking needs from other
// features' tables (the threshold check it came from, the 0–19 request filed
// after it). SQL only; use cases hold the transaction.
import type { Queryable } from './db.js';
import { planRedraw } from './record-card-store.js';
import type { Booking, BookingStatus, BookingType, ReassignReason } from '../domain/booking/schema.js';

interface BookingDbRow {
  id: string; idempotency_key: string; hub_id: string; week_id: string; dat_team_id: string;
  social_worker_aad: string; lead_responder_aad: string; assignee_aad: string; visit_type: BookingType;
  visit_at: Date; counter_at: Date | null; case_ref: string; check_id: string | null; purpose: string; risks: string;
  status: BookingStatus; reassign_reason: ReassignReason | null; status_note: string | null; cancelled_by: string | null;
  awaiting_answer_since: Date | null; version: number; created_at: Date; updated_at: Date; accepted_at: Date | null;
  follow_up_sent_at: Date | null;
}

const toBooking = (r: BookingDbRow): Booking => ({
  id: r.id, idempotencyKey: r.idempotency_key, hubId: r.hub_id, weekId: r.week_id, datTeamId: r.dat_team_id,
  socialWorkerAad: r.social_worker_aad, leadResponderAad: r.lead_responder_aad, assigneeAad: r.assignee_aad, type: r.visit_type,
  visitAt: r.visit_at, counterAt: r.counter_at, caseRef: r.case_ref, checkId: r.check_id, purpose: r.purpose, risks: r.risks,
  status: r.status, reassignReason: r.reassign_reason, statusNote: r.status_note, cancelledBy: r.cancelled_by,
  awaitingAnswerSince: r.awaiting_answer_since, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  acceptedAt: r.accepted_at, followUpSentAt: r.follow_up_sent_at,
});

export type NewBooking = Omit<Booking, 'counterAt' | 'reassignReason' | 'statusNote' | 'cancelledBy' | 'version' | 'updatedAt' | 'acceptedAt' | 'followUpSentAt' | 'status'>;

/** Undefined when the idempotency key was already used (a double submit). */
export async function insertBooking(tx: Queryable, b: NewBooking): Promise<Booking | undefined> {
  const r = await tx.query<BookingDbRow>(
    `INSERT INTO bookings (id, idempotency_key, hub_id, week_id, dat_team_id, social_worker_aad, lead_responder_aad, assignee_aad,
       visit_type, visit_at, case_ref, check_id, purpose, risks, status, awaiting_answer_since, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'requested', $15, $16, $16)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
    [b.id, b.idempotencyKey, b.hubId, b.weekId, b.datTeamId, b.socialWorkerAad, b.leadResponderAad, b.assigneeAad,
      b.type, b.visitAt, b.caseRef, b.checkId, b.purpose, b.risks, b.awaitingAnswerSince, b.createdAt]);
  return r.rows[0] ? toBooking(r.rows[0]) : undefined;
}

export async function findBookingByKey(q: Queryable, idempotencyKey: string): Promise<Booking | undefined> {
  const r = await q.query<BookingDbRow>('SELECT * FROM bookings WHERE idempotency_key = $1', [idempotencyKey]);
  return r.rows[0] ? toBooking(r.rows[0]) : undefined;
}

/** With `forUpdate`, the row stays locked until the transaction ends: two answers to one booking queue. */
export async function getBooking(q: Queryable, id: string, forUpdate = false): Promise<Booking | undefined> {
  const r = await q.query<BookingDbRow>(`SELECT * FROM bookings WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ? toBooking(r.rows[0]) : undefined;
}

export type BookingPatch = Partial<Pick<Booking,
  'status' | 'assigneeAad' | 'visitAt' | 'counterAt' | 'reassignReason' | 'statusNote' | 'cancelledBy' | 'awaitingAnswerSince' | 'acceptedAt' | 'followUpSentAt'>>;

const COLUMNS: Record<keyof BookingPatch, string> = {
  status: 'status', assigneeAad: 'assignee_aad', visitAt: 'visit_at', counterAt: 'counter_at', reassignReason: 'reassign_reason',
  statusNote: 'status_note', cancelledBy: 'cancelled_by', awaitingAnswerSince: 'awaiting_answer_since', acceptedAt: 'accepted_at',
  followUpSentAt: 'follow_up_sent_at',
};

/** Applies the patch and bumps the version (the calendar invitation's SEQUENCE). */
export async function updateBooking(tx: Queryable, id: string, patch: BookingPatch, at: Date): Promise<Booking> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof BookingPatch, unknown][];
  const sets = entries.map(([k], i) => `${COLUMNS[k]} = $${i + 3}`);
  const r = await tx.query<BookingDbRow>(
    `UPDATE bookings SET ${[...sets, 'version = version + 1', 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING *`,
    [id, at, ...entries.map(([, v]) => v)]);
  // Every message showing this booking's card is redrawn with the change (issue 13).
  await planRedraw(tx, 'booking', id);
  return toBooking(r.rows[0]!);
}

export async function placeHoldingBookings(q: Queryable, hubId: string, weekId: string): Promise<Booking[]> {
  const r = await q.query<BookingDbRow>(
    'SELECT * FROM bookings WHERE hub_id = $1 AND week_id = $2 AND booking_holds_place(status) ORDER BY visit_at, id', [hubId, weekId]);
  return r.rows.map(toBooking);
}

/** An open booking for the same case in the same hub-week: one family, one joint visit a week. */
export async function openBookingForCase(q: Queryable, hubId: string, weekId: string, caseRef: string): Promise<Booking | undefined> {
  const r = await q.query<BookingDbRow>(
    `SELECT * FROM bookings WHERE hub_id = $1 AND week_id = $2 AND case_ref = $3
       AND booking_is_open(status) LIMIT 1`, [hubId, weekId, caseRef]);
  return r.rows[0] ? toBooking(r.rows[0]) : undefined;
}

/** Bookings a person is on (as social worker or practitioner), newest visit first. */
export async function bookingsOf(q: Queryable, aad: string, limit = 10): Promise<Booking[]> {
  const r = await q.query<BookingDbRow>(
    `SELECT * FROM bookings WHERE social_worker_aad = $1 OR assignee_aad = $1 ORDER BY visit_at DESC LIMIT $2`, [aad, limit]);
  return r.rows.map(toBooking);
}

/** Bookings waiting for a hub manager to reassign. */
export async function awaitingReassign(q: Queryable, hubId: string): Promise<Booking[]> {
  const r = await q.query<BookingDbRow>(`SELECT * FROM bookings WHERE hub_id = $1 AND status = 'reassign-requested' ORDER BY visit_at`, [hubId]);
  return r.rows.map(toBooking);
}

export interface FiledRequest { id: string; status: string }

/**
 * The 0–19 request filed from this booking, if any. The requests table
 * belongs to another feature (migration 004) and may not exist yet, or not
 * have the column: both read as "not filed".
 */
export async function requestFiledFor(q: Queryable, bookingId: string): Promise<FiledRequest | undefined> {
  // Asked of the catalogue rather than caught as an error, because an error would abort the caller's transaction.
  const ready = await q.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'requests' AND column_name = 'source_booking_id') AS ok`);
  if (!ready.rows[0]?.ok) return undefined;
  // Filed from this booking, or (issue 12) a live request for the same case, filed before or after the visit was booked.
  const r = await q.query<{ id: string; status: string }>(
    `SELECT id::text AS id, status FROM requests
      WHERE status <> 'draft' AND (source_booking_id::text = $1
        OR (status IN ('submitted', 'allocated', 'started', 'in-review') AND case_id = (SELECT case_id FROM bookings WHERE id::text = $1)))
      ORDER BY (source_booking_id::text = $1) DESC NULLS LAST, submitted_at DESC LIMIT 1`, [bookingId]);
  return r.rows[0];
}

export interface CheckPrefill { ownerAad: string; caseRef: string | null; postcode: string | null; area: string | null }

/** What a threshold check can pre-fill; undefined when there is no such check. */
export async function checkPrefill(q: Queryable, checkId: string): Promise<CheckPrefill | undefined> {
  const r = await q.query<{ owner_aad: string; case_ref: string | null; postcode: string | null; area: string | null }>(
    `SELECT owner_aad, coalesce(answers->>'caseRef', case_ref) AS case_ref, answers->>'postcode' AS postcode,
            coalesce(answers->>'area', area) AS area
     FROM checks WHERE id::text = $1`, [checkId]);
  const row = r.rows[0];
  return row ? { ownerAad: row.owner_aad, caseRef: row.case_ref, postcode: row.postcode, area: row.area } : undefined;
}

/** The key that signs calendar links (made by migration 008, so it is always there and always committed). */
export async function calendarLinkSecret(q: Queryable): Promise<string> {
  const r = await q.query<{ secret: string }>('SELECT secret FROM calendar_link_keys WHERE id = 1');
  const secret = r.rows[0]?.secret;
  if (!secret) throw new Error('The calendar link key is missing: migration 008 has not run on this database.');
  return secret;
}
