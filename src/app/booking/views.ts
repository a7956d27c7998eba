// Owns what people look at: the rota (this and next week, lead responders,
// places left), the set-up forms for managers, one booking, and "my
// bookings". Reads only; viewing a booking is audited (docs/SECURITY.md).
import { getBooking, bookingsOf, requestFiledFor, awaitingReassign } from '../../store/booking-store.js';
import { getHubWeek, teamsOnOsr } from '../../store/rota-store.js';
import { writeAudit } from '../../store/audit-store.js';
import { AccessDeniedError } from '../errors.js';
import type { Person } from '../../domain/directory/schema.js';
import { canLeadRespond, isDatManager, isHubManager } from '../../domain/access/roles.js';
import { formatCardDateTime } from '../../domain/time/london.js';
import { plannableWeeks, upcomingWeeks } from '../../domain/booking/osr-week.js';
import { mayView } from '../../domain/booking/permissions.js';
import { BOOKING_STATUS_LABELS, type Booking } from '../../domain/booking/schema.js';
import { auditRefusals, nameOf, type BookingActor, type BookingDeps } from './deps.js';
import { bookingCardData, weekLabel, type Headline } from './card-data.js';
import { calendarUrl } from './calendar-link.js';
import { hubPlaces } from './places.js';
import { bookingNotFound } from './act.js';
import type { FieldProblem } from '../../domain/booking/form.js';

function areaOf(deps: BookingDeps, person: Person | undefined): string | undefined {
  if (person?.hubId) return deps.directory.hubs.find((h) => h.id === person.hubId)?.area;
  if (person?.datTeamId) return deps.directory.datTeams.find((t) => t.id === person.datTeamId)?.area;
  return undefined;
}

export async function rotaView(deps: BookingDeps, actor: BookingActor): Promise<Record<string, unknown>> {
  const [thisWeek, nextWeek] = upcomingWeeks(deps.clock.now(), 2) as [string, string];
  const person = actor.person;
  const places = await hubPlaces(deps, areaOf(deps, person), [thisWeek, nextWeek]);
  const teams = await teamsOnOsr(deps.db, [thisWeek, nextWeek]);
  const teamName = (id: string) => deps.directory.datTeams.find((t) => t.id === id)?.name ?? id;
  const weeks = [thisWeek, nextWeek].map((weekId, i) => ({
    heading: `${i === 0 ? 'This week' : 'Next week'}: ${weekLabel(weekId)}`,
    onOsr: `On OSR: ${teams.filter((t) => t.osrWeek === weekId).map((t) => teamName(t.datTeamId)).join(', ') || 'no DAT team set'}`,
    hubs: places.filter((p) => p.weekId === weekId).map((p) => ({
      title: p.hubName,
      // Without a lead responder nobody can take a booking, so no place is free.
      value: p.leadAad
        ? `Lead: ${nameOf(deps, p.leadAad)}${p.coverAad ? `; cover: ${nameOf(deps, p.coverAad)}` : ''}. ${p.placesLeft} of ${p.cap} places left.`
        : 'No lead responder set, so nothing can be booked yet.',
    })),
  }));
  return {
    weeks,
    canBook: !!person?.roles.includes('social-worker'),
    canSetHubWeek: !!person?.hubId && isHubManager(person, person.hubId),
    canSetDuty: isDatManager(person),
  };
}

export interface HubWeekFormRequest { weekId?: string; values?: Record<string, string>; problems?: readonly FieldProblem[]; booked?: readonly { caseRef: string; when: string }[] }

export async function hubWeekForm(deps: BookingDeps, actor: BookingActor, req: HubWeekFormRequest = {}): Promise<Record<string, unknown>> {
  const person = actor.person;
  const hubId = person?.hubId;
  if (!hubId || !isHubManager(person, hubId)) {
    // Refusals are audited too (issue 8).
    await writeAudit(deps.db, { actor: actor.aadObjectId || 'unknown', action: 'rota.hub-week.form', outcome: 'refused', recordType: 'hub-week', detail: { code: 'NOT_HUB_MANAGER' } }, deps.clock.now());
    throw new AccessDeniedError('NOT_HUB_MANAGER', 'Only a hub team manager can set their hub\'s lead responder and places.');
  }
  const hub = deps.directory.hubs.find((h) => h.id === hubId)!;
  const weeks = plannableWeeks(deps.clock.now());
  // Only a week the form offers: a forged or stale card's week falls back to the first.
  const weekId = [req.values?.weekId, req.weekId].find((w) => w !== undefined && weeks.includes(w)) ?? weeks[0]!;
  const current = await getHubWeek(deps.db, hubId, weekId);
  const eligible = deps.directory.people.filter((p) => p.hubId === hubId && canLeadRespond(p));
  const problems = req.problems ?? [];
  const err = (f: string) => problems.filter((p) => p.field === f).map((p) => p.message).join(' ');
  return {
    hubName: hub.name,
    weeks: weeks.map((w) => ({ title: weekLabel(w), value: w })),
    responders: eligible.map((p) => ({ title: `${p.displayName} (grade ${p.grade})`, value: p.aadObjectId })),
    values: {
      weekId,
      lead: req.values?.lead ?? current?.leadAad ?? '',
      cover: req.values?.cover ?? current?.coverAad ?? 'none',
    },
    // Input.Number needs a number or no value at all (the hub's usual cap).
    capValue: capValueOf(req.values?.cap, current?.capOverride),
    defaultCap: hub.weeklyCap,
    errors: { weekId: err('weekId'), lead: err('lead'), cover: err('cover'), cap: err('cap') },
    problems: problems.map((p) => ({ message: p.message })),
    hasProblems: problems.length > 0,
    booked: (req.booked ?? []).map((b) => ({ title: b.caseRef, value: formatCardDateTime(new Date(b.when)) })),
    hasBooked: (req.booked ?? []).length > 0,
  };
}

