// The hub manager's weekly digest (a product feature): places used this
// week, pending bookings, unallocated requests, overdue reviews. This rule only
// says when each week's digest is due; the jobs layer gathers the figures.
import { addWeeks, londonWeekOf, type WeekId, weekById } from '../time/london-weeks.js';
import { nextWorkingInstant } from '../time/working-hours.js';
import { addLocalDays, instantAt } from '../time/zoned-clock.js';
import { hubManagerOf, planReminder, type PlannedReminder } from './planned-reminder.js';
import type { ReminderContext } from './reminder-context.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface DigestHubSnapshot {
  readonly hubId: string;
  /** The last week whose digest was delivered to this hub, or null for a new hub. */
  readonly lastDigestWeekId: WeekId | null;
}

/**
 * When week `weekId`'s digest is due: the configured weekday and time on the
 * calendar's clocks, moved into working hours. An Easter Monday digest comes
 * on the Tuesday at 09:00, still labelled with its own week.
 */
export function weeklyDigestDueAt(weekId: WeekId, ctx: ReminderContext): Date {
  const { isoWeekday, hour, minute } = ctx.timescales.weeklyDigest;
  const day = addLocalDays(weekById(weekId).monday, isoWeekday - 1);
  return nextWorkingInstant(instantAt(day, hour, minute, ctx.calendar.timeZone), ctx.calendar);
}

/**
 * One digest: a missed one (the app was down at 09:00) is caught up once,
 * now, and only the most recent, never a backlog; otherwise the next one
 * ahead. A new hub's first digest is the next scheduled one.
 */
export function planWeeklyDigestReminder(hub: DigestHubSnapshot, ctx: ReminderContext): PlannedReminder[] {
  const thisWeek = londonWeekOf(ctx.now).weekId;
  // A digest can slip into the next week (Good Friday → Easter Tuesday), so look one week back too.
  const candidates = [-1, 0, 1, 2].map((offset) => addWeeks(thisWeek, offset));
  const notYetSent = candidates.filter((weekId) => hub.lastDigestWeekId === null || weekId > hub.lastDigestWeekId);
  const now = ctx.now.getTime();

  const missed = hub.lastDigestWeekId === null ? [] : notYetSent.filter((weekId) => weeklyDigestDueAt(weekId, ctx).getTime() <= now);
  const latestMissed = missed.at(-1);
  if (latestMissed) return [digestFor(hub, latestMissed, nextWorkingInstant(ctx.now, ctx.calendar))];

  const upcoming = notYetSent.find((weekId) => weeklyDigestDueAt(weekId, ctx).getTime() > now);
  return upcoming ? [digestFor(hub, upcoming, weeklyDigestDueAt(upcoming, ctx))] : [];
}

function digestFor(hub: DigestHubSnapshot, weekId: WeekId, dueAt: Date): PlannedReminder {
  return planReminder({
    cause: 'weekly-digest',
    causeId: hub.hubId,
    occurrence: weekId,
    recipient: hubManagerOf(hub.hubId),
    dueAt,
    escalation: 0,
    template: REMINDER_TEMPLATES.weeklyDigest,
    data: { hubId: hub.hubId, weekId },
  });
}
