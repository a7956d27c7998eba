// Owns the lists' "one line per case, with its next date" (issue 12): `my
// requests`, `my cases`, `hub queue` and `my checks` keep the first record of
// each case in their own order and say when something is next due on it.
import { nextDatesOfCases } from '../../store/case-store.js';
import { onePerCase } from '../../domain/case/one-per-case.js';
import { formatCardDateTime } from '../../domain/time/london-format.js';
import type { Queryable } from '../../store/db.js';

export type WithNext<T> = T & { nextDate: string };

export async function oneLinePerCase<T extends { case_id?: string | null }>(db: Queryable, rows: readonly T[], now: Date): Promise<WithNext<T>[]> {
  const kept = onePerCase(rows, (r) => r.case_id);
  const next = await nextDatesOfCases(db, kept.flatMap((r) => (r.case_id ? [r.case_id] : [])), now);
  return kept.map((r) => {
    const at = r.case_id ? next.get(r.case_id) : undefined;
    return { ...r, nextDate: at ? `next ${formatCardDateTime(at)}` : '' };
  });
}
