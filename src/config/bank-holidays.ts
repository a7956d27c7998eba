// England and Wales bank holidays for the working calendar (the reminder rule, README "Reminders":
// "England and Wales bank holidays skipped"). The date-holidays package ships
// its rules inside the package, so this needs no network and no file of our
// own to keep up to date; it already knows substitute days and one-off
// holidays such as 2023-05-08 (the Coronation). Lives in src/config, not the
// domain, because it reaches into a data library; the domain gets the dates.
import Holidays from 'date-holidays';

/** 'YYYY-MM-DD' dates of every England and Wales bank holiday from fromYear to toYear inclusive. */
export function englandAndWalesBankHolidays(fromYear: number, toYear: number): Set<string> {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`Bank holiday years must be whole numbers with fromYear <= toYear, not ${fromYear}..${toYear}.`);
  }
  // 'ENG' is England; Wales has the same bank holidays (Scotland and Northern Ireland differ).
  const holidays = new Holidays('GB', 'ENG');
  const dates = new Set<string>();
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const holiday of holidays.getHolidays(year)) {
      // 'public' is how date-holidays marks bank holidays in GB; 'observance'
      // covers days such as Mother's Day that are not days off.
      if (holiday.type === 'public') dates.add(holiday.date.slice(0, 10));
    }
  }
  return dates;
}
