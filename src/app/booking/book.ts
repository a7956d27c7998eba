// Owns making a booking: the form a social worker fills in (their OSR week,
// the hubs of their area with places left, pre-filled from a threshold
// check) and the booking itself, which takes a place at once. The place is
// taken under the hub-week row lock (rota-store lockHubWeek) and the database
// trigger of migration 005 re-checks it, so the cap holds across instances.
import { getRequest } from '../../store/request-store.js';
import { isResponderClash, responderClash } from '../cases/clash.js';
import { randomUUID } from 'node:crypto';
import { withTransaction } from '../../store/db.js';
import { findBookingByKey, insertBooking, openBookingForCase, placeHoldingBookings, checkPrefill } from '../../store/booking-store.js';
import { getHubWeek, lockHubWeek, osrWeeksOfTeam } from '../../store/rota-store.js';
import { writeAudit } from '../../store/audit-store.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import { hubForPostcode } from '../../domain/directory/lookup.js';
import { londonWeekOf, nextWeekId, weekById, LONDON_TIME_ZONE } from '../../domain/time/london.js';
import { addLocalDays, compareLocalDates, localDateOf, toIsoDate } from '../../domain/time/zoned-clock.js';
import { bookableOsrWeek, checkVisitTime } from '../../domain/booking/osr-week.js';
import { effectiveCap, placesLeft } from '../../domain/booking/capacity.js';
import { mayBook } from '../../domain/booking/permissions.js';
import type { BookingFormValues, FieldProblem } from '../../domain/booking/form.js';
import { FREE_TEXT_MAX, type Booking } from '../../domain/booking/schema.js';
import { auditRefusals, calendarOf, hubOrThrow, HubFullError, nameOf, type BookingActor, type BookingDeps } from './deps.js';
import { weekDateRange, weekLabel } from './card-data.js';
import { tellEach, tellHubChannel } from './notify.js';
import { syncBookingReminders } from './reminders.js';
import { snapshot } from './act.js';
import { hubPlaces, osrTeamOf } from './places.js';

const TIME_MESSAGES: Record<string, FieldProblem> = {
  TIME_PAST: { field: 'visitTime', message: 'That time has already passed. Choose a later time in your OSR week.' },
  TIME_OUTSIDE_WEEK: { field: 'visitDate', message: 'The visit must be in your OSR week.' },
  TIME_OUTSIDE_WORKING_HOURS: { field: 'visitTime', message: 'The whole visit (one hour) must be in working hours on a working day: Monday to Friday, not a bank holiday.' },
};

/** The OSR week this social worker can book into now, or the reason they cannot. */
export async function bookingWeekFor(deps: BookingDeps, actor: BookingActor, now: Date): Promise<{ weekId: string; datTeamId: string; area: string }> {
  const person = actor.person;
  if (!mayBook(person)) {
    throw new AccessDeniedError('NOT_A_SOCIAL_WORKER', 'Booking OSR joint visits is for DAT social workers in the directory. Type "rota" to see this week\'s lead responders.');
  }
  const team = osrTeamOf(deps, person.datTeamId);
  const week = bookableOsrWeek(await osrWeeksOfTeam(deps.db, team.id), now);
  if (!week.ok) {
    const next = week.nextOsrWeek ? ` Your team's next OSR week is ${weekLabel(week.nextOsrWeek)}.` : ' No OSR week is set for your team yet; your DAT manager sets it.';
    throw new UseCaseError('OUTSIDE_OSR_WEEK',
      `${team.name} is not in its OSR week, so joint visits cannot be booked now.${next} Outside the rota week, file a 0–19 Request Form to the hub that covers the family instead.`,
      { nextOsrWeek: week.nextOsrWeek ?? '' });
  }
  return { weekId: week.weekId, datTeamId: team.id, area: team.area };
}

export interface FormRequest {
  key?: string;
  checkId?: string;
  values?: Readonly<Record<string, string>>;
  problems?: readonly FieldProblem[];
  /** Choose the hub from the postcode typed (the "Suggest hub" button). */
  suggestHub?: boolean;
  hubFull?: HubFullError;
  /** A 0–19 request of the booker's to pre-fill from (issue 12: each journey pre-fills the other). */
  requestId?: string;
}

const FORM_FIELDS = ['hubId', 'type', 'visitDate', 'visitTime', 'caseRef', 'postcode', 'purpose', 'risks'] as const;

