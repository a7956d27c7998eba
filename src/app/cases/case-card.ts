// Owns opening a case: the case card's data for one person, from the records
// of the case that person may see under today's rules for each record (a
// check: its owner; a request: its parties; a joint visit: its social worker,
// practitioners and hub manager). Seeing any record opens the case; what the
// card says comes only from the records they may see. Every opening is
// audited, refusals and look-ups that find nothing included.
import { writeAudit } from '../../store/audit-store.js';
import { caseByAreaRef, caseById, caseOfRecord, casesByRef, openRemindersOfRecords, recordIdsOfCase, type CaseRow } from '../../store/case-store.js';
import { getCheck, type CheckRow } from '../../store/check-store.js';
import { getRequest, historyOf, type RequestRow } from '../../store/request-store.js';
import { getBooking } from '../../store/booking-store.js';
import { getHubWeek } from '../../store/rota-store.js';
import { refuseAudited } from '../refusal.js';
import { UseCaseError } from '../errors.js';
import { partiesOf, personName, type RequestActor } from '../request/access.js';
import { reminderCardData } from '../reminders/reminder-view.js';
import { mayView } from '../../domain/booking/permissions.js';
import { BOOKING_TYPE_LABELS, type Booking } from '../../domain/booking/schema.js';
import { STATUS_LABELS, type RequestStatus } from '../../domain/request/status.js';
import { CLOSE_OUTCOMES } from '../../domain/request/action-forms.js';
import { journeyOf } from '../../domain/case/journey.js';
import { formatCardDateTime, formatCardDateWithYear } from '../../domain/time/london-format.js';
import { escapeCardText } from '../../domain/text/card-text.js';
import type { Db } from '../../store/db.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Clock } from '../clock.js';

export const CASE_CARD = 'case';

export interface CaseDeps { db: Db; directory: Directory; clock: Clock }

export interface CaseCardData {
  caseId: string;
  caseRef: string;
  stage: string;
  path: { label: string; mark: string }[];
  people: { title: string; value: string }[];
  dueNext: string;
  events: { when: string; what: string }[];
  actions: { title: string; data: Record<string, unknown> }[];
}

/** A case as typed ("case LCS-204518"), as a report's drill-down names it (reference and area), or by id. */
export type CaseKey = { caseRef: string; areaId?: string } | { caseId: string };

interface Visible { checks: CheckRow[]; requests: RequestRow[]; bookings: Booking[] }

// One answer whether the case does not exist or the person may not see it, so
// that nobody can learn which families are known by trying references. The
// audit row keeps the true reason.
const NO_CASE_FOR_YOU = (ref: string) => new UseCaseError('CASE_NOT_AVAILABLE',
  `I can't show you a case for ${escapeCardText(ref)}. Either there is no case with that reference, or you are not working on any of its checks, requests or joint visits. Check the reference, or type "my requests", "my cases" or "my bookings". If you think you should see it, ask your team manager.`);

/** The case a record belongs to (what an "Open the case" button on a request, visit, check or reminder names). */
export async function caseOfAnyRecord(deps: Pick<CaseDeps, 'db'>, ref: { requestId?: string; bookingId?: string; checkId?: string; recordId?: string }): Promise<string | undefined> {
  if (ref.requestId) return caseOfRecord(deps.db, 'request', ref.requestId);
  if (ref.bookingId) return caseOfRecord(deps.db, 'booking', ref.bookingId);
  if (ref.checkId) return caseOfRecord(deps.db, 'check', ref.checkId);
  // A reminder's cause is a request or a joint visit (or neither: a supervision, a digest).
  if (ref.recordId) return (await caseOfRecord(deps.db, 'request', ref.recordId)) ?? (await caseOfRecord(deps.db, 'booking', ref.recordId));
  return undefined;
}

/** The records of the case this person may see. */
async function visibleRecords(deps: CaseDeps, actor: RequestActor, caseId: string): Promise<Visible> {
  const ids = await recordIdsOfCase(deps.db, caseId);
  const out: Visible = { checks: [], requests: [], bookings: [] };
  for (const id of ids.checkIds) {
    const c = await getCheck(deps.db, id);
    if (c && c.owner_aad === actor.aadObjectId) out.checks.push(c);
  }
  for (const id of ids.requestIds) {
    const r = await getRequest(deps.db, id);
    if (r && partiesOf(actor, r).size > 0) out.requests.push(r);
  }
  for (const id of ids.bookingIds) {
    const b = await getBooking(deps.db, id);
    if (!b) continue;
    const hw = await getHubWeek(deps.db, b.hubId, b.weekId);
    if (mayView(actor.person, b, { leadAad: hw?.leadAad ?? null, coverAad: hw?.coverAad ?? null })) out.bookings.push(b);
  }
  return out;
}

