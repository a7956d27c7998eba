// Builds the ReminderContext the pure rules need (calendar, timescales, now)
// from the app's configuration, once per process: other features call
// `reminderContext(config, clock.now())` before planning reminders.
import type { AppConfig } from '../../config/env.js';
import { englandAndWalesBankHolidays } from '../../config/bank-holidays.js';
import { createWorkingCalendar, type WorkingCalendar } from '../../domain/time/working-hours.js';
import { DEFAULT_TIMESCALES, type Timescales } from '../../domain/reminders/timescales.js';
import type { ReminderContext } from '../../domain/reminders/reminder-context.js';

// Bank holidays from five years back (old reviews still count working days)
// to ten ahead; date-holidays computes them offline, so the range costs nothing.
const HOLIDAY_YEARS_BACK = 5;
const HOLIDAY_YEARS_AHEAD = 10;

type CalendarConfig = Pick<AppConfig, 'WORKING_DAY_START_HOUR' | 'WORKING_DAY_END_HOUR' | 'DIGEST_WEEKDAY' | 'DIGEST_HOUR'>;

const calendars = new Map<string, WorkingCalendar>();

export function workingCalendarFor(config: CalendarConfig, now: Date): WorkingCalendar {
  const year = now.getUTCFullYear();
  const key = `${config.WORKING_DAY_START_HOUR}-${config.WORKING_DAY_END_HOUR}-${year}`;
  let cal = calendars.get(key);
  if (!cal) {
    cal = createWorkingCalendar(
      { startHour: config.WORKING_DAY_START_HOUR, endHour: config.WORKING_DAY_END_HOUR },
      englandAndWalesBankHolidays(year - HOLIDAY_YEARS_BACK, year + HOLIDAY_YEARS_AHEAD),
    );
    calendars.set(key, cal);
  }
  return cal;
}

export function timescalesFor(config: CalendarConfig): Timescales {
  return { ...DEFAULT_TIMESCALES, weeklyDigest: { ...DEFAULT_TIMESCALES.weeklyDigest, isoWeekday: config.DIGEST_WEEKDAY, hour: config.DIGEST_HOUR } };
}

export function reminderContext(config: CalendarConfig, now: Date): ReminderContext {
  return { now, calendar: workingCalendarFor(config, now), timescales: timescalesFor(config) };
}