function capValueOf(typed: string | undefined, stored: number | null | undefined): number | null {
  if (typed !== undefined) return typed.trim() !== '' && Number.isFinite(Number(typed)) ? Number(typed) : null;
  return stored ?? null;
}

export async function dutyForm(deps: BookingDeps, actor: BookingActor, problems: readonly FieldProblem[] = [], values: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const person = actor.person;
  if (!isDatManager(person)) {
    await writeAudit(deps.db, { actor: actor.aadObjectId || 'unknown', action: 'rota.duty-week.form', outcome: 'refused', recordType: 'duty-week', detail: { code: 'NOT_DAT_MANAGER' } }, deps.clock.now());
    throw new AccessDeniedError('NOT_DAT_MANAGER', 'Only a DAT manager can set duty weeks.');
  }
  const teams = deps.directory.datTeams.filter((t) => isDatManager(person, t.id));
  const weeks = plannableWeeks(deps.clock.now());
  const set = await teamsOnOsr(deps.db, weeks);
  return {
    teams: teams.map((t) => ({ title: t.name, value: t.id })),
    weeks: weeks.map((w) => ({ title: weekLabel(w), value: w })),
    values: { datTeamId: values.datTeamId ?? teams[0]?.id ?? '', dutyWeek: values.dutyWeek ?? weeks[0]! },
    current: set.filter((s) => teams.some((t) => t.id === s.datTeamId))
      .map((s) => ({ title: teams.find((t) => t.id === s.datTeamId)!.name, value: `duty ${weekLabel(s.dutyWeek)}, OSR ${weekLabel(s.osrWeek)}` })),
    errors: { dutyWeek: problems.map((p) => p.message).join(' ') },
    hasProblems: problems.length > 0,
  };
}

/** One booking as the viewer may see it, with the buttons they may press. */
export async function bookingView(
  deps: BookingDeps, actor: BookingActor, bookingId: string, headline?: Headline,
  extra: { problems?: readonly FieldProblem[]; values?: Record<string, string> } = {},
): Promise<Record<string, unknown>> {
  return auditRefusals(deps, actor, 'booking.view', { id: bookingId }, async () => {
    const b = await getBooking(deps.db, bookingId);
    if (!b) throw bookingNotFound();
    const hw = await getHubWeek(deps.db, b.hubId, b.weekId);
    const week = { leadAad: hw?.leadAad ?? null, coverAad: hw?.coverAad ?? null };
    if (!mayView(actor.person, b, week)) throw new AccessDeniedError('BOOKING_ACCESS_DENIED', 'Only the social worker, the practitioner and the hub manager on this booking can see it.');
    const now = deps.clock.now();
    await writeAudit(deps.db, { actor: actor.aadObjectId, action: 'booking.view', recordType: 'booking', recordId: b.id, caseRef: b.caseRef }, now);
    return bookingCardData(deps.directory, b, {
      viewer: actor.person, week, now,
      headline: headline ?? { title: `OSR booking: case ${b.caseRef}`, message: BOOKING_STATUS_LABELS[b.status] },
      requestFiled: await requestFiledFor(deps.db, b.id),
      calendarUrl: b.status === 'accepted' || b.status === 'completed' ? await calendarUrl(deps, b) : '',
      ...extra,
    });
  });
}

export async function myBookings(deps: BookingDeps, actor: BookingActor): Promise<Record<string, unknown>> {
  const mine = await bookingsOf(deps.db, actor.aadObjectId);
  const person = actor.person;
  const reassign: Booking[] = person?.hubId && isHubManager(person, person.hubId) ? await awaitingReassign(deps.db, person.hubId) : [];
  const row = (b: Booking) => ({
    bookingId: b.id,
    title: `${b.caseRef}: ${formatCardDateTime(b.visitAt)}`,
    detail: `${BOOKING_STATUS_LABELS[b.status]}. ${b.socialWorkerAad === actor.aadObjectId ? `With ${nameOf(deps, b.assigneeAad)}` : `For ${nameOf(deps, b.socialWorkerAad)}`}.`,
  });
  const items = [...reassign, ...mine.filter((b) => !reassign.some((r) => r.id === b.id))].map(row);
  return { title: 'Your OSR bookings', items, empty: items.length === 0 };
}
