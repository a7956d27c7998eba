import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snooze, snoozePeriodSchema } from '../../../src/domain/reminders/snooze.js';
import { isWorkingTime } from '../../../src/domain/time/working-hours.js';
import {
  FRI_1500_GMT_4_DEC_2026,
  londonCalendar as cal,
  SAT_1100_GMT_5_DEC_2026,
  THU_1000_GMT_24_DEC_2026,
  THU_1400_GMT_3_DEC_2026,
  TUE_1000_GMT_1_DEC_2026,
  TUE_1830_GMT_1_DEC_2026,
  utc,
} from '../time/fixtures.js';

const TUE_1030_GMT_1_DEC_2026 = utc('2026-12-01T10:30:00Z');

describe('snooze from a reminder card', () => {
  it('1 day: the next working day at the same time', () => {
    expect(snooze(TUE_1000_GMT_1_DEC_2026, '1d', TUE_1030_GMT_1_DEC_2026, cal)).toEqual(utc('2026-12-02T10:30:00Z'));
  });

  it('1 day from Friday is Monday', () => {
    expect(snooze(TUE_1000_GMT_1_DEC_2026, '1d', FRI_1500_GMT_4_DEC_2026, cal)).toEqual(utc('2026-12-07T15:00:00Z'));
  });

  it('1 day from Christmas Eve is Tuesday 29 December', () => {
    expect(snooze(TUE_1000_GMT_1_DEC_2026, '1d', THU_1000_GMT_24_DEC_2026, cal)).toEqual(utc('2026-12-29T10:00:00Z'));
  });

  it('1 day snoozed in the evening returns at the start of the next working day', () => {
    expect(snooze(TUE_1000_GMT_1_DEC_2026, '1d', TUE_1830_GMT_1_DEC_2026, cal)).toEqual(utc('2026-12-02T09:00:00Z'));
  });

  it('1 day snoozed on a Saturday is Monday at that time', () => {
    expect(snooze(TUE_1000_GMT_1_DEC_2026, '1d', SAT_1100_GMT_5_DEC_2026, cal)).toEqual(utc('2026-12-07T11:00:00Z'));
  });

  it('counts from the due time when snoozed ahead of it', () => {
    expect(snooze(THU_1400_GMT_3_DEC_2026, '1d', TUE_1000_GMT_1_DEC_2026, cal)).toEqual(utc('2026-12-04T14:00:00Z'));
  });

  it('1 week: the same weekday and time a week on', () => {
    expect(snooze(TUE_1000_GMT_1_DEC_2026, '1w', TUE_1030_GMT_1_DEC_2026, cal)).toEqual(utc('2026-12-08T10:30:00Z'));
  });

  it('1 week onto the Boxing Day substitute moves to Tuesday 09:00', () => {
    expect(snooze(TUE_1000_GMT_1_DEC_2026, '1w', utc('2026-12-21T11:00:00Z'), cal)).toEqual(utc('2026-12-29T09:00:00Z'));
  });

  it('1 week across the spring change keeps London wall time (10:00 GMT → 10:00 BST)', () => {
    expect(snooze(utc('2026-03-23T10:00:00Z'), '1w', utc('2026-03-23T10:00:00Z'), cal)).toEqual(utc('2026-03-30T09:00:00Z'));
  });

  it('accepts only the periods the card offers', () => {
    expect(snoozePeriodSchema.safeParse('1d').success).toBe(true);
    expect(snoozePeriodSchema.safeParse('2h').success).toBe(false);
  });

  it('always lands in working hours, later than both the click and the due time', () => {
    const instant = fc.date({ min: utc('2025-01-01T00:00:00Z'), max: utc('2028-12-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, fc.constantFrom('1d' as const, '1w' as const), (dueAt, now, period) => {
        const until = snooze(dueAt, period, now, cal);
        expect(isWorkingTime(until, cal)).toBe(true);
        expect(until.getTime()).toBeGreaterThan(Math.max(dueAt.getTime(), now.getTime()));
      }),
    );
  });
});
