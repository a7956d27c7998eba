// Owns the job_worker_heartbeats table: each job runner's workers beat here,
// so survivors can tell a crashed instance's workers from live ones.
import type { Queryable } from './db.js';

export async function beat(q: Queryable, workerIds: readonly string[]): Promise<void> {
  await q.query(
    `INSERT INTO job_worker_heartbeats (worker_id, beat_at) SELECT unnest($1::text[]), now()
     ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`,
    [[...workerIds]]);
}

export async function forgetWorkers(q: Queryable, workerIds: readonly string[]): Promise<void> {
  await q.query('DELETE FROM job_worker_heartbeats WHERE worker_id = ANY($1::text[])', [[...workerIds]]);
}

/** Forget long-gone workers so the table stays small. */
export async function forgetWorkersSilentFor(q: Queryable, days: number): Promise<void> {
  await q.query('DELETE FROM job_worker_heartbeats WHERE beat_at < now() - make_interval(days => $1)', [days]);
}
