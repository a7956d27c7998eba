// Owns every statement that touches graphile-worker's schema: placing and
// removing jobs (inside the caller's transaction, so a job commits with the
// change that caused it) and reading its private lock columns for the
// dead-worker sweep. The only module that names graphile_worker.*; the
// shapes it relies on are checked at start-up (checkJobQueueShape).
import type { Queryable } from './db.js';
import { checkVersions, LibraryShapeError } from '../config/library-versions.js';
import { currentCorrelationId } from '../log/request-context.js';

export interface JobSpec {
  task: string;
  payload?: Record<string, unknown>;
  /** Same key, same job: placing it again replaces it (never a duplicate). */
  jobKey?: string;
  /** When to run; default now. */
  runAt?: Date;
  /** Never sooner than this many seconds from now by the database's clock (a skewed or test app clock cannot make a job spin). */
  notSoonerThanSeconds?: number;
  /** Run at the earlier of `runAt` and the time already planned for this key: a wake never delays a planned run. */
  neverLater?: boolean;
  /** Default 25. */
  maxAttempts?: number;
  /** Jobs in one queue run one at a time, in order. */
  queueName?: string;
  /** Lower runs first among due jobs; default 0. */
  priority?: number;
}

const ADD_JOBS = `
  SELECT graphile_worker.add_job(t.task, t.payload::json, queue_name := t.queue, max_attempts := t.attempts, job_key := t.key, job_key_mode := 'replace',
           priority := t.priority,
           run_at := greatest(
             least(coalesce(t.run_at, now()),
                   CASE WHEN t.never_later THEN (SELECT min(j.run_at) FROM graphile_worker.jobs j WHERE j.key = t.key AND j.locked_at IS NULL) END),
             -- NULL (ignored by greatest) unless asked: past due times are kept as they are, they order a queue.
             now() + make_interval(secs => t.not_sooner)))
    FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::float8[], $6::bool[], $7::int[], $8::text[], $9::int[])
         WITH ORDINALITY AS t(task, payload, queue, run_at, not_sooner, never_later, attempts, key, priority, n)
   ORDER BY t.n`;

/**
 * Places jobs, in order (their order within a queue is the order they run in).
 * Each payload carries the correlation id of the turn or job placing it, so
 * the job's log lines can be followed back to their cause.
 */
export async function addJobs(q: Queryable, jobs: readonly JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const correlationId = currentCorrelationId();
  await q.query(ADD_JOBS, [
    jobs.map((j) => j.task),
    jobs.map((j) => JSON.stringify(correlationId ? { ...j.payload, correlationId } : (j.payload ?? {}))),
    jobs.map((j) => j.queueName ?? null),
    jobs.map((j) => j.runAt ?? null),
    jobs.map((j) => j.notSoonerThanSeconds ?? null),
    jobs.map((j) => j.neverLater ?? false),
    jobs.map((j) => j.maxAttempts ?? null),
    jobs.map((j) => j.jobKey ?? null),
    jobs.map((j) => j.priority ?? null),
  ]);
}

export async function addJob(q: Queryable, job: JobSpec): Promise<void> {
  await addJobs(q, [job]);
}

/** Removes planned jobs by key (a job already running finishes). */
export async function removeJobs(q: Queryable, jobKeys: readonly string[]): Promise<void> {
  if (jobKeys.length === 0) return;
  await q.query('SELECT graphile_worker.remove_job(k) FROM unnest($1::text[]) AS k', [jobKeys]);
}

/**
 * Workers other than `ours` that have held a job or queue lock for longer than
 * `staleAfterMs` and have not beaten in job_worker_heartbeats since: crashed.
 * Reads graphile-worker's private tables (0.16): it offers no public view of locks.
 */
export async function deadLockHolders(q: Queryable, staleAfterMs: number, ours: readonly string[]): Promise<string[]> {
  const stale = `${Math.round(staleAfterMs)} milliseconds`;
  const r = await q.query<{ worker: string }>(
    `WITH locks AS (
       SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
       UNION ALL
       SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL)
     SELECT DISTINCT locked_by AS worker FROM locks
      WHERE locked_at < now() - $1::interval
        AND locked_by <> ALL($2::text[])
        AND NOT EXISTS (SELECT 1 FROM job_worker_heartbeats h WHERE h.worker_id = locks.locked_by AND h.beat_at > now() - $1::interval)`,
    [stale, ours]);
  return r.rows.map((row) => row.worker);
}

/** The graphile-worker version the statements above were written against, and the private columns they read. */
const GRAPHILE_WORKER_VERSION = '0.16';
const PRIVATE_COLUMNS = [
  ['_private_jobs', 'locked_by'], ['_private_jobs', 'locked_at'],
  ['_private_job_queues', 'locked_by'], ['_private_job_queues', 'locked_at'],
  ['jobs', 'key'], ['jobs', 'run_at'], ['jobs', 'locked_at'],
] as const;

/** Throws LibraryShapeError when graphile-worker's version or schema is not what these statements rely on. */
export async function checkJobQueueShape(q: Queryable): Promise<void> {
  checkVersions({ 'graphile-worker': GRAPHILE_WORKER_VERSION });
  const r = await q.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'graphile_worker'`);
  const found = new Set(r.rows.map((c) => `${c.table_name}.${c.column_name}`));
  const missing = PRIVATE_COLUMNS.map(([t, c]) => `${t}.${c}`).filter((tc) => !found.has(tc));
  const fns = await q.query<{ n: number }>(
    `SELECT count(DISTINCT proname)::int AS n FROM pg_proc p JOIN pg_namespace ns ON ns.oid = p.pronamespace
      WHERE ns.nspname = 'graphile_worker' AND proname IN ('add_job', 'remove_job')`);
  if (missing.length > 0 || fns.rows[0]?.n !== 2) {
    throw new LibraryShapeError(`graphile-worker's schema is not what src/store/job-queue.ts relies on (missing: ${[...missing, ...(fns.rows[0]?.n === 2 ? [] : ['add_job/remove_job'])].join(', ')}).`);
  }
}
