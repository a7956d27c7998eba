// Wall-clock arithmetic in a named IANA time zone: what the date and time are
// on a wall in London for a given instant, and which instant a wall-clock
// time in London is. Calendar dates (LocalDate) are plain values so that "add
// a day" never passes through a UTC offset and so never slips an hour at a
// clock change. Everything else in src/domain/time is built on these.
import { TZDate } from '@date-fns/tz';

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
  const zoned = new TZDate(instant.getTime(), timeZone);
  const date = { year: zoned.getFullYear(), month: zoned.getMonth() + 1, day: zoned.getDate() };
  return { ...date, hour: zoned.getHours(), minute: zoned.getMinutes(), isoWeekday: isoWeekdayOf(date) };
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClockOf(instant, timeZone);
  return { year, month, day };
}

/**
 * The instant at which clocks in `timeZone` read `hour:minute` on `date`.
 * A wall time inside a spring-forward gap (01:30 in London on the last Sunday
 * of March) does not exist and comes out one hour later; an ambiguous one in
 * the autumn repeat resolves to the second (GMT) reading. Working hours and
 * midnights never fall in either, which is all the product asks of this.
 */
export function instantAt(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const zoned = new TZDate(date.year, date.month - 1, date.day, hour, minute, 0, 0, timeZone);
  return new Date(zoned.getTime());
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

function dayNumberOf(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
