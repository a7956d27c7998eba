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

/** Whole London calendar days from `a` to `b` (an instant or an ISO date); 0 on the same day. */
export function daysBetween(a: Date | string, b: Date | string): number {
  const day = (x: Date | string) => (typeof x === 'string' ? parseIsoDate(x) : localDateOf(x, LONDON_TIME_ZONE));
  return epochDay(day(b)) - epochDay(day(a));
}
