// Owns reading a day and time out of a request ("next Tuesday", "tomorrow at
// 2pm", "on 14/05") with chrono-node, resolved on the wall clock in London
// from an instant the caller gives (never the machine's clock or zone).
import * as chrono from 'chrono-node';
import { LONDON_TIME_ZONE } from '../domain/time/london-weeks.js';
import { toIsoDate, wallClockOf, type LocalDate } from '../domain/time/zoned-clock.js';
import { pad2 } from '../domain/time/zoned-clock.js';

export interface SpokenWhen {
  /** London calendar date, "2027-03-16". */
  date: string;
  /** London wall time "14:00" when one was said. */
  time?: string;
  /** The words that said it, to show back on the card. */
  words: string;
}

export function readWhen(text: string, now: Date): SpokenWhen | undefined {
  const wall = wallClockOf(now, LONDON_TIME_ZONE);
  // chrono reads relative to a reference; give it London's wall clock as if it were UTC and read the parts back.
  const reference = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  const [found] = chrono.en.GB.parse(text, { instant: reference, timezone: 0 }, { forwardDate: true });
  if (!found) return undefined;
  const start = found.start;
  const date: LocalDate = { year: start.get('year') ?? wall.year, month: start.get('month') ?? wall.month, day: start.get('day') ?? wall.day };
  const when: SpokenWhen = { date: toIsoDate(date), words: found.text };
  if (start.isCertain('hour')) when.time = `${pad2(start.get('hour') ?? 0)}:${pad2(start.get('minute') ?? 0)}`;
  return when;
}
