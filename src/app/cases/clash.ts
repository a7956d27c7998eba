// Owns refusing a joint visit that clashes with another of the lead
// responder's (issue 12). The database refuses the overlap (migration 041,
// constraint bookings_responder_no_overlap), also between two bookings made
// at the same moment; this turns that refusal into words on the booking form,
// with the nearest free times of that practitioner in the same week.
import { openVisitStartsOf } from '../../store/case-store.js';
import { nearestFreeTimes } from '../../domain/case/free-times.js';
import { formatCardDateTime } from '../../domain/time/london-format.js';
import { weekById } from '../../domain/time/london.js';
import type { WorkingCalendar } from '../../domain/time/working-calendar.js';
import type { Queryable } from '../../store/db.js';
import { UseCaseError } from '../errors.js';

export function isResponderClash(err: unknown): boolean {
  return (err as { constraint?: string } | null)?.constraint === 'bookings_responder_no_overlap';
}

export async function responderClash(q: Queryable, p: { responderAad: string; responderName: string; weekId: string; visitAt: Date; calendar: WorkingCalendar; now: Date }): Promise<UseCaseError> {
  const week = weekById(p.weekId);
  const busy = await openVisitStartsOf(q, p.responderAad, week.startsAt, week.endsAt);
  const free = nearestFreeTimes(p.visitAt, p.weekId, busy, p.calendar, p.now);
  const offer = free.length > 0
    ? ` The nearest free times this week: ${free.map(formatCardDateTime).join('; ')}.`
    : ' They have no free time left this week: choose another hub, or book in next week\'s OSR week.';
  return new UseCaseError('RESPONDER_BUSY', `${p.responderName} already has a joint visit at that time.${offer}`, { field: 'visitTime' });
}
