// The follow-up after an OSR joint visit (Barnet One Service Response
// protocol, 2.4 and 4.5: visits are "followed up with a 0-19 Request Form"). If the social worker has not filed it some
// working days after the visit they are reminded; if it is still not filed a
// few working days later, their DAT manager is told.
import { addWorkingDays } from '../time/working-hours.js';
import { datManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface VisitFollowUpSnapshot {
  readonly bookingId: string;
  readonly caseRef: string;
  readonly hubId: string;
  readonly datTeamId: string;
  readonly socialWorkerAadId: string;
  readonly visitAt: Date;
  /** The visit was accepted and not cancelled. */
  readonly visitConfirmed: boolean;
  readonly requestFiledAt: Date | null;
}

export function planRequestNotFiledReminders(visit: VisitFollowUpSnapshot, ctx: ReminderContext): PlannedReminder[] {
  if (!visit.visitConfirmed || visit.requestFiledAt) return [];
  const { requestFilingWorkingDays, requestFilingEscalationWorkingDays } = ctx.timescales;
  // Both ideals come from the visit, not from `now`, so re-planning never drifts them later.
  const socialWorkerIdeal = addWorkingDays(visit.visitAt, requestFilingWorkingDays, ctx.calendar);
  const managerIdeal = addWorkingDays(socialWorkerIdeal, requestFilingEscalationWorkingDays, ctx.calendar);
  const data = { caseRef: visit.caseRef, bookingId: visit.bookingId, hubId: visit.hubId, visitAt: visit.visitAt.toISOString() };
  const common = { cause: 'request-not-filed', causeId: visit.bookingId, occurrence: 'once', data } as const;
  return [
    planReminder({
      ...common,
      recipient: userRecipient(visit.socialWorkerAadId),
      dueAt: dueInWorkingHours(socialWorkerIdeal, ctx),
      escalation: 0,
      template: REMINDER_TEMPLATES.requestNotFiled,
    }),
    planReminder({
      ...common,
      recipient: datManagerOf(visit.datTeamId),
      dueAt: dueInWorkingHours(managerIdeal, ctx),
      escalation: 1,
      template: REMINDER_TEMPLATES.requestNotFiledEscalation,
    }),
  ];
}
