// Owns the SQL for cases (migration 040): the copy of which area each hub is
// in, linking records to their case, finding a case by its reference and the
// ids of the checks, requests and bookings that belong to it.
import type { Queryable } from './db.js';
import { caseRefKey } from '../domain/case/case-ref.js';

export interface CaseRow { id: string; area_id: string; case_ref: string; created_at: Date }

export interface CaseRecordIds { checkIds: string[]; requestIds: string[]; bookingIds: string[] }

/**
 * Brings the hub → area copy up to the directory's (adding hubs and moving
 * hubs whose area changed; never removing one: during a rolling deploy an
 * instance with an older directory may start while newer ones write records
 * of a hub it does not know), moves the records of a hub whose area changed
 * to their case in the new area, links every record not yet in a case
 * (records written by a previous version, or before a hub was configured) and
 * removes cases left with no record. Returns how many cases there are afterwards.
 */
export async function syncHubAreasAndLink(q: Queryable, hubs: readonly { id: string; area: string }[]): Promise<number> {
  // Several instances starting together take turns (an arbitrary fixed lock id).
  await q.query('SELECT pg_advisory_xact_lock(727040)');
  const moved = await q.query<{ hub_id: string }>(
    `INSERT INTO hub_areas (hub_id, area_id) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (hub_id) DO UPDATE SET area_id = EXCLUDED.area_id WHERE hub_areas.area_id IS DISTINCT FROM EXCLUDED.area_id
     RETURNING hub_id`,
    [hubs.map((h) => h.id), hubs.map((h) => h.area)]);
  const movedHubs = moved.rows.map((r) => r.hub_id);
  if (movedHubs.length > 0) {
    // Unlinked here, linked again below with the hub's area as it is now.
    await q.query('UPDATE requests SET case_id = NULL WHERE hub_id = ANY($1::text[]) AND case_id IS NOT NULL', [movedHubs]);
    await q.query('UPDATE bookings SET case_id = NULL WHERE hub_id = ANY($1::text[]) AND case_id IS NOT NULL', [movedHubs]);
  }
  await q.query('SELECT link_records_to_cases()');
  // A case none of whose records is left (a discarded draft, records past their retention) goes too.
  // Only after a day: a case made a moment ago may be about to get its first record in another transaction.
  await q.query(
    `DELETE FROM cases c WHERE c.created_at < now() - interval '1 day'
        AND NOT EXISTS (SELECT 1 FROM checks x WHERE x.case_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM requests x WHERE x.case_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.case_id = c.id)`);
  const r = await q.query<{ n: string }>('SELECT count(*) AS n FROM cases');
  return Number(r.rows[0]?.n ?? 0);
}

/** Every case with this reference however it was typed ("lcs 204518" finds "LCS-204518"), in any area. */
export async function casesByRef(q: Queryable, caseRef: string): Promise<CaseRow[]> {
  const key = caseRefKey(caseRef);
  if (key === '') return [];
  const r = await q.query<CaseRow>('SELECT id, area_id, case_ref, created_at FROM cases WHERE ref_key = $1 ORDER BY created_at', [key]);
  return r.rows;
}

/** The case with this reference in this area (what a report's drill-down names), however the reference was typed. */
export async function caseByAreaRef(q: Queryable, areaId: string, caseRef: string): Promise<CaseRow | undefined> {
  const key = caseRefKey(caseRef);
  if (key === '') return undefined;
  const r = await q.query<CaseRow>('SELECT id, area_id, case_ref, created_at FROM cases WHERE area_id = $1 AND ref_key = $2', [areaId, key]);
  return r.rows[0];
}

export async function caseById(q: Queryable, id: string): Promise<CaseRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await q.query<CaseRow>('SELECT id, area_id, case_ref, created_at FROM cases WHERE id = $1', [id]);
  return r.rows[0];
}

export async function recordIdsOfCase(q: Queryable, caseId: string): Promise<CaseRecordIds> {
  const r = await q.query<{ kind: 'check' | 'request' | 'booking'; id: string }>(
    `SELECT 'check' AS kind, id::text AS id, updated_at AS at FROM checks WHERE case_id = $1 AND status = 'completed'
     UNION ALL SELECT 'request', id::text, updated_at FROM requests WHERE case_id = $1
     UNION ALL SELECT 'booking', id::text, updated_at FROM bookings WHERE case_id = $1
     ORDER BY at DESC LIMIT 60`, [caseId]);
  const of = (kind: string) => r.rows.filter((row) => row.kind === kind).map((row) => row.id);
  return { checkIds: of('check'), requestIds: of('request'), bookingIds: of('booking') };
}

/** The case a record belongs to (for "Open the case" on a record's card). */
export async function caseOfRecord(q: Queryable, kind: 'check' | 'request' | 'booking', id: string): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const table = { check: 'checks', request: 'requests', booking: 'bookings' }[kind];
  const r = await q.query<{ case_id: string | null }>(`SELECT case_id FROM ${table} WHERE id = $1`, [id]);
  return r.rows[0]?.case_id ?? undefined;
}

/**
 * The joint visits of the request's case that owe a request (agreed or held,
 * none filed from them): filing this request answers them.
 */
