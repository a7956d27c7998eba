// Owns "one line per case" in the lists (issue 12): of records already in
// the list's order, the first of each case is kept and the rest of that case
// dropped; a record in no case (a draft without a reference) keeps its line.
export function onePerCase<T>(rows: readonly T[], caseOf: (row: T) => string | null | undefined): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const id = caseOf(row);
    if (!id) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
