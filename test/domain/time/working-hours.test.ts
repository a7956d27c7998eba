import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  createWorkingCalendar,
  isWorkingTime,
  morningOf,
  nextWorkingInstant,
  previousWorkingDayAt,
} from '../../../src/domain/time/working-hours.js';
import {
  FRI_0900_BST_23_OCT_2026,
  FRI_0900_GMT_27_MAR_2026,
  FRI_1000_GMT_25_DEC_2026,
  FRI_1000_GMT_26_MAR_2027,
  FRI_1500_BST_23_OCT_2026,
  FRI_1500_GMT_4_DEC_2026,
  FRI_1600_GMT_27_MAR_2026,
  FRI_1800_GMT_4_DEC_2026,
  londonCalendar as cal,
  MON_0900_BST,
  MON_0900_GMT_26_OCT_2026,
  MON_0900_GMT_7_DEC_2026,
  MON_1000_BST_29_MAR_2027,
  MON_1000_BST_30_MAR_2026,
  SAT_1100_GMT_5_DEC_2026,
  SUN_0300_BST_29_MAR_2026,
  THU_0900_GMT_25_MAR_2027,
  THU_1000_GMT_24_DEC_2026,
  THU_1400_GMT_3_DEC_2026,
  THU_1500_GMT_25_MAR_2027,
  TUE_0800_GMT_1_DEC_2026,
  TUE_0900_BST_30_MAR_2027,
  TUE_0900_GMT_1_DEC_2026,
  TUE_0900_GMT_29_DEC_2026,
  TUE_1000_BST_30_MAR_2027,
  TUE_1000_GMT_1_DEC_2026,
  TUE_1400_GMT_1_DEC_2026,
  TUE_1700_GMT_1_DEC_2026,
  TUE_1830_GMT_1_DEC_2026,
  WED_0900_GMT_2_DEC_2026,
  utc,
} from './fixtures.js';

describe('isWorkingTime', () => {
  it('is true from 09:00 up to, not including, 17:00 on a weekday', () => {
    expect(isWorkingTime(TUE_0900_GMT_1_DEC_2026, cal)).toBe(true);
    expect(isWorkingTime(utc('2026-12-01T16:59:59Z'), cal)).toBe(true);
    expect(isWorkingTime(TUE_1700_GMT_1_DEC_2026, cal)).toBe(false);
    expect(isWorkingTime(TUE_0800_GMT_1_DEC_2026, cal)).toBe(false);
  });

  it('reads the hours on London clocks: 08:30Z in summer is 09:30 BST, working time', () => {
    expect(isWorkingTime(utc('2026-03-30T08:30:00Z'), cal)).toBe(true);
    expect(isWorkingTime(utc('2026-03-30T16:30:00Z'), cal)).toBe(false); // 17:30 BST
  });

  it('is false at weekends and on bank holidays', () => {
    expect(isWorkingTime(SAT_1100_GMT_5_DEC_2026, cal)).toBe(false);
    expect(isWorkingTime(FRI_1000_GMT_25_DEC_2026, cal)).toBe(false);
    expect(isWorkingTime(utc('2026-12-28T10:00:00Z'), cal)).toBe(false); // Boxing Day substitute
    expect(isWorkingTime(FRI_1000_GMT_26_MAR_2027, cal)).toBe(false); // Good Friday
    expect(isWorkingTime(MON_1000_BST_29_MAR_2027, cal)).toBe(false); // Easter Monday
  });
});

