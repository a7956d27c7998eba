// Support-plan reviews at the service's own interval (e.g. the Home-Start
// Hertfordshire referral criteria: "reviewing support plans every three
// months"): the practitioner is reminded ahead of each review, with the hub
// manager copied in. One reminder pair per review; recording the review moves
// the plan on to the next one. Services without a review timescale get none.
import { previousWorkingDayAt, workingStartOn } from '../time/working-hours.js';
import type { Period } from '../policy/index.js';
import { localDateOf, toIsoDate, type LocalDate } from '../time/zoned-clock.js';
import { hubManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { addPeriodToDate } from './service-timescales.js';
import { REMINDER_TEMPLATES } from './templates.js';

/** A support plan as the reminder rules need it: ids, dates and counts, no family details. */
export interface SupportPlanSnapshot {
  readonly planId: string;
  /** Case reference from the case management system (e.g. an EHM id). */
  readonly caseRef: string;
  readonly hubId: string;
  readonly practitionerAadId: string;
  /** When support started: the anchor for reviews and for the 9-month target. */
  readonly startedAt: Date;
  readonly reviewsHeld: number;
  readonly lastReviewAt: Date | null;
  readonly closedAt: Date | null;
}

/**
 * The next review is due one review period after the last review held
 * (or after the start, for the first). Counting from the last review rather
 * than a fixed grid from the start is a product choice: a late review does not
 * bunch the next one up against it, and no gap ever exceeds the interval.
 */
export function nextPlanReviewDate(plan: SupportPlanSnapshot, every: Period, ctx: ReminderContext): LocalDate {
  const anchorDate = localDateOf(plan.lastReviewAt ?? plan.startedAt, ctx.calendar.timeZone);
  return addPeriodToDate(anchorDate, every);
}

export function planSupportPlanReviewReminders(plan: SupportPlanSnapshot, every: Period, ctx: ReminderContext): PlannedReminder[] {
  if (plan.closedAt) return [];
  const reviewDate = nextPlanReviewDate(plan, every, ctx);
  const reviewMorning = workingStartOn(reviewDate, ctx.calendar);
  const noticeDays = ctx.timescales.planReviewNoticeWorkingDays;
  const ideal =
    noticeDays === 0
      ? reviewMorning
      : previousWorkingDayAt(reviewMorning, ctx.calendar.startHour, ctx.calendar, { workingDaysBack: noticeDays });
  const reviewNumber = plan.reviewsHeld + 1;
  const common = {
    cause: 'plan-review',
    causeId: plan.planId,
    occurrence: `review-${reviewNumber}`,
    dueAt: dueInWorkingHours(ideal, ctx),
    escalation: 0,
    data: { caseRef: plan.caseRef, planId: plan.planId, reviewNumber, reviewDueOn: toIsoDate(reviewDate) },
  } as const;
  return [
    planReminder({ ...common, recipient: userRecipient(plan.practitionerAadId), template: REMINDER_TEMPLATES.planReviewDue }),
    planReminder({ ...common, recipient: hubManagerOf(plan.hubId), template: REMINDER_TEMPLATES.planReviewDueManager }),
  ];
}
