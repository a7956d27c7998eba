// Owns the times offered to a social worker whose joint visit clashes with
// another of the practitioner's (issue 12): the free visit starts in the same
// OSR week, on the hour and half hour in working time, nearest the time they
// asked for first. Pure: busy visits and the clock are parameters.
import { weekById, LONDON_TIME_ZONE, type WeekId } from '../time/london.js';
import { addLocalDays, instantAt } from '../time/zoned-clock.js';
import type { WorkingCalendar } from '../time/working-calendar.js';
import { checkVisitTime } from '../booking/osr-week.js';
import { VISIT_DURATION_MINUTES } from '../booking/schema.js';

const VISIT_MS = VISIT_DURATION_MINUTES * 60_000;

/** Whether two visits starting at `a` and `b` overlap (each lasts VISIT_DURATION_MINUTES). */
export function visitsOverlap(a: Date, b: Date): boolean {
  return Math.abs(a.getTime() - b.getTime()) < VISIT_MS;
}

export function nearestFreeTimes(wanted: Date, weekId: WeekId, busy: readonly Date[], calendar: WorkingCalendar, now: Date, count = 3): Date[] {
  const monday = weekById(weekId).monday;
  const candidates: Date[] = [];
  for (let day = 0; day < 5; day++) {
    for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
      const at = instantAt(addLocalDays(monday, day), Math.floor(minutes / 60), minutes % 60, LONDON_TIME_ZONE);
      if (!checkVisitTime(at, weekId, calendar, now).ok) continue;
      if (busy.some((b) => visitsOverlap(b, at))) continue;
      candidates.push(at);
    }
  }
  const distance = (t: Date) => Math.abs(t.getTime() - wanted.getTime());
  return candidates.sort((a, b) => distance(a) - distance(b) || a.getTime() - b.getTime()).slice(0, count);
}
