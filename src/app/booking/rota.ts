// Owns setting up the OSR rota: a DAT manager sets their team's duty weeks
// (the OSR week follows, Barnet One Service Response protocol, 2.3), and a hub manager sets, per ISO
// week, the lead responder (grade H or I), an optional cover responder for
// leave, and the cap (default from the hub's configuration). A cap below the
// places already held is refused with the bookings listed by case reference.
import { withTransaction } from '../../store/db.js';
import { addDutyWeek, lockHubWeek, setHubWeekRota } from '../../store/rota-store.js';
import { placeHoldingBookings } from '../../store/booking-store.js';
import { writeAudit } from '../../store/audit-store.js';
import { enqueueNotification } from '../../store/outbox.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import { findPerson, hubManagers } from '../../domain/directory/lookup.js';
import { isWeekId, londonWeekOf, type WeekId } from '../../domain/time/london.js';
import { checkCapChange, effectiveCap } from '../../domain/booking/capacity.js';
import { checkResponder, maySetDutyWeek, maySetHubWeek } from '../../domain/booking/permissions.js';
import { osrWeekOf, plannableWeeks } from '../../domain/booking/osr-week.js';
import { auditRefusals, hubOrThrow, nameOf, type BookingActor, type BookingDeps } from './deps.js';
import { weekLabel } from './card-data.js';
import { osrTeamOf } from './places.js';

/** Refused cap changes carry the bookings in the way: case references only. */
export class CapBelowBookedError extends UseCaseError {
  constructor(readonly booked: readonly { caseRef: string; when: string }[], cap: number, weekText: string) {
    super('CAP_BELOW_BOOKED', `${booked.length} places are already held for ${weekText}, so the cap cannot go down to ${cap}. Cancel or move bookings first.`, { field: 'cap' });
  }
}

/** Only the weeks the form offers (this week and the next few): a past or far-off week from a stale or forged card is refused. */
function offered(weekId: WeekId, now: Date, field: string): void {
  if (!isWeekId(weekId)) throw new UseCaseError('WEEK_INVALID', 'Choose a week from the list.', { field });
  if (weekId < londonWeekOf(now).weekId) throw new UseCaseError('WEEK_PAST', 'That week has already gone. Choose this week or a later one.', { field });
  if (!plannableWeeks(now).includes(weekId)) throw new UseCaseError('WEEK_NOT_OFFERED', 'Choose a week from the list.', { field });
}

export interface DutyWeekInput { datTeamId: string; dutyWeek: WeekId }

/** `told`: the people sent a card (the confirmation says which were reached now and which will see it later). */
export async function setDutyWeek(deps: BookingDeps, actor: BookingActor, input: DutyWeekInput): Promise<{ osrWeek: WeekId; added: boolean; told: string[] }> {
  return auditRefusals(deps, actor, 'rota.duty-week.set', {}, async () => {
    if (!maySetDutyWeek(actor.person, input.datTeamId)) {
      throw new AccessDeniedError('NOT_DAT_MANAGER', "Only the team's DAT manager can set its duty weeks.");
    }
    const team = osrTeamOf(deps, input.datTeamId);
    const now = deps.clock.now();
    offered(input.dutyWeek, now, 'dutyWeek');
    const osrWeek = osrWeekOf(input.dutyWeek);
    return withTransaction(deps.db, async (tx) => {
      const added = await addDutyWeek(tx, team.id, input.dutyWeek, osrWeek, actor.aadObjectId, now);
      if (!added) return { osrWeek, added, told: [] };
      await writeAudit(tx, { actor: actor.aadObjectId, action: 'rota.duty-week.set', recordType: 'dat-team', recordId: team.id, after: { dutyWeek: input.dutyWeek, osrWeek } }, now);
      // Social workers get the rota (Barnet One Service Response protocol, 4.3); hub managers need a lead responder for that week.
      const socialWorkers = deps.directory.people.filter((p) => p.datTeamId === team.id && p.roles.includes('social-worker'));
      const managers = deps.directory.hubs.filter((h) => h.area === team.area).flatMap((h) => hubManagers(deps.directory, h.id));
      const sends = [
        ...socialWorkers.map((p) => ({ aad: p.aadObjectId, message: `Your team's duty week is ${weekLabel(input.dutyWeek)}, so your OSR week is ${weekLabel(osrWeek)}: you can book joint visits with the hubs' lead responders from the duty week on.` })),
        ...managers.map((p) => ({ aad: p.aadObjectId, message: `${team.name} is on OSR ${weekLabel(osrWeek)}. Set your hub's lead responder for that week if you have not.` })),
      ];
      for (const s of sends) {
        await enqueueNotification(tx, {
          to: { kind: 'user', aadObjectId: s.aad },
          template: 'notice',
          data: { title: 'OSR rota', message: s.message, color: 'Default', code: '', actions: [{ title: 'Show the rota', data: { verb: 'booking.rota' } }] },
          summary: `OSR week ${osrWeek}`,
          dedupeKey: `rota:duty:${team.id}:${input.dutyWeek}:${s.aad}`,
        });
      }
      return { osrWeek, added, told: sends.map((s) => s.aad) };
    });
  });
}

