// The product timescales behind reminders, as configuration with defaults:
// notice periods, escalation delays and the digest's slot. None comes from a
// council's document: the service timescales (Home-Start's 4 weeks, Plymouth's
// 72 hours, Barnet's 6 sessions…) live in each service's policy pack and are
// read per request (service-timescales.ts). Each default is a named constant
// saying why it was chosen.
import { z } from 'zod';

// Product: a working week's notice, so a review meeting can be arranged with the family.
export const PLAN_REVIEW_NOTICE_WORKING_DAYS = 5;
// Product: a month's warning before a "needs met within" target, time to plan an exit or step-up.
export const NEEDS_MET_WARNING_MONTHS_BEFORE = 1;
// Product (the Barnet One Service Response protocol, 2.4 and 4.5, says the request
// follows the visit, not when): 2 working days is long enough to write it up and
// short enough for the OSR week to still matter.
export const REQUEST_FILING_WORKING_DAYS = 2;
// Product: the DAT manager hears after a further 2 working days.
export const REQUEST_FILING_ESCALATION_WORKING_DAYS = 2;
// Product: the OSR week is only five working days (Barnet One Service Response
// protocol, 2.3), so a booking left half a working day unanswered is worth a nudge…
export const BOOKING_ANSWER_WORKING_HOURS = 4;
// …and one left a full working day goes to the hub manager to act on.
export const BOOKING_ESCALATION_WORKING_HOURS = 8;
// Product: the hub manager hears if a parenting review is still not recorded a working week after it fell due.
export const PARENTING_REVIEW_ESCALATION_WORKING_DAYS = 5;
// Product: as for plan reviews, a working week to fit the supervision in.
export const SUPERVISION_NOTICE_WORKING_DAYS = 5;
// Product: the hub manager's digest on Monday at 09:00, configurable.
export const WEEKLY_DIGEST_ISO_WEEKDAY = 1;
export const WEEKLY_DIGEST_HOUR = 9;
export const WEEKLY_DIGEST_MINUTE = 0;

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
    planReviewNoticeWorkingDays: workingDays.default(PLAN_REVIEW_NOTICE_WORKING_DAYS),
    needsMetWarningMonthsBefore: z.number().int().min(0).max(12).default(NEEDS_MET_WARNING_MONTHS_BEFORE),
    requestFilingWorkingDays: workingDays.default(REQUEST_FILING_WORKING_DAYS),
    requestFilingEscalationWorkingDays: workingDays.min(1).default(REQUEST_FILING_ESCALATION_WORKING_DAYS),
    bookingAnswerWorkingHours: workingHours.default(BOOKING_ANSWER_WORKING_HOURS),
    bookingEscalationWorkingHours: workingHours.default(BOOKING_ESCALATION_WORKING_HOURS),
    parentingReviewEscalationWorkingDays: workingDays.min(1).default(PARENTING_REVIEW_ESCALATION_WORKING_DAYS),
    supervisionNoticeWorkingDays: workingDays.default(SUPERVISION_NOTICE_WORKING_DAYS),
    weeklyDigest: weeklyDigestScheduleSchema.default({}),
  })
  .superRefine((t, ctx) => {
    if (t.bookingEscalationWorkingHours <= t.bookingAnswerWorkingHours) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['bookingEscalationWorkingHours'], message: 'The hub manager must hear after the lead responder, not before.' });
    }
  });

export type Timescales = z.infer<typeof timescalesSchema>;
export type TimescalesInput = z.input<typeof timescalesSchema>;

export const DEFAULT_TIMESCALES: Timescales = timescalesSchema.parse({});
