import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  addLocalMonths,
  compareLocalDates,
  instantAt,
  instantLabel,
  isIsoDate,
  isoWeekdayOf,
  localDateOf,
  parseIsoDate,
  toIsoDate,
  wallClockOf,
} from '../../../src/domain/time/zoned-clock.js';
import { MON_0900_BST, SUN_0030_GMT_29_MAR_2026, SUN_0300_BST_29_MAR_2026, utc } from './fixtures.js';

const LONDON = 'Europe/London';

describe('wall clock in London', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(wallClockOf(utc('2026-12-01T10:00:00Z'), LONDON)).toMatchObject({ hour: 10, isoWeekday: 2 });
    expect(wallClockOf(MON_0900_BST, LONDON)).toMatchObject({ year: 2026, month: 3, day: 30, hour: 9, isoWeekday: 1 });
  });

  it('jumps from 00:30 to 03:00 across the spring change (01:00–02:00 never happens)', () => {
    expect(wallClockOf(SUN_0030_GMT_29_MAR_2026, LONDON)).toMatchObject({ hour: 0, minute: 30 });
    expect(wallClockOf(SUN_0300_BST_29_MAR_2026, LONDON)).toMatchObject({ hour: 3, minute: 0 });
  });

  it('puts 23:30 UTC on the evening before a BST date into the next London day', () => {
    expect(toIsoDate(localDateOf(utc('2026-06-30T23:30:00Z'), LONDON))).toBe('2026-07-01');
    expect(toIsoDate(localDateOf(utc('2026-12-31T23:30:00Z'), LONDON))).toBe('2026-12-31');
  });
});

describe('instantAt', () => {
  it('turns London 09:00 into 08:00Z in summer and 09:00Z in winter', () => {
    expect(instantAt({ year: 2026, month: 3, day: 30 }, 9, 0, LONDON)).toEqual(MON_0900_BST);
    expect(instantAt({ year: 2026, month: 3, day: 27 }, 9, 0, LONDON)).toEqual(utc('2026-03-27T09:00:00Z'));
  });

  it('moves a wall time inside the spring gap forward by the gap', () => {
    expect(instantAt({ year: 2026, month: 3, day: 29 }, 1, 30, LONDON)).toEqual(utc('2026-03-29T01:30:00Z'));
  });

  it('resolves the repeated autumn hour to its first (BST) reading', () => {
    expect(instantAt({ year: 2026, month: 10, day: 25 }, 1, 30, LONDON)).toEqual(utc('2026-10-25T00:30:00Z'));
  });

  it('reads hour 24 as midnight at the end of the day', () => {
    expect(instantAt({ year: 2026, month: 3, day: 29 }, 24, 0, LONDON)).toEqual(utc('2026-03-29T23:00:00Z'));
  });

  it('round-trips with wallClockOf for every quarter hour of both change days', () => {
    for (const day of [{ year: 2026, month: 3, day: 29 }, { year: 2026, month: 10, day: 25 }]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const [hour, minute] = [Math.floor(minutes / 60), minutes % 60];
        const clock = wallClockOf(instantAt(day, hour, minute, LONDON), LONDON);
        const inSpringGap = day.month === 3 && hour === 1;
        expect({ hour: clock.hour, minute: clock.minute }).toEqual(inSpringGap ? { hour: 2, minute } : { hour, minute });
      }
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month and year ends', () => {
    expect(toIsoDate(addLocalDays({ year: 2026, month: 12, day: 30 }, 3))).toBe('2027-01-02');
    expect(toIsoDate(addLocalDays({ year: 2027, month: 3, day: 1 }, -1))).toBe('2027-02-28');
  });

  it('adds months keeping the day, clamped to the end of a shorter month', () => {
    expect(toIsoDate(addLocalMonths({ year: 2026, month: 8, day: 31 }, 3))).toBe('2026-11-30');
    expect(toIsoDate(addLocalMonths({ year: 2027, month: 11, day: 30 }, 3))).toBe('2028-02-29');
    expect(toIsoDate(addLocalMonths({ year: 2026, month: 11, day: 15 }, 9))).toBe('2027-08-15');
  });

  it('compares dates', () => {
    expect(compareLocalDates({ year: 2026, month: 1, day: 2 }, { year: 2026, month: 1, day: 1 })).toBeGreaterThan(0);
    expect(compareLocalDates({ year: 2026, month: 1, day: 1 }, { year: 2026, month: 1, day: 1 })).toBe(0);
  });

  it('names ISO weekdays with Monday as 1 and Sunday as 7', () => {
    expect(isoWeekdayOf({ year: 2026, month: 11, day: 30 })).toBe(1);
    expect(isoWeekdayOf({ year: 2026, month: 12, day: 6 })).toBe(7);
  });
});

describe('ISO dates and labels', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('25/12/2026')).toBe(false);
    expect(parseIsoDate('2026-12-25')).toEqual({ year: 2026, month: 12, day: 25 });
    expect(() => parseIsoDate('2026-02-30')).toThrow(/YYYY-MM-DD/);
  });

  it('labels instants compactly for job keys', () => {
    expect(instantLabel(utc('2026-12-01T10:00:00Z'))).toBe('20261201T1000Z');
    expect(instantLabel(utc('2026-12-01T10:00:30Z'))).toBe('20261201T100030Z');
  });
});
