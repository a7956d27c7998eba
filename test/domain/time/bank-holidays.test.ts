import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from '../../../src/config/bank-holidays.js';

describe('England and Wales bank holidays from the offline date-holidays data', () => {
  const holidays = englandAndWalesBankHolidays(2026, 2027);

  it.each([
    ['2026-08-31', 'summer bank holiday'],
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-28', 'Boxing Day substitute (26th is a Saturday)'],
    ['2027-01-01', "New Year's Day"],
    ['2027-03-26', 'Good Friday'],
    ['2027-03-29', 'Easter Monday'],
  ])('includes %s (%s)', (date) => {
    expect(holidays.has(date)).toBe(true);
  });

  it('leaves out observances that are not days off, and ordinary days', () => {
    expect(holidays.has('2026-03-15')).toBe(false); // Mother's Day
    expect(holidays.has('2027-03-28')).toBe(false); // Easter Sunday
    expect(holidays.has('2026-12-24')).toBe(false);
  });

  it('has eight bank holidays a year, plus substitutes', () => {
    expect([...holidays].filter((d) => d.startsWith('2026')).length).toBe(9); // includes Sat 26 Dec itself
    expect([...holidays].every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  });

  it('knows one-off bank holidays, such as the 2023 Coronation', () => {
    expect(englandAndWalesBankHolidays(2023, 2023).has('2023-05-08')).toBe(true);
  });

  it('refuses a backwards range', () => {
    expect(() => englandAndWalesBankHolidays(2027, 2026)).toThrow(/fromYear <= toYear/);
  });
});
