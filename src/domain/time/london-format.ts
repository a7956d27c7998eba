// How times read on cards: always London wall-clock time, short and British
// ("Tue 1 Dec, 10:00"), whatever the server's own time zone is.
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import { LONDON_TIME_ZONE, type LondonWeek } from './london-weeks.js';
import { instantAt, isIsoDate, parseIsoDate } from './zoned-clock.js';

const inLondon = { in: tz(LONDON_TIME_ZONE) };

/** "Tue 1 Dec, 10:00" */
export function formatCardDateTime(instant: Date): string {
  return format(instant, 'EEE d MMM, HH:mm', inLondon);
}

/** "Tue 1 Dec" */
export function formatCardDate(instant: Date): string {
  return format(instant, 'EEE d MMM', inLondon);
}

/** "Tue 1 Dec 2026", for dates that may be in another year (review targets). */
export function formatCardDateWithYear(instant: Date): string {
  return format(instant, 'EEE d MMM yyyy', inLondon);
}

/** "10:00" */
export function formatCardTime(instant: Date): string {
  return format(instant, 'HH:mm', inLondon);
}

/** "w/c Mon 30 Nov 2026": the UK "week commencing" label for a rota week. */
export function formatWeekCommencing(week: LondonWeek): string {
  // Noon on the Monday, so the label never depends on which side of a clock change midnight sits.
  return `w/c ${formatCardDateWithYear(instantAt(week.monday, 12, 0, LONDON_TIME_ZONE))}`;
}

/** A stored calendar date ("2019-05-14") as a card shows it ("Tue 14 May 2019"); anything that is not such a date is shown as it is. */
export function formatIsoDateForCard(isoDate: string): string {
  return isIsoDate(isoDate) ? formatCardDateWithYear(instantAt(parseIsoDate(isoDate), 12, 0, LONDON_TIME_ZONE)) : isoDate;
}
