// Owns the SQL for threshold checks: drafts, finished checks and overrides.
import { isDatabaseUnavailable, type Db, type Queryable } from './db.js';
import { AUDIT_ARRAY_TYPES, AUDIT_COLUMNS, auditArrays, writeAudited, type AuditEntry } from './audit-store.js';
import { createBatcher } from './statement-batcher.js';
import type { CheckAnswers, CheckStep } from '../domain/check-flow/answers.js';
import type { CheckResult } from '../domain/threshold/index.js';

export interface CheckRow {
  id: string;
  owner_aad: string;
  status: 'in-progress' | 'completed' | 'cancelled';
  step: CheckStep;
  version: number;
  last_submit: string | null;
  answers: CheckAnswers;
  result: CheckResult | null;
  level: number | null;
  override_level: number | null;
  override_reason: string | null;
  case_ref: string | null;
  area: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  /** The case it belongs to (migration 040), once it has a reference and an area. */
  case_id?: string | null;
}

export interface NewCheck { id: string; owner: string; step: CheckStep; answers: CheckAnswers; now: Date }

/**
 * Creates the check with its audit row (one statement); undefined when a
 * check with this id already exists (the same safety card pressed twice),
 * and then no audit row is written.
 */
export async function insertCheck(q: Queryable, c: NewCheck, audit: AuditEntry): Promise<CheckRow | undefined> {
  const rows = await writeAudited<CheckRow>(q, {
    sql: `INSERT INTO checks (id, owner_aad, status, step, answers, area, created_at, updated_at) VALUES ($1, $2, 'in-progress', $3, $4, $5, $6, $6)
          ON CONFLICT (id) DO NOTHING RETURNING *`,
    params: [c.id, c.owner, c.step, JSON.stringify(c.answers), c.answers.area, c.now],
  }, audit, c.now);
  return rows[0];
}

// The checks started while earlier starts are at the database, as one
// statement: the rows in id order (two batches never deadlock), the first of
// two starts of one check wins (the later one gets no row, as it would alone),
// and each written check gets its own audit row.
const START_CHECKS = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::timestamptz[],
      ${AUDIT_ARRAY_TYPES.map((t, i) => `$${i + 7}::${t}[]`).join(', ')})
      WITH ORDINALITY AS t(id, owner_aad, step, answers, area, now, a_at, a_actor, a_action, a_outcome, a_record_type, a_record_id, a_case_ref, a_before, a_after, a_detail, n)),
  first AS (SELECT DISTINCT ON (id) * FROM input ORDER BY id, n),
  written AS (
    INSERT INTO checks (id, owner_aad, status, step, answers, area, created_at, updated_at)
    SELECT id, owner_aad, 'in-progress', step, answers, area, now, now FROM first ORDER BY id
    ON CONFLICT (id) DO NOTHING RETURNING *),
  audited AS (
    INSERT INTO audit_log ${AUDIT_COLUMNS}
    SELECT coalesce(f.a_at, now()), f.a_actor, f.a_action, f.a_outcome, f.a_record_type, f.a_record_id, f.a_case_ref, f.a_before, f.a_after, f.a_detail
    FROM written w JOIN first f ON f.id = w.id ORDER BY f.n)
  SELECT f.n::int AS batch_place, w.* FROM written w JOIN first f ON f.id = w.id`;

type CheckStart = { check: NewCheck; audit: AuditEntry };
// One batcher per pool, kept here rather than passed in: every turn's
// CheckFlow is made afresh from the app's dependencies, and the batching only
// works when all of them share it.
const startersByPool = new WeakMap<Db, (s: CheckStart) => Promise<CheckRow | undefined>>();

/**
 * Creates the check with its audit row, as insertCheck, batched with the
 * starts that arrive while others are at the database (statement-batcher.ts):
 * a burst of people starting checks costs a few commits, not one each. On the
 * pool only, never inside a transaction.
 */
export function startCheck(db: Db, c: NewCheck, audit: AuditEntry): Promise<CheckRow | undefined> {
  let start = startersByPool.get(db);
  if (!start) {
    start = createBatcher<CheckStart, CheckRow | undefined>(async (batch) => {
      const r = await db.query<CheckRow & { batch_place: number }>({ name: 'start-checks', text: START_CHECKS }, [
        batch.map((s) => s.check.id), batch.map((s) => s.check.owner), batch.map((s) => s.check.step),
        batch.map((s) => JSON.stringify(s.check.answers)), batch.map((s) => s.check.answers.area ?? null), batch.map((s) => s.check.now),
        ...auditArrays(batch.map((s) => ({ e: s.audit, at: s.check.now }))),
      ]);
      const byPlace = new Map(r.rows.map(({ batch_place, ...row }) => [batch_place, row as CheckRow]));
      return batch.map((_s, i) => byPlace.get(i + 1));
    }, { sendOne: (s) => insertCheck(db, s.check, s.audit), retryAlone: (err) => !isDatabaseUnavailable(err) });
    startersByPool.set(db, start);
  }
  return start({ check: c, audit });
}

export async function getCheck(q: Queryable, id: string, forUpdate = false): Promise<CheckRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await q.query<CheckRow>(`SELECT * FROM checks WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0];
}

