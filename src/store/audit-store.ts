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

export async function writeAudit(q: Queryable, e: AuditEntry, at?: Date): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, actor, action, outcome, record_type, record_id, case_ref, before, after, detail)
     VALUES (coalesce($1, now()), $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      at ?? null, e.actor, e.action, e.outcome ?? 'ok', e.recordType ?? null, e.recordId ?? null, e.caseRef ?? null,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.detail === undefined ? null : JSON.stringify(e.detail),
    ],
  );
}

export interface AuditRow {
  id: string; at: Date; actor: string; action: string; outcome: string;
  record_type: string | null; record_id: string | null; case_ref: string | null;
  before: unknown; after: unknown; detail: unknown;
}

export async function auditForCase(q: Queryable, caseRef: string): Promise<AuditRow[]> {
  const r = await q.query<AuditRow>('SELECT * FROM audit_log WHERE case_ref = $1 ORDER BY id', [caseRef]);
  return r.rows;
}

export async function auditByAction(q: Queryable, action: string): Promise<AuditRow[]> {
  const r = await q.query<AuditRow>('SELECT * FROM audit_log WHERE action = $1 ORDER BY id', [action]);
  return r.rows;
}