const hasAny = (v: Visible) => v.checks.length + v.requests.length + v.bookings.length > 0;

/** Whether this person may see anything of the case (asked before offering it, so no refusal is recorded). */
export async function mayOpenCase(deps: CaseDeps, actor: RequestActor, caseId: string): Promise<boolean> {
  return hasAny(await visibleRecords(deps, actor, caseId));
}

/** Opens the case (by reference as typed, or by the id an "Open the case" button carries) as `actor`. */
export async function openCase(deps: CaseDeps, actor: RequestActor, key: CaseKey): Promise<CaseCardData> {
  const now = deps.clock.now();
  const typed = 'caseRef' in key ? key.caseRef : '';
  const candidates: CaseRow[] = 'caseId' in key ? [await caseById(deps.db, key.caseId)].filter((c): c is CaseRow => !!c)
    : key.areaId ? [await caseByAreaRef(deps.db, key.areaId, key.caseRef)].filter((c): c is CaseRow => !!c)
      : await casesByRef(deps.db, key.caseRef);
  const auditBase = { actor: actor.aadObjectId || 'anonymous', action: 'case.viewed', recordType: 'case' };
  if (candidates.length === 0) {
    return refuseAudited(deps.db, { ...auditBase, caseRef: typed || null, detail: { reason: 'not-found' } }, now, NO_CASE_FOR_YOU(typed || 'that record'));
  }
  // The same reference in two areas is two families: the first one this person may see is theirs.
  for (const c of candidates) {
    const visible = await visibleRecords(deps, actor, c.id);
    if (!hasAny(visible)) continue;
    const data = await cardData(deps, c, visible, now);
    await writeAudit(deps.db, { ...auditBase, recordId: c.id, caseRef: c.case_ref, detail: { checks: visible.checks.length, requests: visible.requests.length, bookings: visible.bookings.length } }, now);
    return data;
  }
  return refuseAudited(deps.db, { ...auditBase, recordId: candidates[0]!.id, caseRef: candidates[0]!.case_ref, detail: { reason: 'no-record-visible' } }, now, NO_CASE_FOR_YOU(typed || candidates[0]!.case_ref));
}

async function cardData(deps: CaseDeps, c: CaseRow, v: Visible, now: Date): Promise<CaseCardData> {
  const name = (aad: string | null | undefined) => personName(deps.directory, aad);
  const hubName = (id: string | null | undefined) => deps.directory.hubs.find((h) => h.id === id)?.name ?? '';
  const journey = journeyOf({
    checks: v.checks.map((ch) => ({ completed: ch.status === 'completed' })),
    requests: v.requests.map((r) => ({ status: r.status, endReason: r.end_reason })),
    bookings: v.bookings.map((b) => ({ status: b.status })),
  }, CLOSE_OUTCOMES);

  const filed = v.requests.filter((r) => r.status !== 'draft');
  const continuing = filed.find((r) => r.continued_from_request_id && !['closed', 'declined', 'withdrawn'].includes(r.status));
  const steppedDown = continuing && filed.find((r) => r.id === continuing.continued_from_request_id);
  const latest = filed[0] ?? v.requests[0];
  const booking = v.bookings[0];
  const socialWorker = latest?.referrer_aad ?? booking?.socialWorkerAad ?? v.checks[0]?.owner_aad;
  const allocated = filed.find((r) => r.allocated_to)?.allocated_to;
  const hub = latest?.hub_id ?? booking?.hubId;
  const people = [
    { title: 'Social worker', value: name(socialWorker) },
    { title: 'Allocated practitioner', value: allocated ? name(allocated) : 'Not allocated yet' },
    ...(booking ? [{ title: 'Joint visit with', value: name(booking.assigneeAad) }] : []),
    { title: 'Hub', value: hubName(hub) || 'Not sent to a hub yet' },
  ].filter((p) => p.value !== '');

  const dueNext = await nextDue(deps, v, now);
  const events = await recentEvents(deps, v);
  const actions: CaseCardData['actions'] = [];
  if (latest) actions.push({ title: 'Open the request', data: { verb: 'request.view', requestId: latest.id } });
  if (booking) actions.push({ title: 'Open the joint visit', data: { verb: 'booking.show', bookingId: booking.id } });

  return {
    caseId: c.id,
    caseRef: escapeCardText(c.case_ref),
    stage: steppedDown?.end_reason && steppedDown.end_reason in CLOSE_OUTCOMES
      ? `${CLOSE_OUTCOMES[steppedDown.end_reason as keyof typeof CLOSE_OUTCOMES]}, continuing with ${name(continuing!.allocated_to)} (${STATUS_LABELS[continuing!.status].toLowerCase()})`
      : journey.label,
    path: journey.path.filter((p) => p.reached || !p.label.startsWith('Visit')).map((p) => ({ label: p.label, mark: p.current ? 'Now' : p.reached ? 'Done' : 'Not yet' })),
    people,
    dueNext,
    events,
    actions,
  };
}

