// Owns the building blocks every request-form section schema uses: how a card
// value (always a string, or absent) is read, how a problem is attached to the
// field it is about, and the date arithmetic the child rules need. Pure.
import { z } from 'zod';
import type { FieldProblem } from '../field-problem.js';
import { addLocalDays, compareLocalDates, isIsoDate, parseIsoDate, toIsoDate } from '../time/zoned-clock.js';
import { hasReplacedCharacters, UNSTORABLE_TEXT_MESSAGE } from '../text/typed-text.js';

export type { FieldProblem };

export type SectionResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** What section rules need to know besides the values typed. Time is a parameter. */
export interface SectionContext {
  /** Today in London, 'YYYY-MM-DD'. */
  today: string;
  /** The level the threshold check suggested (after any override there), if the request came from a check. */
  suggestedLevel: number | null;
  /** The covering hub's Menu of Interventions, or null while no hub is known (no postcode yet). */
  menu: { hubName: string; interventions: readonly string[] } | null;
  /**
   * Set when the service the request goes to takes it only with the family's
   * agreement after information sharing was discussed (no lawful-basis route):
   * its name and the words of the rule.
   */
  familyMustAgree?: { serviceName: string; text: string } | null;
}

/**
 * A card value as trimmed text. Cards send strings; a field the card did not
 * include arrives as undefined and is read as blank, never as an error.
 */
export const cardText = (max: number, tooLong: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v)),
    z.string().trim().max(max, tooLong).refine((v) => !hasReplacedCharacters(v), UNSTORABLE_TEXT_MESSAGE));

/** Toggles arrive as the strings "true"/"false" (TEAMS.md); anything else is "false". */
export const cardFlag = z.preprocess((v) => v === true || v === 'true', z.boolean());

/** Rows of repeated inputs (children, carers): a list of objects, missing means none. */
export const cardRows = <T extends z.ZodTypeAny>(row: T, max: number) =>
  z.preprocess((v) => (Array.isArray(v) ? v.map((r) => (r && typeof r === 'object' ? r : {})) : []), z.array(row).max(max));

export function addProblem(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

export function problemsOf(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join('.');
    // One problem per field: the first is the one to fix first.
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: issue.message });
  }
  return out;
}

export function runSchema<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: unknown): SectionResult<T> {
  const parsed = schema.safeParse(raw ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsOf(parsed.error) };
}

export { isIsoDate };

/** Whole years from `dob` to `today` (both ISO dates), as people count birthdays. */
export function ageInYears(dob: string, today: string): number {
  const d = parseIsoDate(dob);
  const t = parseIsoDate(today);
  const beforeBirthday = t.month < d.month || (t.month === d.month && t.day < d.day);
  return t.year - d.year - (beforeBirthday ? 1 : 0);
}

/** Negative when a is before b. Both ISO dates. */
export function compareIsoDates(a: string, b: string): number {
  return compareLocalDates(parseIsoDate(a), parseIsoDate(b));
}

export function isoDaysAfter(date: string, days: number): string {
  return toIsoDate(addLocalDays(parseIsoDate(date), days));
}
