// Owns finding everything held about one case reference, for the subject
// access export and for erasure, across whatever tables exist: rows of any
// table with a case_ref column or a JSON document containing the reference,
// and rows that refer to those through a foreign key (e.g. a request's status
// history, a reminder's notifications). The audit trail is read and redacted
// separately: its rows are kept, their before/after/detail are not.
import type { Queryable } from './db.js';
import { ident, type SchemaCatalog } from './schema-catalog.js';
import { removeJobs as removeJobsByKey } from './job-queue.js';

/** Infrastructure tables: never about a family, never erased (ids and keys only). */
const NOT_CASE_DATA = new Set([
  'audit_log', 'schema_migrations', 'conversation_refs', 'channel_refs', 'processed_activities', 'delivery_backoff',
  'job_worker_heartbeats', 'calendar_link_keys', 'hub_weeks', 'dat_duty_weeks',
]);

/** `$1` is the case reference; `$2` the jsonpath variables (the reference as typed, upper- and lower-case). */
export interface CaseScope { table: string; where: string }

export function caseParams(caseRef: string): [string, string] {
  return [caseRef, JSON.stringify({ a: caseRef, b: caseRef.toUpperCase(), c: caseRef.toLowerCase() })];
}

const JSON_MATCH = `'$.** ? (@ == $a || @ == $b || @ == $c)'`;

/** The tables holding rows about a case, ordered so that a row is always deleted before the row it refers to. */
export function caseScopes(catalog: SchemaCatalog): CaseScope[] {
  const where = new Map<string, string[]>();
  for (const t of catalog.tables.values()) {
    if (NOT_CASE_DATA.has(t.name)) continue;
    const q = ident(t.name);
    const conditions: string[] = [];
    if (t.columns.has('case_ref')) conditions.push(`upper(${q}.case_ref::text) = upper($1)`);
    for (const [column, type] of t.columns) {
      if (type === 'jsonb') conditions.push(`jsonb_path_exists(${q}.${ident(column)}, ${JSON_MATCH}, $2::jsonb)`);
    }
    if (conditions.length > 0) where.set(t.name, conditions);
  }
  // Rows referring to case rows by foreign key, two levels down (history of a request, cards of a reminder).
  for (let level = 0; level < 2; level++) {
    const parents = new Map([...where].map(([t, c]) => [t, `(${c.join(' OR ')})`]));
    for (const fk of catalog.foreignKeys) {
      const parentWhere = parents.get(fk.parent);
      if (!parentWhere || fk.child === fk.parent || NOT_CASE_DATA.has(fk.child)) continue;
      const condition = `(${fk.childColumns.map((c) => `${ident(fk.child)}.${ident(c)}`).join(', ')}) IN (SELECT ${fk.parentColumns.map((c) => `${ident(fk.parent)}.${ident(c)}`).join(', ')} FROM ${ident(fk.parent)} WHERE ${parentWhere})`;
      const list = where.get(fk.child) ?? [];
      if (!list.includes(condition)) where.set(fk.child, [...list, condition]);
    }
  }
  // Both parameters are always referenced, whichever conditions a table has (PostgreSQL refuses unused ones).
  return deleteOrder([...where.keys()], catalog).map((table) => ({ table, where: `(${where.get(table)!.join(' OR ')}) AND $1::text IS NOT NULL AND $2::jsonb IS NOT NULL` }));
}

/** Children before parents (by foreign key), so every referring row is found and removed first. */
function deleteOrder(tables: string[], catalog: SchemaCatalog): string[] {
  const inScope = new Set(tables);
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (out.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of catalog.foreignKeys) if (fk.parent === t && fk.child !== t && inScope.has(fk.child)) visit(fk.child);
    visiting.delete(t);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}

export async function selectCaseRows(q: Queryable, scopes: CaseScope[], caseRef: string): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const s of scopes) {
    const r = await q.query(`SELECT * FROM ${ident(s.table)} WHERE ${s.where}`, caseParams(caseRef));
    if (r.rows.length > 0) out[s.table] = r.rows;
  }
  return out;
}

export async function countCaseRows(q: Queryable, scopes: CaseScope[], caseRef: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of scopes) {
    const r = await q.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(s.table)} WHERE ${s.where}`, caseParams(caseRef));
    const n = Number(r.rows[0]?.n ?? 0);
    if (n > 0) out[s.table] = n;
  }
  return out;
}

/** Deletes in scope order; returns what went, per table, and the graphile job keys of deleted rows (to cancel). */
export async function deleteCaseRows(q: Queryable, scopes: CaseScope[], caseRef: string): Promise<{ counts: Record<string, number>; jobKeys: string[] }> {
  const counts: Record<string, number> = {};
  const jobKeys: string[] = [];
  for (const s of scopes) {
    const r = await q.query<{ job_key?: string }>(`DELETE FROM ${ident(s.table)} WHERE ${s.where} RETURNING *`, caseParams(caseRef));
    if ((r.rowCount ?? 0) > 0) counts[s.table] = r.rowCount ?? 0;
    for (const row of r.rows) if (typeof row.job_key === 'string') jobKeys.push(row.job_key);
  }
  return { counts, jobKeys };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids of the case's records as the audit trail names them (record_id). Only
 * UUIDs: a serial id ("5") could name another record type's row in the trail.
 */
export function recordIdsOf(rows: Record<string, Record<string, unknown>[]>): string[] {
  return [...new Set(Object.values(rows).flat().map((r) => r.id).filter((id) => typeof id === 'string' && UUID.test(id)) as string[])];
}

const AUDIT_ABOUT_CASE = `(upper(case_ref) = upper($1) OR record_id = ANY($2::text[]))`;

export interface CaseAuditRow {
  id: string; at: Date; actor: string; action: string; outcome: string;
  record_type: string | null; record_id: string | null; case_ref: string | null;
  before: unknown; after: unknown; detail: unknown;
}

export async function auditRowsAboutCase(q: Queryable, caseRef: string, recordIds: string[]): Promise<CaseAuditRow[]> {
  const r = await q.query<CaseAuditRow>(`SELECT * FROM audit_log WHERE ${AUDIT_ABOUT_CASE} ORDER BY at, id`, [caseRef, recordIds]);
  return r.rows;
}

export const REDACTED = { redacted: 'erasure' };

/**
 * Blanks before/after/detail of the case's audit rows, keeping who, when,
 * what and which record. Privacy and retention rows hold counts only and stay.
 * Needs rr.audit_maintenance = 'on' in the caller's transaction.
 */
export async function redactCaseAudit(q: Queryable, caseRef: string, recordIds: string[]): Promise<number> {
  const r = await q.query(
    `UPDATE audit_log SET
       before = CASE WHEN before IS NULL THEN NULL ELSE $3::jsonb END,
       after  = CASE WHEN after  IS NULL THEN NULL ELSE $3::jsonb END,
       detail = CASE WHEN detail IS NULL THEN NULL ELSE $3::jsonb END
     WHERE ${AUDIT_ABOUT_CASE} AND action NOT LIKE 'privacy.%' AND action NOT LIKE 'retention.%'
       AND (before IS NOT NULL OR after IS NOT NULL OR detail IS NOT NULL)`,
    [caseRef, recordIds, JSON.stringify(REDACTED)]);
  return r.rowCount ?? 0;
}

/** Drops planned jobs of erased rows (e.g. reminders). */
export async function removeJobs(q: Queryable, jobKeys: string[]): Promise<void> {
  await removeJobsByKey(q, jobKeys);
}
