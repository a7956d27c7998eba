// The subject access export card and page name every table the export reads
// in words a data protection officer reads, never a table name.
import { describe, expect, it } from 'vitest';
import { CASE_DATA_TABLES } from '../../src/store/privacy-store.js';
import { tableTitle } from '../../src/app/privacy/export-render.js';

describe('export table titles', () => {
  it('has a title in words for every table a case export reads', () => {
    const raw = CASE_DATA_TABLES.map((t) => t.table).filter((table) => tableTitle(table) === table.replace(/_/g, ' '));
    expect(raw).toEqual([]);
  });
});
