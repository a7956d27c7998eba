// Owns reading a service's own timescales from its policy pack, so that each
// service's timescales drive the reminders of the requests routed to it (a
// request to a Barnet hub gets none of Home-Start's 4-week, 3-month or
// 9-month reminders), and the calendar arithmetic on those periods.
import type { Period, ServicePack, TimescaleEvent } from '../policy/index.js';
import { addLocalDays, addLocalMonths, type LocalDate } from '../time/zoned-clock.js';

export type ServiceTimescales = Partial<Record<TimescaleEvent, Period>>;

/** The first timescale of each event in the pack; a service without one gets no reminder of that kind. */
export function serviceTimescales(pack: Pick<ServicePack, 'timescales'> | undefined): ServiceTimescales {
  const out: ServiceTimescales = {};
  for (const timescale of pack?.timescales ?? []) out[timescale.event] ??= timescale.period;
  return out;
}

/** The parenting terms a reminder needs: sessions before the review, and the further period when complex. */
export interface ParentingTerms { sessionsBeforeReview: number; extension: Period | null }

/** A calendar period on London dates (days, weeks, months); hours are elapsed time and go through periodMs. */
export function addPeriodToDate(date: LocalDate, period: Period): LocalDate {
  switch (period.unit) {
    case 'days': return addLocalDays(date, period.amount);
    case 'weeks': return addLocalDays(date, period.amount * 7);
    case 'months': return addLocalMonths(date, period.amount);
    case 'hours': throw new Error('hours are elapsed time, not calendar dates: use periodMs');
  }
}

const MS = { hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000 } as const;

/** Elapsed milliseconds of an hours/days/weeks period (months have no fixed length: use addPeriodToDate). */
export function periodMs(period: Period): number {
  if (period.unit === 'months') throw new Error('a period in months has no fixed length in milliseconds');
  return period.amount * MS[period.unit];
}

export function periodWords(period: Period): string {
  const unit = period.amount === 1 ? period.unit.slice(0, -1) : period.unit;
  return `${period.amount} ${unit}`;
}