export async function visitsAwaitingRequest(q: Queryable, requestId: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT b.id::text AS id FROM bookings b JOIN requests r ON r.case_id = b.case_id
      WHERE r.id = $1 AND b.status IN ('accepted', 'completed')
        AND NOT EXISTS (SELECT 1 FROM requests o WHERE o.source_booking_id = b.id::text AND o.id <> r.id AND o.status <> 'draft')
      ORDER BY b.visit_at DESC`, [requestId]);
  return r.rows.map((row) => row.id);
}

/** Links a request to the joint visit it follows up, when it was filed without starting from it. */
export async function linkRequestToVisit(q: Queryable, requestId: string, bookingId: string): Promise<boolean> {
  const r = await q.query('UPDATE requests SET source_booking_id = $2 WHERE id = $1 AND source_booking_id IS NULL', [requestId, bookingId]);
  return r.rowCount === 1;
}

/** When a practitioner's open joint visits start, in a period (to offer free times around them). */
export async function openVisitStartsOf(q: Queryable, aad: string, from: Date, to: Date): Promise<Date[]> {
  const r = await q.query<{ visit_at: Date }>(
    `SELECT visit_at FROM bookings WHERE assignee_aad = $1 AND booking_is_open(status) AND visit_at >= $2 AND visit_at < $3 ORDER BY visit_at`,
    [aad, from, to]);
  return r.rows.map((row) => row.visit_at);
}

/** Of these people, who can be reached now: a chat with the bot, or a linked channel of their hub to start one from. */
export async function reachablePeople(q: Queryable, people: readonly { aad: string; hubId?: string }[]): Promise<Set<string>> {
  if (people.length === 0) return new Set();
  const r = await q.query<{ aad: string }>(
    `SELECT p.aad FROM unnest($1::text[], $2::text[]) AS p (aad, hub)
      WHERE EXISTS (SELECT 1 FROM conversation_refs c WHERE c.aad_object_id = p.aad)
         OR EXISTS (SELECT 1 FROM channel_refs h WHERE h.hub_id = p.hub)`,
    [people.map((p) => p.aad), people.map((p) => p.hubId ?? null)]);
  return new Set(r.rows.map((row) => row.aad));
}

/** The hubs whose team channel is linked (a hub manager typed "link channel" there). */
export async function linkedHubIds(q: Queryable): Promise<Set<string>> {
  const r = await q.query<{ hub_id: string }>('SELECT hub_id FROM channel_refs');
  return new Set(r.rows.map((row) => row.hub_id));
}

/** Each case's next date: its soonest open reminder, or its soonest joint visit still to come. */
export async function nextDatesOfCases(q: Queryable, caseIds: readonly string[], now: Date): Promise<Map<string, Date>> {
  if (caseIds.length === 0) return new Map();
  const r = await q.query<{ case_id: string; at: Date }>(
    `SELECT case_id::text AS case_id, min(at) AS at FROM (
       SELECT x.case_id, r.due_at AS at FROM reminders r JOIN requests x ON r.cause_id = x.id::text
        WHERE x.case_id = ANY($1::uuid[]) AND r.status IN ('pending', 'snoozed')
       UNION ALL
       SELECT b.case_id, r.due_at FROM reminders r JOIN bookings b ON r.cause_id = b.id::text
        WHERE b.case_id = ANY($1::uuid[]) AND r.status IN ('pending', 'snoozed')
       UNION ALL
       SELECT case_id, visit_at FROM bookings WHERE case_id = ANY($1::uuid[]) AND booking_is_open(status) AND visit_at > $2
     ) due GROUP BY case_id`, [caseIds, now]);
  return new Map(r.rows.map((row) => [row.case_id, row.at]));
}

/** The request that continues this one after a step down, if there is one. */
export async function continuationOf(q: Queryable, requestId: string): Promise<string | undefined> {
  const r = await q.query<{ id: string }>('SELECT id::text AS id FROM requests WHERE continued_from_request_id = $1 LIMIT 1', [requestId]);
  return r.rows[0]?.id;
}

/**
 * A new request continuing a closed one with the same family, hub, level,
 * agreed work and practitioner (step-down continuity): allocated at once to
 * `practitioner`. The unique key makes a second press find the first.
 */
export async function insertContinuation(q: Queryable, c: { id: string; key: string; fromId: string; practitioner: string; by: string; now: Date }): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO requests (id, idempotency_key, referrer_aad, hub_id, status, step, case_ref, level, vulnerability, vulnerability_factors,
       intervention, age_range, form, allocated_to, allocated_by, allocated_at, created_at, updated_at, submitted_at, continued_from_request_id)
     SELECT $1, $2, referrer_aad, hub_id, 'allocated', step, case_ref, level, vulnerability, vulnerability_factors,
       intervention, age_range, form, $4, $5, $6, $6, $6, $6, id
       FROM requests WHERE id = $3
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [c.id, c.key, c.fromId, c.practitioner, c.by, c.now]);
  return r.rowCount === 1;
}

export interface CaseReminderRow { id: string; cause: string; cause_id: string; template: string; case_ref: string | null; due_at: Date; status: string; data: Record<string, unknown> }

/** Open reminders about the case's records, soonest first: what is due next. */
export async function openRemindersOfRecords(q: Queryable, recordIds: readonly string[], limit = 5): Promise<CaseReminderRow[]> {
  if (recordIds.length === 0) return [];
  const r = await q.query<CaseReminderRow>(
    `SELECT id::text AS id, cause, cause_id, template, case_ref, due_at, status, data FROM reminders
      WHERE cause_id = ANY($1::text[]) AND status IN ('pending', 'snoozed')
      ORDER BY due_at LIMIT $2`, [recordIds, limit]);
  return r.rows;
}
