// Owns the small statistics every report figure uses, defined once: the
// nearest-rank percentile (so the median and the 90th percentile are always a
// duration that really happened), whole-number rates, and whole London days
// between two instants or dates. Pure.
import { LONDON_TIME_ZONE } from '../time/london-weeks.js';
import { localDateOf, parseIsoDate, type LocalDate } from '../time/zoned-clock.js';

/** Nearest rank: the smallest value with at least p% of the values at or below it; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Whole percent, rounded half up; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

/** Mean to one decimal place; null when there are no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

const epochDay = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// London is UTC+0 or UTC+1, so an instant's London date is its UTC date, except
// from 23:00 UTC in summer time, when it is already the next day. Asking the
// zone data once per UTC day (is 23:30 UTC tomorrow in London?) instead of once
// per instant makes a year of requests cost a few hundred zone look-ups, not
// tens of thousands (bench/report.ts). A cache of a pure answer: never stale.
const lateHourIsTomorrow = new Map<number, boolean>();

function londonEpochDay(instant: Date): number {
  const ms = instant.getTime();
  const utcDay = Math.floor(ms / DAY_MS);
  if (ms - utcDay * DAY_MS < 23 * HOUR_MS) return utcDay;
  let tomorrow = lateHourIsTomorrow.get(utcDay);
  if (tomorrow === undefined) {
    tomorrow = epochDay(localDateOf(new Date(utcDay * DAY_MS + 23.5 * HOUR_MS), LONDON_TIME_ZONE)) > utcDay;
    lateHourIsTomorrow.set(utcDay, tomorrow);
  }
  return tomorrow ? utcDay + 1 : utcDay;
}

/** Whole London calendar days from `a` to `b` (an instant or an ISO date); 0 on the same day. */
export function daysBetween(a: Date | string, b: Date | string): number {
  const day = (x: Date | string) => (typeof x === 'string' ? epochDay(parseIsoDate(x)) : londonEpochDay(x));
  return day(b) - day(a);
}