describe('nextWorkingInstant', () => {
  it('keeps an instant inside working hours', () => {
    expect(nextWorkingInstant(TUE_1000_GMT_1_DEC_2026, cal)).toEqual(TUE_1000_GMT_1_DEC_2026);
  });

  it('moves an early morning to 09:00 the same day', () => {
    expect(nextWorkingInstant(TUE_0800_GMT_1_DEC_2026, cal)).toEqual(TUE_0900_GMT_1_DEC_2026);
  });

  it('moves 17:00 and the evening to 09:00 the next working day', () => {
    expect(nextWorkingInstant(TUE_1700_GMT_1_DEC_2026, cal)).toEqual(WED_0900_GMT_2_DEC_2026);
    expect(nextWorkingInstant(TUE_1830_GMT_1_DEC_2026, cal)).toEqual(WED_0900_GMT_2_DEC_2026);
  });

  it('moves Friday evening and the weekend to Monday 09:00', () => {
    expect(nextWorkingInstant(FRI_1800_GMT_4_DEC_2026, cal)).toEqual(MON_0900_GMT_7_DEC_2026);
    expect(nextWorkingInstant(SAT_1100_GMT_5_DEC_2026, cal)).toEqual(MON_0900_GMT_7_DEC_2026);
  });

  it('skips Christmas, Boxing Day and its Monday substitute to Tuesday 29 December', () => {
    expect(nextWorkingInstant(utc('2026-12-24T17:30:00Z'), cal)).toEqual(TUE_0900_GMT_29_DEC_2026);
    expect(nextWorkingInstant(FRI_1000_GMT_25_DEC_2026, cal)).toEqual(TUE_0900_GMT_29_DEC_2026);
  });

  it('skips New Year’s Day 2027 (a Friday) to Monday 4 January', () => {
    expect(nextWorkingInstant(utc('2027-01-01T10:00:00Z'), cal)).toEqual(utc('2027-01-04T09:00:00Z'));
  });

  it('skips the Easter weekend, and lands at 09:00 BST (08:00Z) after the spring change on Easter Sunday', () => {
    expect(nextWorkingInstant(FRI_1000_GMT_26_MAR_2027, cal)).toEqual(TUE_0900_BST_30_MAR_2027);
  });

  it('puts the Monday after the spring change at 08:00Z, and after the autumn change at 09:00Z', () => {
    expect(nextWorkingInstant(SUN_0300_BST_29_MAR_2026, cal)).toEqual(MON_0900_BST);
    expect(MON_0900_BST).toEqual(utc('2026-03-30T08:00:00Z'));
    expect(nextWorkingInstant(utc('2026-10-25T12:00:00Z'), cal)).toEqual(MON_0900_GMT_26_OCT_2026);
  });
});

describe('addWorkingDays', () => {
  it('keeps the time of day: Tuesday 14:00 plus 2 working days is Thursday 14:00', () => {
    expect(addWorkingDays(TUE_1400_GMT_1_DEC_2026, 2, cal)).toEqual(THU_1400_GMT_3_DEC_2026);
  });

  it('jumps the weekend: Friday 15:00 plus 1 is Monday 15:00', () => {
    expect(addWorkingDays(FRI_1500_GMT_4_DEC_2026, 1, cal)).toEqual(utc('2026-12-07T15:00:00Z'));
  });

  it('counts from the next working start when the instant is outside hours', () => {
    expect(addWorkingDays(FRI_1800_GMT_4_DEC_2026, 2, cal)).toEqual(utc('2026-12-09T09:00:00Z'));
    expect(addWorkingDays(SAT_1100_GMT_5_DEC_2026, 0, cal)).toEqual(MON_0900_GMT_7_DEC_2026);
  });

  it('skips Christmas: Thursday 24 December plus 1 is Tuesday 29 December', () => {
    expect(addWorkingDays(THU_1000_GMT_24_DEC_2026, 1, cal)).toEqual(utc('2026-12-29T10:00:00Z'));
  });

  it('keeps London wall time across the spring change: Friday 09:00 GMT plus 1 is Monday 09:00 BST', () => {
    expect(addWorkingDays(FRI_0900_GMT_27_MAR_2026, 1, cal)).toEqual(MON_0900_BST);
  });

  it('keeps London wall time across the autumn change: Friday 09:00 BST plus 1 is Monday 09:00 GMT', () => {
    expect(addWorkingDays(FRI_0900_BST_23_OCT_2026, 1, cal)).toEqual(MON_0900_GMT_26_OCT_2026);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(TUE_1000_GMT_1_DEC_2026, -1, cal)).toThrow(/whole number/);
    expect(() => addWorkingDays(TUE_1000_GMT_1_DEC_2026, 1.5, cal)).toThrow(/whole number/);
  });
});

