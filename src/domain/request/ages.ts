// Owns the one description of the children a hub channel may see: an age
// range ("unborn and 2–7 years"), never a name or a date of birth (docs/SECURITY.md).
import { ageInYears } from './field-rules.js';
import type { RequestChild } from './family-section.js';

export function ageRangeLabel(children: readonly RequestChild[], today: string): string {
  const ages = children.filter((c) => c.dob).map((c) => ageInYears(c.dob!, today)).sort((a, b) => a - b);
  const unborn = children.some((c) => !c.dob && c.dueDate);
  const parts: string[] = [];
  if (unborn) parts.push('unborn');
  if (ages.length > 0) {
    const lo = ages[0]!;
    const hi = ages[ages.length - 1]!;
    // "0 years" reads oddly for a baby: say "under 1".
    const age = (n: number) => (n === 0 ? 'under 1' : String(n));
    parts.push(lo === hi ? `${age(lo)} ${lo <= 1 ? 'year' : 'years'}` : `${age(lo)}–${hi} years`);
  }
  return parts.join(' and ') || 'not given';
}

/** The youngest child's age in whole years (0 for an unborn baby), or null with no children. */
export function youngestAge(children: readonly RequestChild[], today: string): number | null {
  const ages = children.map((c) => (c.dob ? ageInYears(c.dob, today) : 0));
  return ages.length > 0 ? Math.min(...ages) : null;
}
