// OSR joint visits (Barnet One Service Response protocol, 2.3–4.4): once the lead responder
// has accepted, the social worker and the practitioner are each reminded the
// working day before at the start of the working day, and on the morning of
// the visit at the start of the working day.
import { isWorkingTime, morningOf, previousWorkingDayAt } from '../time/working-hours.js';
import { instantLabel } from '../time/zoned-clock.js';
import { planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface JointVisitSnapshot {
  readonly bookingId: string;
  readonly caseRef: string;
  readonly hubId: string;
  readonly visitAt: Date;
  readonly socialWorkerAadId: string;
  readonly practitionerAadId: string;
  /** Accepted by the lead responder and not since cancelled: a booking is only a request until then. */
  readonly confirmed: boolean;
}

/**
 * Product choices, because a visit reminder is only worth anything before the visit:
 * - a reminder whose ideal time has passed when the plan is made (a visit
 *   booked the afternoon before, or the app down at 09:00) goes now rather
 *   than being dropped, so re-planning never cancels one still owed;
 * - it is dropped only once it would arrive at or after the visit, or (for the
 *   day-before one) no earlier than the morning-of one, which then stands in;
 * - the morning-of reminder of a visit on a non-working day, or at the very
 *   start of the working day, is dropped: the day-before one covered it;
 * - the visit time is part of the occurrence, so moving the visit gives new
 *   reminders even if the old day-before reminder was already sent.
 */
export function planJointVisitReminders(visit: JointVisitSnapshot, ctx: ReminderContext): PlannedReminder[] {
  if (!visit.confirmed || visit.visitAt.getTime() <= ctx.now.getTime()) return [];
  const cal = ctx.calendar;
  const visitTime = visit.visitAt.getTime();
  const morningIdeal = morningOf(visit.visitAt, cal);
  const morningOfDue = isWorkingTime(morningIdeal, cal) ? dueInWorkingHours(morningIdeal, ctx) : null;
  const dayBeforeDue = dueInWorkingHours(previousWorkingDayAt(visit.visitAt, cal.startHour, cal), ctx);
  const latestUseful = Math.min(visitTime, morningOfDue?.getTime() ?? visitTime);

  const steps = [
    { occurrence: 'day-before', dueAt: dayBeforeDue, usefulBefore: latestUseful, template: REMINDER_TEMPLATES.jointVisitTomorrow },
    ...(morningOfDue
      ? [{ occurrence: 'morning-of', dueAt: morningOfDue, usefulBefore: visitTime, template: REMINDER_TEMPLATES.jointVisitToday }]
      : []),
  ].filter((step) => step.dueAt.getTime() < step.usefulBefore);

  const data = { caseRef: visit.caseRef, bookingId: visit.bookingId, hubId: visit.hubId, visitAt: visit.visitAt.toISOString() };
  return steps.flatMap((step) =>
    [visit.socialWorkerAadId, visit.practitionerAadId].map((aadObjectId) =>
      planReminder({
        cause: 'joint-visit',
        causeId: visit.bookingId,
        occurrence: `${step.occurrence}-${instantLabel(visit.visitAt)}`,
        recipient: userRecipient(aadObjectId),
        dueAt: step.dueAt,
        escalation: 0,
        template: step.template,
        data,
      }),
    ),
  );
}
