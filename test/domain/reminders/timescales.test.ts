import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMESCALES, timescalesSchema } from '../../../src/domain/reminders/timescales.js';
import { serviceTimescales } from '../../../src/domain/reminders/service-timescales.js';
import { loadPolicy } from '../../../src/config/load-policies.js';

describe('product timescales', () => {
  it('hold only our own choices: notice, escalation and digest timings', () => {
    expect(DEFAULT_TIMESCALES).toEqual({
      planReviewNoticeWorkingDays: 5,
      needsMetWarningMonthsBefore: 1,
      requestFilingWorkingDays: 2,
      requestFilingEscalationWorkingDays: 2,
      bookingAnswerWorkingHours: 4,
      bookingEscalationWorkingHours: 8,
      parentingReviewEscalationWorkingDays: 5,
      supervisionNoticeWorkingDays: 5,
      weeklyDigest: { isoWeekday: 1, hour: 9, minute: 0 },
    });
  });

  it('let a council override one figure and keep the rest', () => {
    expect(timescalesSchema.parse({ planReviewNoticeWorkingDays: 2 })).toMatchObject({ planReviewNoticeWorkingDays: 2, supervisionNoticeWorkingDays: 5 });
  });

  it('refuse an escalation that would come before the first reminder', () => {
    const result = timescalesSchema.safeParse({ bookingEscalationWorkingHours: 2 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['bookingEscalationWorkingHours']);
  });

  it('refuse nonsense values', () => {
    expect(timescalesSchema.safeParse({ planReviewNoticeWorkingDays: -1 }).success).toBe(false);
    expect(timescalesSchema.safeParse({ weeklyDigest: { isoWeekday: 8 } }).success).toBe(false);
  });
});

describe('service timescales belong to their service', () => {
  const policy = loadPolicy('policies');
  const of = (id: string) => serviceTimescales(policy.services.find((pack) => pack.id === id));

  it('Home-Start sets the 4-week start, 3-monthly reviews and the 9-month target', () => {
    expect(of('home-start-herts')).toEqual({
      'support-start': { amount: 4, unit: 'weeks' },
      'support-plan-review': { amount: 3, unit: 'months' },
      'needs-met': { amount: 9, unit: 'months' },
    });
  });

  it('Plymouth sets return home interviews and supervision; Barnet and Bradford set none of these', () => {
    expect(of('plymouth-targeted-support')).toEqual({ 'return-home-interview': { amount: 72, unit: 'hours' }, 'staff-supervision': { amount: 2, unit: 'months' } });
    expect(of('plymouth-family-hubs')).toEqual({ 'staff-supervision': { amount: 2, unit: 'months' } });
    expect(of('barnet-0-19-hub')).toEqual({});
    expect(of('bradford-family-hubs')).toEqual({});
  });
});
