// Owns looking at what the schema holds right now: which tables exist, their
// columns and foreign keys. Privacy code uses it so that purge, export and
// erasure cover every table that holds a case reference.
import type { Queryable } from './db.js';

export interface TableInfo {
  name: string;
  /** column name → PostgreSQL data type ('jsonb', 'text', …). */
  columns: Map<string, string>;
}

export interface ForeignKey { child: string; childColumns: string[]; parent: string; parentColumns: string[] }

export interface SchemaCatalog {
  tables: Map<string, TableInfo>;
  foreignKeys: ForeignKey[];
}

export async function readCatalog(q: Queryable): Promise<SchemaCatalog> {
  const cols = await q.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`);
  const tables = new Map<string, TableInfo>();
  for (const r of cols.rows) {
    const t = tables.get(r.table_name) ?? { name: r.table_name, columns: new Map<string, string>() };
    t.columns.set(r.column_name, r.data_type);
    tables.set(r.table_name, t);
  }
  const fks = await q.query<{ child: string; parent: string; child_columns: string[]; parent_columns: string[] }>(
    `SELECT ch.relname AS child, pa.relname AS parent,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS child_columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
       FROM pg_constraint con
       JOIN pg_class ch ON ch.oid = con.conrelid
       JOIN pg_class pa ON pa.oid = con.confrelid
       JOIN pg_namespace ns ON ns.oid = ch.relnamespace
      WHERE con.contype = 'f' AND ns.nspname = current_schema()`);
  const foreignKeys = fks.rows.map((r) => ({ child: r.child, parent: r.parent, childColumns: r.child_columns, parentColumns: r.parent_columns }));
  return { tables, foreignKeys };
}

/** A catalog identifier as SQL (table and column names come from the catalog, never from users). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