/** The soonest thing due: an open reminder on one of the records, or an upcoming joint visit. */
async function nextDue(deps: CaseDeps, v: Visible, now: Date): Promise<string> {
  const options: { at: Date; what: string }[] = [];
  const ids = [...v.requests.map((r) => r.id), ...v.bookings.map((b) => b.id)];
  const upcoming = v.bookings.filter((b) => ['requested', 'accepted', 'time-proposed', 'reassign-requested'].includes(b.status) && b.visitAt.getTime() >= now.getTime());
  for (const b of upcoming) options.push({ at: b.visitAt, what: BOOKING_TYPE_LABELS[b.type] });
  // An upcoming visit is itself what is due: its own reminders ("OSR joint visit today", sent that
  // morning) would read as if the visit were today, so they are left out while the visit is listed.
  const listed = new Set(upcoming.map((b) => b.id));
  for (const r of await openRemindersOfRecords(deps.db, ids)) {
    if (r.cause_id && listed.has(r.cause_id)) continue;
    options.push({ at: r.due_at, what: reminderCardData(r, now).title });
  }
  const first = options.sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (!first) return 'Nothing due';
  return `${first.what}: ${formatCardDateTime(first.at)}${first.at.getTime() < now.getTime() ? ' (overdue)' : ''}`;
}

const HISTORY_WORDS: Partial<Record<RequestStatus, string>> = {
  submitted: 'Request sent to the hub',
  allocated: 'Request allocated',
  started: 'Support started',
  'in-review': 'Support plan in review',
  closed: 'Request closed',
  declined: 'Request declined',
  withdrawn: 'Request withdrawn',
};

/** The last few things that happened, newest first, with dates. */
async function recentEvents(deps: CaseDeps, v: Visible): Promise<{ when: string; what: string }[]> {
  const events: { at: Date; what: string }[] = [];
  for (const ch of v.checks) {
    if (ch.completed_at) events.push({ at: ch.completed_at, what: `Threshold check finished: level ${ch.override_level ?? ch.level ?? '?'}` });
  }
  for (const r of v.requests) {
    for (const h of await historyOf(deps.db, r.id)) {
      if (r.continued_from_request_id && h.to_status === 'submitted') {
        events.push({ at: h.at, what: `Continues with ${personName(deps.directory, r.allocated_to)} after the step down` });
        continue;
      }
      const what = h.to_status === 'closed' && r.end_reason && r.end_reason in CLOSE_OUTCOMES
        ? `Request closed: ${CLOSE_OUTCOMES[r.end_reason as keyof typeof CLOSE_OUTCOMES]}`
        : h.to_status === 'allocated' && r.allocated_to ? `Request allocated to ${personName(deps.directory, r.allocated_to)}`
          : HISTORY_WORDS[h.to_status] ?? 'Request updated';
      events.push({ at: h.at, what });
    }
  }
  for (const b of v.bookings) {
    events.push({ at: b.createdAt, what: `${BOOKING_TYPE_LABELS[b.type]} booked for ${formatCardDateTime(b.visitAt)}` });
    if (b.acceptedAt) events.push({ at: b.acceptedAt, what: `${BOOKING_TYPE_LABELS[b.type]} accepted by ${personName(deps.directory, b.assigneeAad)}` });
    if (b.status === 'completed') events.push({ at: b.updatedAt, what: `${BOOKING_TYPE_LABELS[b.type]} held` });
    if (b.status === 'cancelled' || b.status === 'declined') events.push({ at: b.updatedAt, what: `${BOOKING_TYPE_LABELS[b.type]} ${b.status}` });
  }
  return events
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 6)
    .map((e) => ({ when: formatCardDateWithYear(e.at), what: e.what }));
}