describe('addWorkingHours', () => {
  it('adds within a day', () => {
    expect(addWorkingHours(TUE_1000_GMT_1_DEC_2026, 4, cal)).toEqual(TUE_1400_GMT_1_DEC_2026);
  });

  it('carries over the weekend: Friday 15:00 plus 4 is Monday 11:00', () => {
    expect(addWorkingHours(FRI_1500_GMT_4_DEC_2026, 4, cal)).toEqual(utc('2026-12-07T11:00:00Z'));
  });

  it('lands on the next working start rather than on 17:00', () => {
    expect(addWorkingHours(utc('2026-12-01T13:00:00Z'), 4, cal)).toEqual(WED_0900_GMT_2_DEC_2026);
  });

  it('counts working hours on London clocks across the spring change', () => {
    // Friday 15:00 GMT: 2 hours on Friday, 2 on Monday from 09:00 BST = 11:00 BST = 10:00Z.
    expect(addWorkingHours(utc('2026-03-27T15:00:00Z'), 4, cal)).toEqual(utc('2026-03-30T10:00:00Z'));
    expect(addWorkingHours(FRI_1600_GMT_27_MAR_2026, 1, cal)).toEqual(MON_0900_BST);
  });

  it('counts across the autumn change', () => {
    // Friday 15:00 BST: 2 hours on Friday, 2 on Monday from 09:00 GMT = 11:00Z.
    expect(addWorkingHours(FRI_1500_BST_23_OCT_2026, 4, cal)).toEqual(utc('2026-10-26T11:00:00Z'));
  });

  it('skips Good Friday and Easter Monday', () => {
    // Thursday 15:00–17:00 GMT, then Tuesday 09:00–11:00 BST (10:00Z).
    expect(addWorkingHours(THU_1500_GMT_25_MAR_2027, 4, cal)).toEqual(utc('2027-03-30T10:00:00Z'));
  });
});

describe('previousWorkingDayAt', () => {
  it('gives 09:00 on the working day before', () => {
    expect(previousWorkingDayAt(WED_0900_GMT_2_DEC_2026, 9, cal)).toEqual(TUE_0900_GMT_1_DEC_2026);
  });

  it('looks back over the weekend from a Monday to Friday', () => {
    expect(previousWorkingDayAt(MON_0900_GMT_7_DEC_2026, 9, cal)).toEqual(utc('2026-12-04T09:00:00Z'));
  });

  it('looks back over the Easter weekend and the spring change from Tuesday 30 March 2027 to Thursday (GMT)', () => {
    expect(previousWorkingDayAt(TUE_1000_BST_30_MAR_2027, 9, cal)).toEqual(THU_0900_GMT_25_MAR_2027);
  });

  it('looks back over Christmas from Tuesday 29 December to Thursday 24th', () => {
    expect(previousWorkingDayAt(utc('2026-12-29T11:00:00Z'), 9, cal)).toEqual(utc('2026-12-24T09:00:00Z'));
  });

  it('uses London 09:00 on the far side of the spring change: Monday 30 March BST → Friday 27 March 09:00 GMT', () => {
    expect(previousWorkingDayAt(MON_1000_BST_30_MAR_2026, 9, cal)).toEqual(FRI_0900_GMT_27_MAR_2026);
  });

  it('can look back several working days, at a given minute', () => {
    expect(previousWorkingDayAt(MON_0900_GMT_7_DEC_2026, 8, cal, { minute: 30, workingDaysBack: 5 })).toEqual(
      utc('2026-11-30T08:30:00Z'),
    );
  });
});

describe('morningOf', () => {
  it('is the start of working hours on the same London date', () => {
    expect(morningOf(TUE_1400_GMT_1_DEC_2026, cal)).toEqual(TUE_0900_GMT_1_DEC_2026);
    expect(morningOf(MON_1000_BST_30_MAR_2026, cal)).toEqual(MON_0900_BST);
  });

  it('does not move off a non-working date', () => {
    expect(morningOf(SAT_1100_GMT_5_DEC_2026, cal)).toEqual(utc('2026-12-05T09:00:00Z'));
  });
});

