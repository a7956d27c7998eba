// The timescales behind every reminder, as configuration with defaults. Each
// default is a named constant saying where it comes from: a seed document
// (cited) or our own product choice (marked "product"). A council changes
// them in config; a service policy pack can override them for its service.
import { z } from 'zod';

// Seed 000 (Home-Start Hertfordshire): "reviewing support plans every three months".
export const PLAN_REVIEW_INTERVAL_MONTHS = 3;
// Product: a working week's notice, so a review meeting can be arranged with the family.
export const PLAN_REVIEW_NOTICE_WORKING_DAYS = 5;
// Seed 000: "commence support to the family within four weeks of the request".
export const SUPPORT_START_WITHIN_WEEKS = 4;
// Seed 000: "meet the emerging needs of families within nine months".
export const NEEDS_MET_WITHIN_MONTHS = 9;
// Product: a month's warning before the 9-month target, time to plan an exit or step-up.
export const NEEDS_MET_WARNING_MONTHS = 8;
// Product (seed 004 §2.5 says the request follows the visit, not when): 2 working
// days is long enough to write it up and short enough for the OSR week to still matter.
export const REQUEST_FILING_WORKING_DAYS = 2;
// Product: the DAT manager hears after a further 2 working days.
export const REQUEST_FILING_ESCALATION_WORKING_DAYS = 2;
// Product: the OSR week is only five working days (seed 004 §2.3), so a booking
// left half a working day unanswered is worth a nudge…
export const BOOKING_ANSWER_WORKING_HOURS = 4;
// …and one left a full working day goes to the hub manager to act on.
export const BOOKING_ESCALATION_WORKING_HOURS = 8;
// Seed 004 §4.2: "a maximum of 6 sessions and can then be reviewed".
export const PARENTING_REVIEW_AFTER_SESSIONS = 6;
// Seed 004 §4.2: "up to a further 6" when issues are complex, so 12 in all.
export const PARENTING_SESSION_CAP = 12;
// Seed 003: RHIs completed "within 72hrs" of a young person being found.
export const RETURN_HOME_INTERVIEW_WITHIN_HOURS = 72;
// Product: escalate to the manager with a full day of the 72 hours still left.
export const RETURN_HOME_INTERVIEW_ESCALATE_AFTER_HOURS = 48;
// Seed 003: "All staff should have supervisions every 2 months".
export const SUPERVISION_INTERVAL_MONTHS = 2;
// Product: as for plan reviews, a working week to fit the supervision in.
export const SUPERVISION_NOTICE_WORKING_DAYS = 5;
// Issue 7 / DOMAIN.md §7: the hub manager's digest on Monday at 09:00, configurable.
export const WEEKLY_DIGEST_ISO_WEEKDAY = 1;
export const WEEKLY_DIGEST_HOUR = 9;
export const WEEKLY_DIGEST_MINUTE = 0;

const months = z.number().int().min(1).max(36);
const workingDays = z.number().int().min(0).max(60);
const workingHours = z.number().positive().max(80);

export const weeklyDigestScheduleSchema = z.object({
  isoWeekday: z.number().int().min(1).max(7).default(WEEKLY_DIGEST_ISO_WEEKDAY),
  hour: z.number().int().min(0).max(23).default(WEEKLY_DIGEST_HOUR),
  minute: z.number().int().min(0).max(59).default(WEEKLY_DIGEST_MINUTE),
});
export type WeeklyDigestSchedule = z.infer<typeof weeklyDigestScheduleSchema>;

export const timescalesSchema = z
  .object({
    planReviewIntervalMonths: months.default(PLAN_REVIEW_INTERVAL_MONTHS),
    planReviewNoticeWorkingDays: workingDays.default(PLAN_REVIEW_NOTICE_WORKING_DAYS),
    supportStartWithinWeeks: z.number().int().min(1).max(52).default(SUPPORT_START_WITHIN_WEEKS),
    needsMetWithinMonths: months.default(NEEDS_MET_WITHIN_MONTHS),
    needsMetWarningMonths: months.default(NEEDS_MET_WARNING_MONTHS),
    requestFilingWorkingDays: workingDays.default(REQUEST_FILING_WORKING_DAYS),
    requestFilingEscalationWorkingDays: workingDays.min(1).default(REQUEST_FILING_ESCALATION_WORKING_DAYS),
    bookingAnswerWorkingHours: workingHours.default(BOOKING_ANSWER_WORKING_HOURS),
    bookingEscalationWorkingHours: workingHours.default(BOOKING_ESCALATION_WORKING_HOURS),
    parentingReviewAfterSessions: z.number().int().min(1).max(50).default(PARENTING_REVIEW_AFTER_SESSIONS),
    parentingSessionCap: z.number().int().min(1).max(100).default(PARENTING_SESSION_CAP),
    returnHomeInterviewWithinHours: z.number().positive().max(24 * 14).default(RETURN_HOME_INTERVIEW_WITHIN_HOURS),
    returnHomeInterviewEscalateAfterHours: z.number().positive().default(RETURN_HOME_INTERVIEW_ESCALATE_AFTER_HOURS),
    supervisionIntervalMonths: months.default(SUPERVISION_INTERVAL_MONTHS),
    supervisionNoticeWorkingDays: workingDays.default(SUPERVISION_NOTICE_WORKING_DAYS),
    weeklyDigest: weeklyDigestScheduleSchema.default({}),
  })
  .superRefine((t, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (t.needsMetWarningMonths >= t.needsMetWithinMonths) {
      problem('needsMetWarningMonths', 'The needs-not-met warning must come before the target.');
    }
    if (t.bookingEscalationWorkingHours <= t.bookingAnswerWorkingHours) {
      problem('bookingEscalationWorkingHours', 'The hub manager must hear after the lead responder, not before.');
    }
    if (t.parentingSessionCap < t.parentingReviewAfterSessions) {
      problem('parentingSessionCap', 'The session cap cannot be below the session count that triggers a review.');
    }
    if (t.returnHomeInterviewEscalateAfterHours >= t.returnHomeInterviewWithinHours) {
      problem('returnHomeInterviewEscalateAfterHours', 'The escalation must come before the 72-hour deadline.');
    }
  });

export type Timescales = z.infer<typeof timescalesSchema>;
export type TimescalesInput = z.input<typeof timescalesSchema>;

export const DEFAULT_TIMESCALES: Timescales = timescalesSchema.parse({});
