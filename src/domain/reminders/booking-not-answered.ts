// A joint-visit booking waiting on the lead responder (the Barnet One Service
// Response protocol, 4.3: the visit is discussed with the practitioner first, so
// a booking is a request until the lead responder accepts it). The lead responder is
// nudged after a few working hours, and the hub manager, who can reassign,
// is told after a full working day. Both are product choices (timescales.ts).
import { addWorkingHours } from '../time/working-hours.js';
import { instantLabel } from '../time/zoned-clock.js';
import { hubManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface BookingAwaitingAnswerSnapshot {
  readonly bookingId: string;
  readonly caseRef: string;
  readonly hubId: string;
  readonly leadResponderAadId: string;
  /**
   * When the booking started waiting for the lead responder's answer (made, or
   * a new time proposed by the social worker); null once answered or cancelled.
   */
  readonly awaitingAnswerSince: Date | null;
}

export function planBookingNotAnsweredReminders(
  booking: BookingAwaitingAnswerSnapshot,
  ctx: ReminderContext,
): PlannedReminder[] {
  const since = booking.awaitingAnswerSince;
  if (!since) return [];
  const { bookingAnswerWorkingHours, bookingEscalationWorkingHours } = ctx.timescales;
  const data = { caseRef: booking.caseRef, bookingId: booking.bookingId, hubId: booking.hubId, requestedAt: since.toISOString() };
  // Each wait for an answer is its own occurrence: a second request for an
  // answer after a new time is proposed is a new reminder, not a repeat.
  const common = { cause: 'booking-not-answered', causeId: booking.bookingId, occurrence: `asked-${instantLabel(since)}`, data } as const;
  return [
    planReminder({
      ...common,
      recipient: userRecipient(booking.leadResponderAadId),
      dueAt: dueInWorkingHours(addWorkingHours(since, bookingAnswerWorkingHours, ctx.calendar), ctx),
      escalation: 0,
      template: REMINDER_TEMPLATES.bookingNotAnswered,
    }),
    planReminder({
      ...common,
      recipient: hubManagerOf(booking.hubId),
      dueAt: dueInWorkingHours(addWorkingHours(since, bookingEscalationWorkingHours, ctx.calendar), ctx),
      escalation: 1,
      template: REMINDER_TEMPLATES.bookingNotAnsweredEscalation,
    }),
  ];
}
