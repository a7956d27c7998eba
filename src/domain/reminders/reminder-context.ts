// What every reminder rule is given besides its own facts: the current time
// (never read from a clock here), the working calendar and the timescales.
// Also the one helper that turns an ideal due time into a deliverable one.
import { nextWorkingInstant, type WorkingCalendar } from '../time/working-hours.js';
import { localDateOf, toIsoDate } from '../time/zoned-clock.js';
import type { Timescales } from './timescales.js';

export interface ReminderContext {
  readonly now: Date;
  readonly calendar: WorkingCalendar;
  readonly timescales: Timescales;
}

/**
 * The ideal due time, but never in the past (an overdue reminder goes now,
 * not "at a time that has gone") and always in working hours.
 */
export function dueInWorkingHours(ideal: Date, ctx: ReminderContext): Date {
  return nextWorkingInstant(laterOf(ideal, ctx.now), ctx.calendar);
}

export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** The calendar date of an instant in the working calendar's zone, as 'YYYY-MM-DD'. */
export function isoDateOf(instant: Date, ctx: ReminderContext): string {
  return toIsoDate(localDateOf(instant, ctx.calendar.timeZone));
}