export async function bookingForm(deps: BookingDeps, actor: BookingActor, req: FormRequest = {}): Promise<Record<string, unknown>> {
  const now = deps.clock.now();
  const { weekId, area } = await bookingWeekFor(deps, actor, now);
  const values: Record<string, string> = Object.fromEntries(FORM_FIELDS.map((f) => [f, req.values?.[f] ?? '']));
  if (!req.values && req.checkId) {
    const check = await checkPrefill(deps.db, req.checkId);
    if (check && check.ownerAad === actor.aadObjectId) {
      values.caseRef = check.caseRef ?? '';
      values.postcode = check.postcode ?? '';
    }
  }
  if (!req.values && req.requestId) {
    const request = await getRequest(deps.db, req.requestId);
    // Only the booker's own request: a card naming someone else's pre-fills nothing.
    if (request && request.referrer_aad === actor.aadObjectId) {
      const form = request.form.sections;
      values.caseRef = request.case_ref ?? '';
      values.postcode = typeof form.address?.postcode === 'string' ? form.address.postcode : '';
      values.hubId = request.hub_id ?? '';
      values.purpose = typeof form.work?.goals === 'string' ? `Follow up the 0–19 request: ${form.work.goals}`.slice(0, FREE_TEXT_MAX) : '';
    }
  }
  const suggested = values.postcode ? hubForPostcode(deps.directory, values.postcode) : undefined;
  if (suggested && suggested.area === area && (req.suggestHub || !values.hubId)) values.hubId = suggested.id;
  const problems = [...(req.problems ?? [])];
  if (req.suggestHub && values.postcode && (!suggested || suggested.area !== area)) {
    problems.push({ field: 'postcode', message: 'No hub in your area covers that postcode: choose the hub yourself, or file a 0–19 request to the right hub.' });
  }
  const week = londonWeekOf(now).weekId === weekId ? now : undefined;
  if (!values.visitDate) values.visitDate = firstDateOf(weekId, week);
  if (!values.visitTime) values.visitTime = '10:00';
  if (!values.type) values.type = 'home-visit';
  const places = await hubPlaces(deps, area, [weekId]);
  const full = req.hubFull;
  return {
    key: req.key ?? randomUUID(),
    checkId: req.checkId ?? '',
    weekId,
    weekLabel: weekLabel(weekId),
    ...weekDateRange(weekId),
    hubs: places.map((p) => ({ title: `${p.hubName}: ${!p.hasLead ? 'no lead responder set yet' : p.placesLeft === 0 ? 'full' : `${p.placesLeft} of ${p.cap} places left`}`, value: p.hubId })),
    values,
    errors: Object.fromEntries(FORM_FIELDS.map((f) => [f, problems.filter((p) => p.field === f).map((p) => p.message).join(' ')])),
    problems: problems.map((p) => ({ message: p.message })),
    hasProblems: problems.length > 0,
    full: full
      ? {
        show: true,
        message: full.userMessage,
        otherHubs: full.otherHubsThisWeek.map((h) => ({ title: h.hubName, value: `${h.placesLeft} of ${h.cap} places left this week` })),
        nextWeek: full.nextWeek.map((h) => ({ title: h.hubName, value: `${h.placesLeft} of ${h.cap} places (${weekLabel(h.weekId)})` })),
      }
      : { show: false, message: '', otherHubs: [], nextWeek: [] },
  };
}


/** Today when it is a weekday in the week, else the week's Monday: a sensible first date to offer. */
function firstDateOf(weekId: string, now: Date | undefined): string {
  const monday = weekById(weekId).monday;
  if (!now) return toIsoDate(monday);
  const today = localDateOf(now, LONDON_TIME_ZONE);
  const friday = addLocalDays(monday, 4);
  return compareLocalDates(today, friday) <= 0 ? toIsoDate(today) : toIsoDate(friday);
}

export interface BookRequest { key: string; checkId?: string; form: BookingFormValues }
export interface BookResult { booking: Booking; replay: boolean; placesLeft: number; cap: number }

