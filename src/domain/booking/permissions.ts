// Owns who may do what with the OSR rota and a booking. Decisions use the
// directory person and the stored records only, never ids carried in a card.
import type { Person } from '../directory/schema.js';
import { canLeadRespond, isDatManager, isHubManager, isRole } from '../access/roles.js';
import type { Booking, BookingStatus } from './schema.js';

/** The hub-week facts a decision about a booking needs. */
export interface HubWeekRoles {
  readonly leadAad: string | null;
  readonly coverAad: string | null;
}

export function maySetDutyWeek(person: Person | undefined, datTeamId: string): boolean {
  return isDatManager(person, datTeamId);
}

export function maySetHubWeek(person: Person | undefined, hubId: string): boolean {
  return isHubManager(person, hubId);
}

export type ResponderCheck = { ok: true } | { ok: false; code: 'NOT_IN_HUB' | 'GRADE_NOT_H_OR_I' };

/** A lead or cover responder is a hub practitioner of that hub, grade H or I (Barnet One Service Response protocol, 4.3). */
export function checkResponder(person: Person | undefined, hubId: string): ResponderCheck {
  if (!person || person.hubId !== hubId || !isRole(person, 'hub-practitioner')) return { ok: false, code: 'NOT_IN_HUB' };
  if (!canLeadRespond(person)) return { ok: false, code: 'GRADE_NOT_H_OR_I' };
  return { ok: true };
}

/** Social workers in a DAT team book; the team decides the OSR week. */
export function mayBook(person: Person | undefined): person is Person & { datTeamId: string } {
  return isRole(person, 'social-worker') && !!person.datTeamId;
}

export function isBookingSocialWorker(person: Person | undefined, booking: Booking): boolean {
  return !!person && person.aadObjectId === booking.socialWorkerAad;
}

/** The practitioner the booking is with, or the week's cover responder when the lead is away. */
export function mayRespond(person: Person | undefined, booking: Booking, week: HubWeekRoles): boolean {
  if (!person || person.hubId !== booking.hubId) return false;
  return person.aadObjectId === booking.assigneeAad || (week.coverAad !== null && person.aadObjectId === week.coverAad);
}

export function mayReassign(person: Person | undefined, booking: Booking): boolean {
  return isHubManager(person, booking.hubId);
}

/** Either side may cancel, and the hub manager may. */
export function mayCancel(person: Person | undefined, booking: Booking, week: HubWeekRoles): boolean {
  return isBookingSocialWorker(person, booking) || mayRespond(person, booking, week) || mayReassign(person, booking);
}

export function mayView(person: Person | undefined, booking: Booking, week: HubWeekRoles): boolean {
  return mayCancel(person, booking, week);
}

export type BookingAction = 'accept' | 'propose' | 'agree' | 'decline' | 'ask-reassign' | 'reassign' | 'cancel';

// Which statuses each action can start from. A practitioner may move an
// accepted visit (leave, illness); a reassigned booking goes back to
// 'requested' for the new practitioner to answer.
const FROM: Record<BookingAction, readonly BookingStatus[]> = {
  accept: ['requested'],
  propose: ['requested', 'accepted'],
  agree: ['time-proposed'],
  decline: ['requested', 'time-proposed'],
  'ask-reassign': ['requested', 'accepted', 'time-proposed'],
  reassign: ['requested', 'accepted', 'time-proposed', 'reassign-requested'],
  cancel: ['requested', 'accepted', 'time-proposed', 'reassign-requested'],
};

export function canTransition(action: BookingAction, status: BookingStatus): boolean {
  return FROM[action].includes(status);
}
