import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMESCALES, timescalesSchema } from '../../../src/domain/reminders/timescales.js';

describe('timescales', () => {
  it('default to the seeds’ figures and our product choices', () => {
    expect(DEFAULT_TIMESCALES).toEqual({
      planReviewIntervalMonths: 3,
      planReviewNoticeWorkingDays: 5,
      supportStartWithinWeeks: 4,
      needsMetWithinMonths: 9,
      needsMetWarningMonths: 8,
      requestFilingWorkingDays: 2,
      requestFilingEscalationWorkingDays: 2,
      bookingAnswerWorkingHours: 4,
      bookingEscalationWorkingHours: 8,
      parentingReviewAfterSessions: 6,
      parentingSessionCap: 12,
      returnHomeInterviewWithinHours: 72,
      returnHomeInterviewEscalateAfterHours: 48,
      supervisionIntervalMonths: 2,
      supervisionNoticeWorkingDays: 5,
      weeklyDigest: { isoWeekday: 1, hour: 9, minute: 0 },
    });
  });

  it('let a council override one figure and keep the rest', () => {
    expect(timescalesSchema.parse({ planReviewIntervalMonths: 2 })).toMatchObject({ planReviewIntervalMonths: 2, needsMetWithinMonths: 9 });
  });

  it('refuse escalations that would come before the first reminder, listing each', () => {
    const result = timescalesSchema.safeParse({
      needsMetWarningMonths: 9,
      bookingEscalationWorkingHours: 2,
      parentingSessionCap: 4,
      returnHomeInterviewEscalateAfterHours: 80,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'needsMetWarningMonths',
      'bookingEscalationWorkingHours',
      'parentingSessionCap',
      'returnHomeInterviewEscalateAfterHours',
    ]);
  });

  it('refuse nonsense values', () => {
    expect(timescalesSchema.safeParse({ planReviewIntervalMonths: 0 }).success).toBe(false);
    expect(timescalesSchema.safeParse({ weeklyDigest: { isoWeekday: 8 } }).success).toBe(false);
  });
});
