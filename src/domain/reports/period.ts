// Owns the report period: the last 4 weeks, 13 weeks or year (52 weeks) up to
// today, or custom dates the manager types. Weeks are London weeks, so OSR
// hub-weeks fall wholly in or out. The period before has the same length and
// ends the day before, for "against the period before" figures. Pure: today
// is a parameter.
import { z } from 'zod';
import { LONDON_TIME_ZONE, londonWeekOf, addWeeks, weekById, type WeekId } from '../time/london-weeks.js';
import { addLocalDays, compareLocalDates, instantAt, isIsoDate, localDateOf, parseIsoDate, toIsoDate, type LocalDate } from '../time/zoned-clock.js';
import type { FieldProblem } from '../field-problem.js';

export const PERIOD_CHOICES = { '4w': 'The last 4 weeks', '13w': 'The last 13 weeks', '52w': 'The last year (52 weeks)', custom: 'Dates I choose' } as const;
export type PeriodChoice = keyof typeof PERIOD_CHOICES;
export const PeriodChoiceSchema = z.enum(['4w', '13w', '52w', 'custom']);

const WEEKS: Record<Exclude<PeriodChoice, 'custom'>, number> = { '4w': 4, '13w': 13, '52w': 52 };
/** Longest custom period: two years keeps the query and the card small. */
export const CUSTOM_MAX_DAYS = 731;

export interface ReportPeriod {
  choice: PeriodChoice;
  /** First and last day, inclusive, 'YYYY-MM-DD' in London. */
  from: string;
  to: string;
  /** London midnight at the start of `from`, and at the end of `to` (exclusive). */
  startsAt: Date;
  endsAt: Date;
  /** The London weeks the period touches, oldest first. */
  weeks: WeekId[];
}

const dayCount = (from: LocalDate, to: LocalDate) =>
  Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000) + 1;

export function periodBetween(choice: PeriodChoice, from: LocalDate, to: LocalDate): ReportPeriod {
  const startsAt = instantAt(from, 0, 0, LONDON_TIME_ZONE);
  const endsAt = instantAt(addLocalDays(to, 1), 0, 0, LONDON_TIME_ZONE);
  const weeks: WeekId[] = [];
  const last = londonWeekOf(instantAt(to, 12, 0, LONDON_TIME_ZONE)).weekId;
  for (let w = londonWeekOf(instantAt(from, 12, 0, LONDON_TIME_ZONE)).weekId; ; w = addWeeks(w, 1)) {
    weeks.push(w);
    if (w === last) break;
  }
  return { choice, from: toIsoDate(from), to: toIsoDate(to), startsAt, endsAt, weeks };
}

/** 4, 13 or 52 London weeks: from the Monday that many weeks back (this week counts) to today. */
export function standardPeriod(choice: Exclude<PeriodChoice, 'custom'>, now: Date): ReportPeriod {
  const today = localDateOf(now, LONDON_TIME_ZONE);
  const thisWeek = londonWeekOf(now).weekId;
  return periodBetween(choice, weekById(addWeeks(thisWeek, -(WEEKS[choice] - 1))).monday, today);
}

/** The same number of days, ending the day before `period` starts. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const from = parseIsoDate(period.from);
  const days = dayCount(from, parseIsoDate(period.to));
  return periodBetween(period.choice, addLocalDays(from, -days), addLocalDays(from, -1));
}

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; problems: FieldProblem[] };

/** A period from the card's choice and dates; custom dates are checked and each problem named by field. */
export function choosePeriod(raw: { period?: unknown; from?: unknown; to?: unknown }, now: Date): PeriodResult {
  const choice = PeriodChoiceSchema.safeParse(raw.period ?? '4w');
  if (!choice.success) return { ok: false, problems: [{ field: 'period', message: 'Choose a period from the list' }] };
  if (choice.data !== 'custom') return { ok: true, period: standardPeriod(choice.data, now) };
  const today = localDateOf(now, LONDON_TIME_ZONE);
  const problems: FieldProblem[] = [];
  const read = (field: 'from' | 'to', words: string): LocalDate | undefined => {
    const v = typeof raw[field] === 'string' ? (raw[field] as string).trim() : '';
    if (!v) problems.push({ field, message: `Enter the ${words} date` });
    else if (!isIsoDate(v)) problems.push({ field, message: `Enter the ${words} date as a date, for example 2026-03-02` });
    else if (compareLocalDates(parseIsoDate(v), today) > 0) problems.push({ field, message: `The ${words} date can't be in the future` });
    else return parseIsoDate(v);
    return undefined;
  };
  const from = read('from', 'first');
  const to = read('to', 'last');
  if (from && to && compareLocalDates(from, to) > 0) problems.push({ field: 'to', message: 'The last date must be on or after the first date' });
  else if (from && to && dayCount(from, to) > CUSTOM_MAX_DAYS) problems.push({ field: 'to', message: 'Choose a period of two years or less' });
  if (problems.length > 0 || !from || !to) return { ok: false, problems };
  return { ok: true, period: periodBetween('custom', from, to) };
}

/** The calendar month before the one `now` is in, for the monthly report card. */
export function previousMonth(now: Date): ReportPeriod & { month: string } {
  const today = localDateOf(now, LONDON_TIME_ZONE);
  const firstOfThis: LocalDate = { year: today.year, month: today.month, day: 1 };
  const last = addLocalDays(firstOfThis, -1);
  const first: LocalDate = { year: last.year, month: last.month, day: 1 };
  return { ...periodBetween('custom', first, last), month: `${first.year}-${String(first.month).padStart(2, '0')}` };
}
