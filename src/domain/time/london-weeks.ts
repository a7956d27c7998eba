// ISO weeks as lived in London: the OSR rota, capacities and digests are all
// per week, and a week runs from Monday 00:00 to the next Monday 00:00 on
// London clocks. Because the clocks change at 01:00 on the last Sunday of
// March and October, the weeks containing those Sundays are 167 h and 169 h
// long; nothing here assumes a week is 7 × 24 h.
import { z } from 'zod';
import {
  addLocalDays,
  instantAt,
  isoWeekdayOf,
  localDateOf,
  pad2,
  type LocalDate,
} from './zoned-clock.js';

export const LONDON_TIME_ZONE = 'Europe/London';

/** '2026-W48': ISO week-numbering year, then the ISO week number. */
export type WeekId = string;

export interface LondonWeek {
  readonly isoYear: number;
  readonly isoWeek: number;
  readonly weekId: WeekId;
  /** Monday 00:00 London, as a UTC instant. */
  readonly startsAt: Date;
  /** The following Monday 00:00 London (exclusive end). */
  readonly endsAt: Date;
  /** The Monday as a calendar date, e.g. for "w/c" labels and rota rows. */
  readonly monday: LocalDate;
}

const WEEK_ID = /^(\d{4})-W(\d{2})$/;

export const weekIdSchema = z
  .string()
  .refine(isWeekId, { message: 'Expected an ISO week such as 2026-W48 that exists in that year.' });

export function isWeekId(text: string): boolean {
  const match = WEEK_ID.exec(text);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= isoWeeksInYear(Number(match[1]));
}

/** The London week that contains `instant` (its Monday 00:00 is inside, its end is not). */
export function londonWeekOf(instant: Date): LondonWeek {
  const date = localDateOf(instant, LONDON_TIME_ZONE);
  return weekStartingOn(addLocalDays(date, 1 - isoWeekdayOf(date)));
}

export function weekById(weekId: WeekId): LondonWeek {
  const match = WEEK_ID.exec(weekId);
  if (!match || !isWeekId(weekId)) {
    throw new RangeError(`"${weekId}" is not an ISO week: expected the form 2026-W48 with a week that exists in that year.`);
  }
  const [isoYear, isoWeek] = [Number(match[1]), Number(match[2])];
  return weekStartingOn(addLocalDays(mondayOfIsoWeekOne(isoYear), (isoWeek - 1) * 7));
}

/** The week `count` weeks after (negative: before) `weekId`. */
export function addWeeks(weekId: WeekId, count: number): WeekId {
  return weekStartingOn(addLocalDays(weekById(weekId).monday, count * 7)).weekId;
}

export function nextWeekId(weekId: WeekId): WeekId {
  return addWeeks(weekId, 1);
}

export function previousWeekId(weekId: WeekId): WeekId {
  return addWeeks(weekId, -1);
}

export function isInWeek(instant: Date, week: LondonWeek): boolean {
  const time = instant.getTime();
  return time >= week.startsAt.getTime() && time < week.endsAt.getTime();
}

export function formatWeekId(isoYear: number, isoWeek: number): WeekId {
  return `${isoYear}-W${pad2(isoWeek)}`;
}

function weekStartingOn(monday: LocalDate): LondonWeek {
  const { isoYear, isoWeek } = isoWeekOf(monday);
  return {
    isoYear,
    isoWeek,
    weekId: formatWeekId(isoYear, isoWeek),
    startsAt: instantAt(monday, 0, 0, LONDON_TIME_ZONE),
    endsAt: instantAt(addLocalDays(monday, 7), 0, 0, LONDON_TIME_ZONE),
    monday,
  };
}

/** ISO 8601: a week belongs to the year that holds its Thursday. */
function isoWeekOf(date: LocalDate): { isoYear: number; isoWeek: number } {
  const thursday = addLocalDays(date, 4 - isoWeekdayOf(date));
  const weekOne = mondayOfIsoWeekOne(thursday.year);
  const daysSinceWeekOne = Math.round(
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) -
      Date.UTC(weekOne.year, weekOne.month - 1, weekOne.day)) / 86_400_000,
  );
  return { isoYear: thursday.year, isoWeek: Math.floor(daysSinceWeekOne / 7) + 1 };
}

/** 4 January is always in ISO week 1. */
function mondayOfIsoWeekOne(isoYear: number): LocalDate {
  const fourthOfJanuary = { year: isoYear, month: 1, day: 4 };
  return addLocalDays(fourthOfJanuary, 1 - isoWeekdayOf(fourthOfJanuary));
}

/** 28 December is always in the year's last ISO week. */
function isoWeeksInYear(isoYear: number): number {
  return isoWeekOf({ year: isoYear, month: 12, day: 28 }).isoWeek;
}
