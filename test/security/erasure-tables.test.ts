// Erasure works from an explicit list of the tables that hold case data
// (src/store/privacy-store.ts). This keeps the list honest against the real
// schema after every migration: a new table with a case reference that is not
// on the list would survive an erasure, so it fails here until it is added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createLogger } from '../../src/log/logger.js';
import { CASE_DATA_TABLES, NOT_CASE_DATA_TABLES, countCaseRows } from '../../src/store/privacy-store.js';
import { createTestDatabase } from '../support/database.js';

const log = createLogger('silent');
let db: Db;

beforeAll(async () => {
  db = createPool(await createTestDatabase(), log, { max: 2 });
  await migrate(db, log);
});
afterAll(async () => { await db?.end(); });

const erased = CASE_DATA_TABLES.map((t) => t.table);
/** The audit trail is kept (append-only) and its contents redacted instead of deleted. */
const REDACTED_NOT_DELETED = ['audit_log'];

async function appTables(): Promise<string[]> {
  const r = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`);
  return r.rows.map((x) => x.table_name);
}

describe('the tables erasure works from', () => {
  it('include every table with a case reference column', async () => {
    const r = await db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND (c.column_name LIKE '%case_ref%' OR c.column_name LIKE '%case_reference%')`);
    expect(r.rows.length).toBeGreaterThan(0);
    const missing = r.rows
      .filter((c) => !erased.includes(c.table_name) && !REDACTED_NOT_DELETED.includes(c.table_name))
      .map((c) => `${c.table_name}.${c.column_name}`);
    expect(missing, 'add these tables to CASE_DATA_TABLES in src/store/privacy-store.ts').toEqual([]);
  });

  it('classify every table in the schema exactly once: case data, or named as not case data', async () => {
    const tables = await appTables();
    const unclassified = tables.filter((t) => !erased.includes(t) && !NOT_CASE_DATA_TABLES.includes(t));
    expect(unclassified, 'decide for each: CASE_DATA_TABLES (erased) or NOT_CASE_DATA_TABLES in src/store/privacy-store.ts').toEqual([]);
    expect(erased.filter((t) => NOT_CASE_DATA_TABLES.includes(t))).toEqual([]);
    // No stale entries: every table named exists.
    expect([...erased, ...NOT_CASE_DATA_TABLES].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('find rows in every listed table with valid SQL (an unknown case: zero everywhere)', async () => {
    expect(await countCaseRows(db, 'LCS-000000')).toEqual({});
  });

  it('delete a row before any row it refers to', async () => {
    const r = await db.query<{ child: string; parent: string }>(
      `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint con
         JOIN pg_class ch ON ch.oid = con.conrelid JOIN pg_class pa ON pa.oid = con.confrelid
         JOIN pg_namespace ns ON ns.oid = ch.relnamespace
        WHERE con.contype = 'f' AND ns.nspname = current_schema() AND ch.relname <> pa.relname`);
    for (const { child, parent } of r.rows) {
      if (!erased.includes(child) || !erased.includes(parent)) continue;
      expect(erased.indexOf(child), `${child} (refers to ${parent}) is erased first`).toBeLessThan(erased.indexOf(parent));
    }
  });
});
