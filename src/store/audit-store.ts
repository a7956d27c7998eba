// Owns the audit trail: one append-only row per change or view, written with
// the caller's transaction so a change and its audit commit or fail together.
import type { Queryable } from './db.js';

export interface AuditEntry {
  actor: string;
  action: string;
  outcome?: 'ok' | 'refused' | 'failed';
  recordType?: string;
  recordId?: string;
  caseRef?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export const AUDIT_COLUMNS = '(at, actor, action, outcome, record_type, record_id, case_ref, before, after, detail)';

/** The audit row's column values, in AUDIT_COLUMNS order; `at` null means the database's now(). */
function auditParams(e: AuditEntry, at?: Date): unknown[] {
  return [
    at ?? null, e.actor, e.action, e.outcome ?? 'ok', e.recordType ?? null, e.recordId ?? null, e.caseRef ?? null,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
    e.detail === undefined ? null : JSON.stringify(e.detail),
  ];
}

/** The audit rows of a batch as one array per column (AUDIT_COLUMNS order), for `unnest`, with their element types. */
export const AUDIT_ARRAY_TYPES = ['timestamptz', 'text', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'jsonb', 'jsonb'] as const;
export function auditArrays(rows: { e: AuditEntry; at?: Date }[]): unknown[][] {
  const params = rows.map((r) => auditParams(r.e, r.at));
  return AUDIT_ARRAY_TYPES.map((_t, column) => params.map((p) => p[column]));
}

/** `$n, $n+1, …` for the audit values, the first at the given parameter number. */
function auditPlaceholders(first: number): string {
  const p = Array.from({ length: 10 }, (_, i) => `$${first + i}`);
  return `coalesce(${p[0]}::timestamptz, now()), ${p.slice(1).join(', ')}`;
}

export async function writeAudit(q: Queryable, e: AuditEntry, at?: Date): Promise<void> {
  await q.query(`INSERT INTO audit_log ${AUDIT_COLUMNS} VALUES (${auditPlaceholders(1)})`, auditParams(e, at));
}

// Each audited write is a prepared statement: PostgreSQL parses and plans it
// once per connection instead of on every call (the statement is long: a CTE
// around the write and the audit insert), and only its parameters are sent.
// The texts come from code, never from input, so their number is bounded.
// Keyed by the write's SQL, which fixes its parameter count too.
const preparedByWrite = new Map<string, { name: string; text: string }>();

function preparedAudited(sql: string, paramCount: number): { name: string; text: string } {
  let p = preparedByWrite.get(sql);
  if (!p) {
    const text = `WITH written AS (${sql}),
     audited AS (INSERT INTO audit_log ${AUDIT_COLUMNS} SELECT ${auditPlaceholders(paramCount + 1)} FROM written)
     SELECT * FROM written`;
    p = { name: `audited-${preparedByWrite.size + 1}`, text };
    preparedByWrite.set(sql, p);
  }
  return p;
}

/**
 * One write and its audit row as a single statement: one round trip instead
 * of BEGIN, write, audit, COMMIT, and just as atomic (PostgreSQL runs a
 * statement as one transaction, and inside a caller's transaction it is part
 * of it). `write` must end in RETURNING; the audit row is written once per
 * row it returns, so a write that changed nothing (ON CONFLICT DO NOTHING, a
 * WHERE that matched no row) leaves no audit row. Returns the written rows.
 */
export async function writeAudited<R extends object>(q: Queryable, write: { sql: string; params: unknown[] }, e: AuditEntry, at?: Date): Promise<R[]> {
  const r = await q.query<R>(preparedAudited(write.sql, write.params.length), [...write.params, ...auditParams(e, at)]);
  return r.rows;
}

export interface AuditRow {
  id: string; at: Date; actor: string; action: string; outcome: string;
  record_type: string | null; record_id: string | null; case_ref: string | null;
  before: unknown; after: unknown; detail: unknown;
}

export async function auditByAction(q: Queryable, action: string): Promise<AuditRow[]> {
  const r = await q.query<AuditRow>('SELECT * FROM audit_log WHERE action = $1 ORDER BY id', [action]);
  return r.rows;
}
