// Parenting interventions (Barnet One Service Response protocol, 4.2: "a
// maximum of 6 sessions and can then be reviewed, however more sessions (up
// to a further 6 weeks) can be considered if there are more complex issues").
// Once the sixth session is recorded, the practitioner is reminded to hold the
// review, and the hub manager is told if it is still not recorded a working
// week later. A review that extends the work sets its end: the practitioner is
// reminded on the last day of the further period, and the manager after it.
// After that, or after a review that ends the work, no more sessions are
// counted: that is the protocol's limit, a period after the review, not 6 more sessions.
import { addWorkingDays, workingStartOn } from '../time/working-hours.js';
import { parseIsoDate, toIsoDate } from '../time/zoned-clock.js';
import { hubManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { addPeriodToDate, type ParentingTerms } from './service-timescales.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface ParentingProgrammeSnapshot {
  /** The request the parenting work belongs to. */
  readonly interventionId: string;
  readonly caseRef: string;
  readonly hubId: string;
  readonly practitionerAadId: string;
  readonly sessionsHeld: number;
  /** When the latest session was recorded; null before the first. */
  readonly lastSessionAt: Date | null;
  /** The review after the first block: extend until a date (complex issues), or end. */
  readonly review: { readonly heldOn: string; readonly outcome: 'extend' | 'end'; readonly extendedUntil: string | null } | null;
  readonly closedAt: Date | null;
}

export function planParentingSessionReminders(
  programme: ParentingProgrammeSnapshot,
  terms: ParentingTerms,
  ctx: ReminderContext,
): PlannedReminder[] {
  if (programme.closedAt || !programme.lastSessionAt) return [];
  const data = { caseRef: programme.caseRef, interventionId: programme.interventionId, sessionsHeld: programme.sessionsHeld, sessionsBeforeReview: terms.sessionsBeforeReview };
  const escalate = (from: Date) => addWorkingDays(from, ctx.timescales.parentingReviewEscalationWorkingDays, ctx.calendar);
  const steps = (occurrence: string, practitionerDue: Date, managerDue: Date, templates: readonly [string, string], extra: Record<string, string> = {}) => [
    planReminder({ cause: 'parenting-sessions', causeId: programme.interventionId, occurrence, recipient: userRecipient(programme.practitionerAadId), dueAt: dueInWorkingHours(practitionerDue, ctx), escalation: 0, template: templates[0], data: { ...data, ...extra } }),
    // Its own occurrence: the practitioner noting their reminder must not close the manager's.
    planReminder({ cause: 'parenting-sessions', causeId: programme.interventionId, occurrence: `${occurrence}-manager`, recipient: hubManagerOf(programme.hubId), dueAt: dueInWorkingHours(managerDue, ctx), escalation: 1, template: templates[1], data: { ...data, ...extra } }),
  ];

  if (!programme.review) {
    if (programme.sessionsHeld < terms.sessionsBeforeReview) return [];
    // Straight after the session that reaches the limit (in working hours): progress is fresh in mind.
    const reviewDue = programme.lastSessionAt;
    return steps(`review-after-${terms.sessionsBeforeReview}`, reviewDue, escalate(dueInWorkingHours(reviewDue, ctx)), [REMINDER_TEMPLATES.parentingReviewDue, REMINDER_TEMPLATES.parentingReviewOverdue]);
  }
  if (programme.review.outcome === 'end' || programme.review.extendedUntil === null) return [];
  const lastDay = workingStartOn(parseIsoDate(programme.review.extendedUntil), ctx.calendar);
  return steps(`extension-ends-${programme.review.extendedUntil}`, lastDay, escalate(lastDay), [REMINDER_TEMPLATES.parentingExtensionEnds, REMINDER_TEMPLATES.parentingExtensionEndsManager], { extendedUntil: programme.review.extendedUntil });
}

/** The date a further period granted at a review ends: the review's date plus the period. */
export function extensionEndDate(reviewHeldOn: string, terms: ParentingTerms): string | null {
  return terms.extension ? toIsoDate(addPeriodToDate(parseIsoDate(reviewHeldOn), terms.extension)) : null;
}