describe('createWorkingCalendar', () => {
  it('defaults to Europe/London, 09:00–17:00, Monday to Friday', () => {
    const defaults = createWorkingCalendar({}, []);
    expect(defaults.timeZone).toBe('Europe/London');
    expect([defaults.startHour, defaults.endHour]).toEqual([9, 17]);
    expect([...defaults.workingDays]).toEqual([1, 2, 3, 4, 5]);
  });

  it('honours other hours and days', () => {
    const early = createWorkingCalendar({ startHour: 8, endHour: 16, workingDays: [1, 2, 3, 4] }, []);
    expect(nextWorkingInstant(FRI_1500_GMT_4_DEC_2026, early)).toEqual(utc('2026-12-07T08:00:00Z'));
    expect(isWorkingTime(utc('2026-12-07T15:59:00Z'), early)).toBe(true);
    expect(isWorkingTime(utc('2026-12-07T16:00:00Z'), early)).toBe(false);
  });

  it('names every bad key in one sentence', () => {
    expect(() => createWorkingCalendar({ timeZone: 'Europe/Londres', startHour: 18, endHour: 9, workingDays: [] }, [])).toThrow(
      /timeZone: Expected an IANA time zone.*workingDays: At least one working day/,
    );
    expect(() => createWorkingCalendar({ startHour: 17, endHour: 9 }, [])).toThrow(/endHour: The working day must start before it ends/);
  });

  it('refuses bank holidays that are not calendar dates', () => {
    expect(() => createWorkingCalendar({}, ['2026-12-25', '28/12/2026'])).toThrow(/28\/12\/2026/);
  });

  it('refuses to search forever when no day is a working day', () => {
    const closed = createWorkingCalendar({ workingDays: [7] }, []);
    const allSundaysOff = createWorkingCalendar(
      { workingDays: [7] },
      Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 11, 6 + 7 * i)).toISOString().slice(0, 10)),
    );
    expect(nextWorkingInstant(TUE_1000_GMT_1_DEC_2026, closed)).toEqual(utc('2026-12-06T09:00:00Z'));
    expect(() => nextWorkingInstant(TUE_1000_GMT_1_DEC_2026, allSundaysOff)).toThrow(/No working day within 366 days/);
  });
});

describe('properties', () => {
  const anyInstant = fc.date({ min: utc('2025-01-01T00:00:00Z'), max: utc('2028-12-20T00:00:00Z'), noInvalidDate: true });

  it('nextWorkingInstant is always working time, never earlier than its input, and idempotent', () => {
    fc.assert(
      fc.property(anyInstant, (instant) => {
        const next = nextWorkingInstant(instant, cal);
        expect(isWorkingTime(next, cal)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        expect(nextWorkingInstant(next, cal)).toEqual(next);
      }),
    );
  });

  it('nothing between an instant and its next working instant is working time', () => {
    fc.assert(
      fc.property(anyInstant, fc.double({ min: 0, max: 1, noNaN: true }), (instant, fraction) => {
        const next = nextWorkingInstant(instant, cal);
        const between = new Date(instant.getTime() + Math.floor((next.getTime() - instant.getTime()) * fraction));
        if (between.getTime() < next.getTime()) expect(isWorkingTime(between, cal)).toBe(false);
      }),
    );
  });

  it('addWorkingDays and addWorkingHours always land in working hours, later than they started', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }), (instant, days, hours) => {
        const afterDays = addWorkingDays(instant, days, cal);
        const afterHours = addWorkingHours(instant, hours, cal);
        expect(isWorkingTime(afterDays, cal)).toBe(true);
        expect(isWorkingTime(afterHours, cal)).toBe(true);
        expect(afterDays.getTime()).toBeGreaterThan(instant.getTime());
        expect(afterHours.getTime()).toBeGreaterThan(instant.getTime());
      }),
    );
  });

  it('previousWorkingDayAt at the start hour is working time strictly before the day of its input', () => {
    fc.assert(
      fc.property(anyInstant, (instant) => {
        const before = previousWorkingDayAt(instant, cal.startHour, cal);
        expect(isWorkingTime(before, cal)).toBe(true);
        expect(before.getTime()).toBeLessThan(morningOf(instant, cal).getTime());
      }),
    );
  });
});
