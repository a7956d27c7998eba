// Working-time arithmetic on a WorkingCalendar: is someone at work now, when
// is the next moment they are, and what is "n working days / hours later".
// Reminders are only ever due at instants these functions return, which is
// how the reminder rule "sent in working hours, bank holidays skipped" holds.
import {
  addLocalDays,
  instantAt,
  isoWeekdayOf,
  localDateOf,
  toIsoDate,
  wallClockOf,
  type LocalDate,
} from './zoned-clock.js';
import type { WorkingCalendar } from './working-calendar.js';

export {
  createWorkingCalendar,
  workingHoursConfigSchema,
  type WorkingCalendar,
  type WorkingHoursConfig,
  type WorkingHoursConfigInput,
} from './working-calendar.js';

// Christmas to New Year is the longest run of non-working days in England and
// Wales (about 5 days); a year with no working day means the calendar is broken.
const MAX_DAYS_TO_SEARCH = 366;

export function isWorkingDate(date: LocalDate, cal: WorkingCalendar): boolean {
  return cal.workingDays.has(isoWeekdayOf(date)) && !cal.bankHolidays.has(toIsoDate(date));
}

/** Working hours are [startHour, endHour) on a working date in the calendar's zone. */
export function isWorkingTime(instant: Date, cal: WorkingCalendar): boolean {
  const clock = wallClockOf(instant, cal.timeZone);
  return isWorkingDate(clock, cal) && clock.hour >= cal.startHour && clock.hour < cal.endHour;
}

/** Start of working hours on `date` (whether or not `date` is a working day). */
export function workingStartOn(date: LocalDate, cal: WorkingCalendar): Date {
  return instantAt(date, cal.startHour, 0, cal.timeZone);
}

/** End of working hours on `date`: the first instant that is no longer working time. */
export function workingEndOn(date: LocalDate, cal: WorkingCalendar): Date {
  return instantAt(date, cal.endHour, 0, cal.timeZone);
}

/**
 * `instant` itself when it is working time, otherwise the start of the next
 * working period (later today, or the next working day's start).
 */
export function nextWorkingInstant(instant: Date, cal: WorkingCalendar): Date {
  const today = localDateOf(instant, cal.timeZone);
  if (isWorkingDate(today, cal)) {
    const start = workingStartOn(today, cal);
    if (instant < start) return start;
    if (instant < workingEndOn(today, cal)) return instant;
  }
  return workingStartOn(nextWorkingDateAfter(today, cal), cal);
}

/**
 * `days` working days after `instant`, at the same time of day. An instant
 * outside working hours counts from the next working start, because nothing
 * can be done before then: a visit on Friday at 18:00 plus 2 working days is
 * Wednesday 09:00 (Monday and Tuesday to act), not Tuesday 18:00.
 */
export function addWorkingDays(instant: Date, days: number, cal: WorkingCalendar): Date {
  assertWholeNonNegative(days, 'working days');
  const from = nextWorkingInstant(instant, cal);
  const clock = wallClockOf(from, cal.timeZone);
  let date: LocalDate = clock;
  for (let counted = 0; counted < days; counted += 1) date = nextWorkingDateAfter(date, cal);
  return instantAt(date, clock.hour, clock.minute, cal.timeZone);
}

/**
 * `hours` of working time after `instant`: the clock only runs inside working
 * hours, so 4 working hours from Friday 15:00 is Monday 11:00 (09:00–17:00).
 * Landing exactly on the end of a day gives the next working start instead.
 */
export function addWorkingHours(instant: Date, hours: number, cal: WorkingCalendar): Date {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Working hours to add must be a non-negative number, not ${hours}.`);
  }
  let cursor = nextWorkingInstant(instant, cal);
  let remainingMs = Math.round(hours * 3_600_000);
  for (let daysWalked = 0; daysWalked <= MAX_DAYS_TO_SEARCH * 10; daysWalked += 1) {
    const dayEnd = workingEndOn(localDateOf(cursor, cal.timeZone), cal);
    const availableMs = dayEnd.getTime() - cursor.getTime();
    if (remainingMs < availableMs) return new Date(cursor.getTime() + remainingMs);
    remainingMs -= availableMs;
    cursor = nextWorkingInstant(dayEnd, cal);
  }
  throw new RangeError(`Adding ${hours} working hours ran past ten years of calendar; the value is not sensible.`);
}

/**
 * `hour:minute` on the working day `workingDaysBack` working days before the
 * date of `instant` ("the working day before at 09:00"). Weekends and bank
 * holidays are skipped: from the Tuesday after Easter Monday it looks back
 * past Easter Monday, the weekend and Good Friday to the Thursday.
 */
export function previousWorkingDayAt(
  instant: Date,
  hour: number,
  cal: WorkingCalendar,
  { minute = 0, workingDaysBack = 1 }: { minute?: number; workingDaysBack?: number } = {},
): Date {
  assertWholeNonNegative(workingDaysBack, 'working days back');
  let date = localDateOf(instant, cal.timeZone);
  for (let counted = 0; counted < workingDaysBack; counted += 1) date = previousWorkingDateBefore(date, cal);
  return instantAt(date, hour, minute, cal.timeZone);
}

/**
 * Start of working hours on the date of `instant` ("the morning of"). It does
 * not move off a non-working date: callers decide what a weekend event needs.
 */
export function morningOf(instant: Date, cal: WorkingCalendar): Date {
  return workingStartOn(localDateOf(instant, cal.timeZone), cal);
}

export function nextWorkingDateAfter(date: LocalDate, cal: WorkingCalendar): LocalDate {
  return searchWorkingDate(date, 1, cal);
}

export function previousWorkingDateBefore(date: LocalDate, cal: WorkingCalendar): LocalDate {
  return searchWorkingDate(date, -1, cal);
}

function searchWorkingDate(from: LocalDate, step: 1 | -1, cal: WorkingCalendar): LocalDate {
  let date = from;
  for (let searched = 0; searched < MAX_DAYS_TO_SEARCH; searched += 1) {
    date = addLocalDays(date, step);
    if (isWorkingDate(date, cal)) return date;
  }
  throw new Error(
    `No working day within ${MAX_DAYS_TO_SEARCH} days of ${toIsoDate(from)}: check the working days and bank holidays configured.`,
  );
}

function assertWholeNonNegative(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`The number of ${what} must be a whole number of 0 or more, not ${value}.`);
  }
}
