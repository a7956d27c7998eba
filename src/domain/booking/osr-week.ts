// Owns the OSR calendar rules: a DAT team's OSR week is the week after its
// duty week (Barnet One Service Response protocol, 2.3), which OSR week a social worker can book into now,
// and whether a proposed visit time is inside that week and working hours.
// Weeks are London ISO weeks, so the rules hold across the clock changes.
import { isInWeek, londonWeekOf, nextWeekId, previousWeekId, weekById, type WeekId } from '../time/london.js';
import { isWorkingTime, type WorkingCalendar } from '../time/working-hours.js';
import { visitEnd } from './schema.js';

export function osrWeekOf(dutyWeek: WeekId): WeekId {
  return nextWeekId(dutyWeek);
}

export function dutyWeekOf(osrWeek: WeekId): WeekId {
  return previousWeekId(osrWeek);
}

export type BookableWeek =
  | { ok: true; weekId: WeekId }
  | { ok: false; code: 'NO_OSR_WEEK'; nextOsrWeek: WeekId | null };

/**
 * The OSR week a social worker books into now: this week when it is their
 * team's OSR week, otherwise next week when it is (they are on duty now and
 * line up next week's visits, Barnet One Service Response protocol, 2.3 "time to carefully consider the
 * cases"). Any other time is outside the rota week, where the ordinary 0–19
 * request route applies (Barnet One Service Response protocol, 4.6). `nextOsrWeek` says when they can.
 */
export function bookableOsrWeek(teamOsrWeeks: readonly WeekId[], now: Date): BookableWeek {
  const thisWeek = londonWeekOf(now).weekId;
  const nextWeek = nextWeekId(thisWeek);
  if (teamOsrWeeks.includes(thisWeek)) return { ok: true, weekId: thisWeek };
  if (teamOsrWeeks.includes(nextWeek)) return { ok: true, weekId: nextWeek };
  const later = teamOsrWeeks.filter((w) => weekById(w).startsAt.getTime() > now.getTime()).sort((a, b) => weekById(a).startsAt.getTime() - weekById(b).startsAt.getTime());
  return { ok: false, code: 'NO_OSR_WEEK', nextOsrWeek: later[0] ?? null };
}

export type VisitTimeCode = 'TIME_PAST' | 'TIME_OUTSIDE_WEEK' | 'TIME_OUTSIDE_WORKING_HOURS';
export type VisitTimeCheck = { ok: true } | { ok: false; code: VisitTimeCode };

/**
 * A visit must start after `now`, inside the OSR week, and the whole visit
 * must fit in working hours on a working day (no weekends, no bank holidays).
 */
export function checkVisitTime(visitAt: Date, weekId: WeekId, calendar: WorkingCalendar, now: Date): VisitTimeCheck {
  if (visitAt.getTime() <= now.getTime()) return { ok: false, code: 'TIME_PAST' };
  if (!isInWeek(visitAt, weekById(weekId))) return { ok: false, code: 'TIME_OUTSIDE_WEEK' };
  const lastMinute = new Date(visitEnd(visitAt).getTime() - 60_000);
  if (!isWorkingTime(visitAt, calendar) || !isWorkingTime(lastMinute, calendar)) return { ok: false, code: 'TIME_OUTSIDE_WORKING_HOURS' };
  return { ok: true };
}

/** The weeks a manager may set up: this one and the next `count - 1`. */
// Product: managers plan about two months ahead; the list stays short on a phone.
export const PLANNING_WEEKS = 8;

/** The weeks a manager may set up now: this week and the next PLANNING_WEEKS - 1 (what the rota forms offer). */
export function plannableWeeks(now: Date): WeekId[] {
  return upcomingWeeks(now, PLANNING_WEEKS);
}

export function upcomingWeeks(now: Date, count: number): WeekId[] {
  const out: WeekId[] = [londonWeekOf(now).weekId];
  while (out.length < count) out.push(nextWeekId(out[out.length - 1]!));
  return out;
}
