// Wall-clock arithmetic in a named IANA time zone: what the date and time are
// on a wall in London for a given instant, and which instant a wall-clock
// time in London is. Calendar dates (LocalDate) are plain values so that "add
// a day" never passes through a UTC offset and so never slips an hour at a
// clock change. Everything else in src/domain/time is built on these. Both
// directions go through @date-fns/tz's tzOffset (the Intl zone data) and UTC
// getters only, so no answer depends on the time zone of the machine.
import { tzOffset } from '@date-fns/tz';

/** A calendar date with no time zone attached. month is 1–12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** 1 = Monday … 7 = Sunday, as in ISO 8601 (and date-fns `getISODay`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** What a clock on the wall in a time zone reads at an instant. */
export interface WallClock extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly isoWeekday: IsoWeekday;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function wallClockOf(instant: Date, timeZone: string): WallClock {
  // The wall reading, expressed as if it were UTC, so the UTC getters read it back.
  const wall = new Date(instant.getTime() + offsetMs(timeZone, instant.getTime()));
  const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  return { ...date, hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), isoWeekday: isoWeekdayOf(date) };
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClockOf(instant, timeZone);
  return { year, month, day };
}

/**
 * The instant at which clocks in `timeZone` read `hour:minute` on `date`
 * (hour 24 is midnight at the end of the day). Like Temporal's "compatible"
 * rule: a wall time inside a spring-forward gap (01:30 in London on the last
 * Sunday of March) does not exist and comes out an hour later, and one in the
 * repeated autumn hour resolves to its first (BST) reading. Working hours and
 * midnights never fall in either; this only makes the edge well defined.
 */
export function instantAt(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // London changes at most once in any two days, so the offsets a day either side are the only candidates.
  const offsetBefore = offsetMs(timeZone, wallAsUtc - MS_PER_DAY);
  const offsetAfter = offsetMs(timeZone, wallAsUtc + MS_PER_DAY);
  const readsBack = (candidate: number) => candidate + offsetMs(timeZone, candidate) === wallAsUtc;
  const matches = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter(readsBack);
  // No match: the gap. Reading the wall time with the offset in force before it lands just after it.
  return new Date(matches.length > 0 ? Math.min(...matches) : wallAsUtc - offsetBefore);
}

/** Day arithmetic on the calendar, via a UTC day count (no offsets involved). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(dayNumberOf(date) * MS_PER_DAY + days * MS_PER_DAY);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * Month arithmetic that keeps the day of the month, clamped to the month's
 * last day (31 Aug + 3 months = 30 Nov), the way people count "3 months on".
 */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function isoWeekdayOf(date: LocalDate): IsoWeekday {
  const sundayZero = new Date(dayNumberOf(date) * MS_PER_DAY).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday;
}

/** Negative when a is before b, 0 when the same day, positive when after. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return dayNumberOf(a) - dayNumberOf(b);
}

/** 'YYYY-MM-DD', the form bank holidays and card data use. */
export function toIsoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseIsoDate(text: string): LocalDate {
  if (!isIsoDate(text)) throw new RangeError(`"${text}" is not a calendar date in the form YYYY-MM-DD.`);
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** A compact, sortable UTC label for an instant, safe inside job keys: 20261201T1000Z. */
export function instantLabel(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z').replace(/00Z$/, 'Z');
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function offsetMs(timeZone: string, epochMs: number): number {
  return tzOffset(timeZone, new Date(epochMs)) * 60_000;
}

function dayNumberOf(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
