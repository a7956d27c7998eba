// Owns the lists' "one line per case, with its next date" (issue 12): `my
// requests`, `my cases` and `my checks` keep the first record of each case in
// their own order, say how many more the case has, and say when something is
// next due on it. The hub queue never groups: every request waiting in it must
// be allocatable on its own line.
import { nextDatesOfCases } from '../../store/case-store.js';
import { onePerCase } from '../../domain/case/one-per-case.js';
import { formatCardDateTime } from '../../domain/time/london-format.js';
import type { Queryable } from '../../store/db.js';

/** A list line: the record, when its case is next due, and how many other records of the case the line stands for. */
export type WithNext<T> = T & { nextDate: string; moreForCase: number };

export async function oneLinePerCase<T extends { case_id?: string | null }>(db: Queryable, rows: readonly T[], now: Date, ownLine?: (row: T) => boolean): Promise<WithNext<T>[]> {
  return withNextDates(db, onePerCase(rows, (r) => r.case_id, ownLine), now);
}

/** Every record on its own line, each with its case's next date. */
export async function eachWithNextDate<T extends { case_id?: string | null }>(db: Queryable, rows: readonly T[], now: Date): Promise<WithNext<T>[]> {
  return withNextDates(db, rows.map((row) => ({ row, more: 0 })), now);
}

async function withNextDates<T extends { case_id?: string | null }>(db: Queryable, lines: readonly { row: T; more: number }[], now: Date): Promise<WithNext<T>[]> {
  const next = await nextDatesOfCases(db, [...new Set(lines.flatMap((l) => (l.row.case_id ? [l.row.case_id] : [])))], now);
  return lines.map(({ row, more }) => {
    const at = row.case_id ? next.get(row.case_id) : undefined;
    return { ...row, nextDate: at ? `next ${formatCardDateTime(at)}` : '', moreForCase: more };
  });
}

/** The words a grouped line adds: "and 2 more for this case". */
export function moreForCaseWords(row: object): string {
  const n = 'moreForCase' in row && typeof row.moreForCase === 'number' ? row.moreForCase : 0;
  return n > 0 ? `and ${n} more for this case` : '';
}
