// The one import for "London time" in the product: ISO weeks on London clocks
// and card formatting. The implementations live in london-weeks.ts and
// london-format.ts; this file only gathers them so callers need one path.
export {
  LONDON_TIME_ZONE,
  addWeeks,
  formatWeekId,
  isInWeek,
  isWeekId,
  londonWeekOf,
  nextWeekId,
  previousWeekId,
  weekById,
  weekIdSchema,
  type LondonWeek,
  type WeekId,
} from './london-weeks.js';
export {
  formatCardDate,
  formatCardDateTime,
  formatCardDateWithYear,
  formatCardTime,
  formatWeekCommencing,
} from './london-format.js';