export interface HubWeekInput { weekId: WeekId; leadAad: string; coverAad: string | null; cap: number | null }

/** `told`: the people newly named, who were sent a card (the confirmation says which were reached). */
export async function setHubWeek(deps: BookingDeps, actor: BookingActor, input: HubWeekInput): Promise<{ cap: number; told: string[] }> {
  const hubId = actor.person?.hubId ?? '';
  return auditRefusals(deps, actor, 'rota.hub-week.set', {}, async () => {
    if (!maySetHubWeek(actor.person, hubId)) throw new AccessDeniedError('NOT_HUB_MANAGER', 'Only a hub team manager can set their hub\'s lead responder and places.');
    const hub = hubOrThrow(deps, hubId);
    const now = deps.clock.now();
    offered(input.weekId, now, 'weekId');
    for (const [aad, field] of [[input.leadAad, 'lead'], [input.coverAad, 'cover']] as const) {
      if (!aad) continue;
      const check = checkResponder(findPerson(deps.directory, aad), hub.id);
      if (!check.ok) {
        const who = field === 'lead' ? 'The lead responder' : 'The cover responder';
        throw new UseCaseError(check.code, check.code === 'GRADE_NOT_H_OR_I'
          ? `${who} must be a grade H or I practitioner (${nameOf(deps, aad)} is not).`
          : `${who} must be a practitioner of ${hub.name}.`, { field });
      }
    }
    if (input.coverAad && input.coverAad === input.leadAad) throw new UseCaseError('COVER_IS_LEAD', 'The cover responder must be someone other than the lead responder.', { field: 'cover' });
    return withTransaction(deps.db, async (tx) => {
      // The lock makes "count, then lower the cap" safe against a booking landing in between.
      const before = await lockHubWeek(tx, hub.id, input.weekId, hub.weeklyCap);
      const cap = effectiveCap(hub.weeklyCap, input.cap);
      const held = await placeHoldingBookings(tx, hub.id, input.weekId);
      const change = checkCapChange(cap, held.map((b) => ({ bookingId: b.id, caseRef: b.caseRef })));
      if (!change.ok) {
        if (change.code === 'CAP_INVALID') throw new UseCaseError('CAP_INVALID', 'Places must be a whole number from 0 to 50.', { field: 'cap' });
        throw new CapBelowBookedError(held.map((b) => ({ caseRef: b.caseRef, when: b.visitAt.toISOString() })), cap, weekLabel(input.weekId));
      }
      const after = await setHubWeekRota(tx, hub.id, input.weekId, { leadAad: input.leadAad, coverAad: input.coverAad, capOverride: input.cap, by: actor.aadObjectId, at: now });
      await writeAudit(tx, {
        actor: actor.aadObjectId, action: 'rota.hub-week.set', recordType: 'hub-week', recordId: `${hub.id}/${input.weekId}`,
        before: { lead: before.leadAad, cover: before.coverAad, cap: before.capOverride }, after: { lead: after.leadAad, cover: after.coverAad, cap: after.capOverride },
      }, now);
      const told: string[] = [];
      for (const [aad, role] of [[after.leadAad, 'lead responder'], [after.coverAad, 'cover responder']] as const) {
        if (!aad || aad === (role === 'lead responder' ? before.leadAad : before.coverAad)) continue;
        told.push(aad);
        await enqueueNotification(tx, {
          to: { kind: 'user', aadObjectId: aad },
          template: 'notice',
          data: { title: 'OSR rota', message: `You are ${hub.name}'s ${role} for ${weekLabel(input.weekId)}. Social workers on OSR that week can book joint visits with you.`, color: 'Default', code: '', actions: [{ title: 'Show the rota', data: { verb: 'booking.rota' } }] },
          summary: `OSR ${role} ${input.weekId}`,
          dedupeKey: `rota:hub:${hub.id}:${input.weekId}:${role}:${aad}:${now.getTime()}`,
        });
      }
      return { cap, told };
    });
  });
}
