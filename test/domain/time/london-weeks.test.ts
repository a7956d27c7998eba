import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  isInWeek,
  isWeekId,
  londonWeekOf,
  nextWeekId,
  previousWeekId,
  weekById,
  weekIdSchema,
} from '../../../src/domain/time/london.js';
import {
  MON_0000_BST_30_MAR_2026,
  MON_0000_GMT_26_OCT_2026,
  MON_0900_BST,
  SUN_0300_BST_29_MAR_2026,
  TUE_1000_GMT_1_DEC_2026,
  utc,
} from './fixtures.js';

const HOUR = 3_600_000;
const hoursIn = (week: { startsAt: Date; endsAt: Date }) => (week.endsAt.getTime() - week.startsAt.getTime()) / HOUR;

describe('londonWeekOf', () => {
  it('gives the ISO week, Monday 00:00 to Monday 00:00 on London clocks', () => {
    const week = londonWeekOf(TUE_1000_GMT_1_DEC_2026);
    expect(week).toMatchObject({ isoYear: 2026, isoWeek: 49, weekId: '2026-W49' });
    expect(week.startsAt).toEqual(utc('2026-11-30T00:00:00Z'));
    expect(week.endsAt).toEqual(utc('2026-12-07T00:00:00Z'));
    expect(hoursIn(week)).toBe(168);
  });

  it('makes the week holding the spring change 167 hours long', () => {
    const week = londonWeekOf(SUN_0300_BST_29_MAR_2026);
    expect(week.weekId).toBe('2026-W13');
    expect(week.startsAt).toEqual(utc('2026-03-23T00:00:00Z'));
    expect(week.endsAt).toEqual(MON_0000_BST_30_MAR_2026); // 23:00Z on the Sunday
    expect(hoursIn(week)).toBe(167);
  });

  it('makes the week holding the autumn change 169 hours long', () => {
    const week = londonWeekOf(utc('2026-10-25T12:00:00Z'));
    expect(week.weekId).toBe('2026-W43');
    expect(week.startsAt).toEqual(utc('2026-10-18T23:00:00Z'));
    expect(week.endsAt).toEqual(MON_0000_GMT_26_OCT_2026);
    expect(hoursIn(week)).toBe(169);
  });

  it('puts Sunday 23:30 UTC after the spring change into the next London week', () => {
    expect(londonWeekOf(utc('2026-03-29T22:59:59Z')).weekId).toBe('2026-W13');
    expect(londonWeekOf(MON_0000_BST_30_MAR_2026).weekId).toBe('2026-W14');
    expect(londonWeekOf(utc('2026-03-29T23:30:00Z')).weekId).toBe('2026-W14');
    expect(londonWeekOf(MON_0900_BST).startsAt).toEqual(MON_0000_BST_30_MAR_2026);
  });

  it('puts days around New Year into the ISO year that holds their Thursday', () => {
    expect(londonWeekOf(utc('2027-01-01T12:00:00Z')).weekId).toBe('2026-W53');
    expect(londonWeekOf(utc('2027-01-04T12:00:00Z')).weekId).toBe('2027-W01');
    expect(londonWeekOf(utc('2025-12-29T12:00:00Z')).weekId).toBe('2026-W01');
  });
});

describe('week ids', () => {
  it('finds a week by id', () => {
    const week = weekById('2026-W14');
    expect(week.startsAt).toEqual(MON_0000_BST_30_MAR_2026);
    expect(week.monday).toEqual({ year: 2026, month: 3, day: 30 });
  });

  it('steps through weeks across a 53-week year end', () => {
    expect(nextWeekId('2026-W52')).toBe('2026-W53');
    expect(nextWeekId('2026-W53')).toBe('2027-W01');
    expect(nextWeekId('2027-W52')).toBe('2028-W01');
    expect(previousWeekId('2027-W01')).toBe('2026-W53');
    expect(addWeeks('2026-W49', 10)).toBe('2027-W06');
    expect(addWeeks('2026-W49', -49)).toBe('2025-W52');
  });

  it('rejects ids that are malformed or name a week the year does not have', () => {
    expect(isWeekId('2026-W53')).toBe(true);
    expect(isWeekId('2027-W53')).toBe(false);
    expect(isWeekId('2026-W00')).toBe(false);
    expect(isWeekId('2026-W7')).toBe(false);
    expect(weekIdSchema.safeParse('2027-W53').success).toBe(false);
    expect(() => weekById('2027-W53')).toThrow(/not an ISO week/);
  });

  it('tells whether an instant is inside a week (start inclusive, end exclusive)', () => {
    const week = weekById('2026-W13');
    expect(isInWeek(week.startsAt, week)).toBe(true);
    expect(isInWeek(week.endsAt, week)).toBe(false);
  });
});

describe('properties', () => {
  const anyInstant = fc.date({ min: utc('2000-01-01T00:00:00Z'), max: utc('2060-12-31T00:00:00Z'), noInvalidDate: true });

  it('every instant lies in its week, and the week is found again by its id', () => {
    fc.assert(
      fc.property(anyInstant, (instant) => {
        const week = londonWeekOf(instant);
        expect(isInWeek(instant, week)).toBe(true);
        expect(weekById(week.weekId)).toEqual(week);
        expect([167, 168, 169]).toContain(hoursIn(week));
        expect(londonWeekOf(week.endsAt).weekId).toBe(nextWeekId(week.weekId));
      }),
    );
  });
});
