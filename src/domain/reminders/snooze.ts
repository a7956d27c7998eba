// Snooze from a reminder card (issue 7: "Snooze (1 day, 1 week)"). The new due
// time counts from when the person clicked (or from the due time, if they
// snoozed ahead of it), lands on a working day at the same time of day, and is
// always inside working hours.
import { z } from 'zod';
import { nextWorkingDateAfter, nextWorkingInstant, workingStartOn, type WorkingCalendar } from '../time/working-hours.js';
import { addLocalDays, instantAt, wallClockOf, type LocalDate } from '../time/zoned-clock.js';
import { laterOf } from './reminder-context.js';

export const snoozePeriodSchema = z.enum(['1d', '1w']);
export type SnoozePeriod = z.infer<typeof snoozePeriodSchema>;

/**
 * '1d': the next working day (Friday → Monday, and Christmas Eve → the first
 * working day after Boxing Day). '1w': the same weekday a week on, or the next
 * working day after it if that is a bank holiday. Snoozed out of hours (at
 * 18:30, or 07:00), the reminder returns at the start of that day's working hours.
 */
export function snooze(dueAt: Date, period: SnoozePeriod, now: Date, cal: WorkingCalendar): Date {
  const from = wallClockOf(laterOf(dueAt, now), cal.timeZone);
  const targetDate: LocalDate = period === '1d' ? nextWorkingDateAfter(from, cal) : addLocalDays(from, 7);
  const insideHours = from.hour >= cal.startHour && from.hour < cal.endHour;
  const target = insideHours
    ? instantAt(targetDate, from.hour, from.minute, cal.timeZone)
    : workingStartOn(targetDate, cal);
  return nextWorkingInstant(target, cal);
}