export async function book(deps: BookingDeps, actor: BookingActor, req: BookRequest): Promise<BookResult> {
  return auditRefusals(deps, actor, 'booking.create', { caseRef: req.form.caseRef }, async () => {
    const now = deps.clock.now();
    // The check id comes from card data: link it only when the check is the booker's own (issue 8).
    const ownCheckId = req.checkId && (await checkPrefill(deps.db, req.checkId))?.ownerAad === actor.aadObjectId ? req.checkId : null;
    const { weekId, datTeamId, area } = await bookingWeekFor(deps, actor, now);
    const hub = hubOrThrow(deps, req.form.hubId);
    if (hub.area !== area) throw new UseCaseError('HUB_NOT_IN_AREA', `${hub.name} is not one of your area's hubs. Choose a hub from the list.`);
    const time = checkVisitTime(req.form.visitAt, weekId, calendarOf(deps, now), now);
    if (!time.ok) throw new UseCaseError(time.code, TIME_MESSAGES[time.code]!.message, { field: TIME_MESSAGES[time.code]!.field });
    try {
      return await withTransaction(deps.db, async (tx) => {
        // From here to commit, every booking for this hub-week waits on this row.
        const hubWeek = await lockHubWeek(tx, hub.id, weekId, hub.weeklyCap);
        const earlier = await findBookingByKey(tx, req.key);
        const cap = effectiveCap(hub.weeklyCap, hubWeek.capOverride);
        if (earlier) return replayOf(earlier, actor, cap, await placeHoldingBookings(tx, hub.id, weekId));
        if (!hubWeek.leadAad) {
          throw new UseCaseError('NO_LEAD_RESPONDER', `${hub.name} has no lead responder for ${weekLabel(weekId)} yet. Ask the hub manager to set one, or choose another hub.`);
        }
        const taken = await placeHoldingBookings(tx, hub.id, weekId);
        if (taken.length >= cap) throw new HubFullError(hub.name, weekLabel(weekId), cap, [], []);
        if (await openBookingForCase(tx, hub.id, weekId, req.form.caseRef)) {
          throw new UseCaseError('CASE_ALREADY_BOOKED', `Case ${req.form.caseRef} already has a joint visit booked with ${hub.name} this week.`, { field: 'caseRef' });
        }
        const booking = await insertBooking(tx, {
          id: randomUUID(), idempotencyKey: req.key, hubId: hub.id, weekId, datTeamId, socialWorkerAad: actor.aadObjectId,
          leadResponderAad: hubWeek.leadAad, assigneeAad: hubWeek.leadAad, type: req.form.type, visitAt: req.form.visitAt,
          caseRef: req.form.caseRef, checkId: ownCheckId, purpose: req.form.purpose, risks: req.form.risks,
          awaitingAnswerSince: now, createdAt: now,
        });
        if (!booking) throw new KeyTaken();
        const left = placesLeft(cap, taken.length + 1);
        await writeAudit(tx, { actor: actor.aadObjectId, action: 'booking.create', recordType: 'booking', recordId: booking.id, caseRef: booking.caseRef, after: snapshot(booking) }, now);
        await syncBookingReminders(tx, deps, undefined, booking, actor.aadObjectId, now);
        const week = { leadAad: hubWeek.leadAad, coverAad: hubWeek.coverAad };
        const sw = nameOf(deps, actor.aadObjectId);
        await tellEach(tx, deps, booking, week, [booking.assigneeAad, hubWeek.coverAad], actor.aadObjectId, {
          title: 'New OSR joint-visit request',
          message: `${sw} asks for a ${req.form.type === 'consultation' ? 'consultation' : 'joint visit'} with you. Talk it through, then accept, propose another time, decline, or ask your manager to reassign it.`,
          tone: 'Accent',
        }, now, { topic: 'new' });
        await tellHubChannel(tx, deps, booking, left, cap);
        return { booking, replay: false, placesLeft: left, cap };
      });
    } catch (err) {
      if (err instanceof KeyTaken) {
        // The same card was submitted for another hub at the same moment: that booking stands.
        const earlier = await findBookingByKey(deps.db, req.key);
        if (earlier) return replayOf(earlier, actor, 0, []);
      }
      if (err instanceof HubFullError || isCapViolation(err)) throw await hubFull(deps, hub.id, weekId, area);
      if (isResponderClash(err)) {
        // The lead responder already has a visit then (issue 12): say so and offer their nearest free times.
        const lead = (await getHubWeek(deps.db, hub.id, weekId))?.leadAad ?? '';
        throw await responderClash(deps.db, { responderAad: lead, responderName: nameOf(deps, lead), weekId, visitAt: req.form.visitAt, calendar: calendarOf(deps, now), now });
      }
      throw err;
    }
  });
}

class KeyTaken extends Error {}

function replayOf(earlier: Booking, actor: BookingActor, cap: number, held: readonly Booking[]): BookResult {
  if (earlier.socialWorkerAad !== actor.aadObjectId) throw new AccessDeniedError();
  return { booking: earlier, replay: true, placesLeft: placesLeft(cap, held.length), cap };
}

function isCapViolation(err: unknown): boolean {
  return (err as { constraint?: string } | null)?.constraint === 'bookings_hub_week_cap';
}

/** The hub-full answer, with where there are places this week and next week's places. */
async function hubFull(deps: BookingDeps, hubId: string, weekId: string, area: string): Promise<HubFullError> {
  const hub = hubOrThrow(deps, hubId);
  const nextWeek = nextWeekId(weekId);
  const places = await hubPlaces(deps, area, [weekId, nextWeek]);
  const here = places.find((p) => p.hubId === hubId && p.weekId === weekId);
  return new HubFullError(
    hub.name, weekLabel(weekId), here?.cap ?? effectiveCap(hub.weeklyCap, null),
    places.filter((p) => p.weekId === weekId && p.hubId !== hubId && p.placesLeft > 0 && p.hasLead),
    places.filter((p) => p.weekId === nextWeek && p.placesLeft > 0 && p.hasLead),
  );
}
