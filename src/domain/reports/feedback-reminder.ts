// The family feedback reminder (Barnet One Service Response protocol, 5.3): a request closed without the
// family's feedback reminds its practitioner a few working days later, so the
// feedback is gathered while the family still remembers the work. Recording
// the feedback resolves it.
import { addWorkingDays } from '../time/working-hours.js';
import { planReminder, userRecipient, type PlannedReminder } from '../reminders/planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from '../reminders/reminder-context.js';
import { REMINDER_TEMPLATES } from '../reminders/templates.js';

/** Product choice: a week of working days to meet the family once more and ask. */
export const FEEDBACK_REMINDER_WORKING_DAYS = 5;

export interface ClosedRequestFacts {
  requestId: string;
  caseRef: string;
  /** Who delivered the work; without one the hub manager asked for the close and nobody is reminded. */
  practitionerAadId: string | null;
  closedAt: Date;
  hasFeedback: boolean;
}

export function planFeedbackMissingReminder(facts: ClosedRequestFacts, ctx: ReminderContext): PlannedReminder[] {
  if (facts.hasFeedback || !facts.practitionerAadId) return [];
  const ideal = addWorkingDays(facts.closedAt, FEEDBACK_REMINDER_WORKING_DAYS, ctx.calendar);
  return [planReminder({
    cause: 'family-feedback',
    causeId: facts.requestId,
    occurrence: 'once',
    recipient: userRecipient(facts.practitionerAadId),
    dueAt: dueInWorkingHours(ideal, ctx),
    escalation: 0,
    template: REMINDER_TEMPLATES.familyFeedbackMissing,
    data: { caseRef: facts.caseRef, requestId: facts.requestId },
  })];
}
