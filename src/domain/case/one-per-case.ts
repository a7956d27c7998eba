// Owns "one line per case" in the lists (issue 12): of records already in
// the list's order, the first of each case stands for the case and counts the
// others of that case (the list says "and N more for this case" rather than
// hiding them). A record in no case (a draft without a reference), and one
// that must keep its own line (a draft, with its own Resume and Discard),
// is never grouped and never stands for its case.
export interface CaseLine<T> { row: T; more: number }

export function onePerCase<T>(rows: readonly T[], caseOf: (row: T) => string | null | undefined, ownLine: (row: T) => boolean = () => false): CaseLine<T>[] {
  const lines: CaseLine<T>[] = [];
  const standing = new Map<string, CaseLine<T>>();
  for (const row of rows) {
    const id = caseOf(row);
    const first = id && !ownLine(row) ? standing.get(id) : undefined;
    if (first) {
      first.more += 1;
      continue;
    }
    const line = { row, more: 0 };
    if (id && !ownLine(row)) standing.set(id, line);
    lines.push(line);
  }
  return lines;
}
