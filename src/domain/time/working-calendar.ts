// The working calendar: which hours of which days reminders may arrive in,
// and which dates are bank holidays. Built once from validated configuration
// plus a bank-holiday list handed in by the composition root, so the domain
// never looks holidays up itself.
import { z } from 'zod';
import { isIsoDate, type IsoWeekday } from './zoned-clock.js';
import { LONDON_TIME_ZONE } from './london-weeks.js';

// Product rule: reminders go out Monday–Friday in London office hours. 09:00–17:00
// is the usual council core day; a council with other hours sets them in config.
export const WORKING_DAY_START_HOUR_DEFAULT = 9;
export const WORKING_DAY_END_HOUR_DEFAULT = 17;
export const WORKING_WEEKDAYS_DEFAULT: readonly IsoWeekday[] = [1, 2, 3, 4, 5];

export const workingHoursConfigSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isKnownTimeZone, { message: 'Expected an IANA time zone such as Europe/London.' })
      .default(LONDON_TIME_ZONE),
    startHour: z.number().int().min(0).max(23).default(WORKING_DAY_START_HOUR_DEFAULT),
    endHour: z.number().int().min(1).max(24).default(WORKING_DAY_END_HOUR_DEFAULT),
    workingDays: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'At least one working day is needed, or no reminder could ever be sent.')
      .default([...WORKING_WEEKDAYS_DEFAULT]),
  })
  .refine((config) => config.startHour < config.endHour, {
    message: 'The working day must start before it ends (startHour < endHour).',
    path: ['endHour'],
  });

export type WorkingHoursConfig = z.infer<typeof workingHoursConfigSchema>;
export type WorkingHoursConfigInput = z.input<typeof workingHoursConfigSchema>;

export interface WorkingCalendar {
  readonly timeZone: string;
  /** First working hour, inclusive: 9 means 09:00. */
  readonly startHour: number;
  /** End of the working day, exclusive: 17 means up to 16:59:59.999. */
  readonly endHour: number;
  readonly workingDays: ReadonlySet<IsoWeekday>;
  /** 'YYYY-MM-DD' dates on which nobody is at work. */
  readonly bankHolidays: ReadonlySet<string>;
}

/**
 * Throws a sentence naming every bad key, because a misconfigured calendar
 * would silently send reminders at the wrong hours.
 */
export function createWorkingCalendar(
  config: WorkingHoursConfigInput,
  bankHolidays: Iterable<string>,
): WorkingCalendar {
  const parsed = workingHoursConfigSchema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
    throw new Error(`The working-hours configuration is invalid: ${problems.join('; ')}.`);
  }
  const holidays = [...bankHolidays];
  const notDates = holidays.filter((date) => !isIsoDate(date));
  if (notDates.length > 0) {
    throw new Error(`Bank holidays must be YYYY-MM-DD calendar dates; these are not: ${notDates.join(', ')}.`);
  }
  return {
    timeZone: parsed.data.timeZone,
    startHour: parsed.data.startHour,
    endHour: parsed.data.endHour,
    workingDays: new Set(parsed.data.workingDays as IsoWeekday[]),
    bankHolidays: new Set(holidays),
  };
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}