export async function saveProgress(q: Queryable, id: string, p: { step: CheckStep; answers: CheckAnswers; lastSubmit: string | null; now: Date }): Promise<number> {
  const r = await q.query<{ version: number }>(
    `UPDATE checks SET step = $2, answers = $3, last_submit = $4, version = version + 1, updated_at = $5, case_ref = $6, area = $7
     WHERE id = $1 RETURNING version`,
    [id, p.step, JSON.stringify(p.answers), p.lastSubmit, p.now, p.answers.caseRef ?? null, p.answers.area]);
  return r.rows[0]!.version;
}

/** Stores the result; an override made before the answers were edited no longer applies, so it is cleared. */
export async function completeCheck(q: Queryable, id: string, p: { answers: CheckAnswers; result: CheckResult; lastSubmit: string | null; now: Date }): Promise<number> {
  const r = await q.query<{ version: number }>(
    `UPDATE checks SET status = 'completed', step = 'result', answers = $2, result = $3, level = $4, last_submit = $5,
       version = version + 1, updated_at = $6, completed_at = $6, case_ref = $7, override_level = NULL, override_reason = NULL
     WHERE id = $1 RETURNING version`,
    [id, JSON.stringify(p.answers), JSON.stringify(p.result), p.result.level, p.lastSubmit, p.now, p.answers.caseRef ?? null]);
  return r.rows[0]!.version;
}

/** Cancelling keeps the row (for the audit trail) but not the family's answers. */
/** Re-opens a step of a check (finished or not); its answers are kept. */
export async function reopenCheck(q: Queryable, id: string, p: { step: CheckStep; lastSubmit: string; now: Date }): Promise<void> {
  await q.query(
    `UPDATE checks SET status = 'in-progress', step = $2, version = version + 1, last_submit = $3, updated_at = $4 WHERE id = $1`,
    [id, p.step, p.lastSubmit, p.now]);
}

export async function cancelCheck(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query(`UPDATE checks SET status = 'cancelled', answers = jsonb_build_object('area', answers->'area'), version = version + 1, updated_at = $2 WHERE id = $1`, [id, now]);
}

export async function overrideLevel(q: Queryable, id: string, level: number, reason: string, now: Date): Promise<number> {
  const r = await q.query<{ version: number }>(
    `UPDATE checks SET override_level = $2, override_reason = $3, version = version + 1, updated_at = $4 WHERE id = $1 RETURNING version`,
    [id, level, reason, now]);
  return r.rows[0]!.version;
}

export async function latestInProgress(q: Queryable, owner: string): Promise<CheckRow | undefined> {
  const r = await q.query<CheckRow>(`SELECT * FROM checks WHERE owner_aad = $1 AND status = 'in-progress' ORDER BY updated_at DESC LIMIT 1`, [owner]);
  return r.rows[0];
}

export async function listChecks(q: Queryable, owner: string, limit = 10): Promise<CheckRow[]> {
  const r = await q.query<CheckRow>(`SELECT * FROM checks WHERE owner_aad = $1 AND status <> 'cancelled' ORDER BY updated_at DESC LIMIT $2`, [owner, limit]);
  return r.rows;
}
