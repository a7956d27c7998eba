import { describe, expect, it } from 'vitest';
import {
  formatCardDate,
  formatCardDateTime,
  formatCardDateWithYear,
  formatCardTime,
  formatWeekCommencing,
  weekById,
} from '../../../src/domain/time/london.js';
import { MON_0900_BST, TUE_1000_GMT_1_DEC_2026, utc } from './fixtures.js';

describe('card formatting in London time', () => {
  it('formats a winter (GMT) time as on a London clock', () => {
    expect(formatCardDateTime(TUE_1000_GMT_1_DEC_2026)).toBe('Tue 1 Dec, 10:00');
    expect(formatCardDate(TUE_1000_GMT_1_DEC_2026)).toBe('Tue 1 Dec');
    expect(formatCardDateWithYear(TUE_1000_GMT_1_DEC_2026)).toBe('Tue 1 Dec 2026');
    expect(formatCardTime(TUE_1000_GMT_1_DEC_2026)).toBe('10:00');
  });

  it('formats a summer (BST) time an hour ahead of UTC', () => {
    expect(formatCardDateTime(MON_0900_BST)).toBe('Mon 30 Mar, 09:00');
  });

  it('shows 23:30 UTC in summer as the next London day', () => {
    expect(formatCardDateTime(utc('2026-06-30T23:30:00Z'))).toBe('Wed 1 Jul, 00:30');
  });

  it('labels a rota week by its Monday, also for the week after the spring change', () => {
    expect(formatWeekCommencing(weekById('2026-W49'))).toBe('w/c Mon 30 Nov 2026');
    expect(formatWeekCommencing(weekById('2026-W14'))).toBe('w/c Mon 30 Mar 2026');
  });
});
