// Owns the nightly retention purge job: `privacy-retention-purge` purges every
// record type past its period (src/app/privacy/retention.ts), then plans its
// next run for the policy's quiet hour. The policy file is read and validated
// when the task list is built, i.e. at start-up: a bad file stops the start.
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { loadRetentionPolicy } from '../config/load-retention.js';
import { runRetentionPurge } from '../app/privacy/retention.js';
import { nextPurgeAt, type RetentionPolicy } from '../domain/privacy/retention.js';
import type { Queryable } from '../store/db.js';
import { addJob } from '../store/job-queue.js';

export const RETENTION_TASK = 'privacy-retention-purge';
/** Never sooner than this after a run, whatever the injected clock says: a test's fixed clock must not loop it. */
const MIN_GAP_SECONDS = 3600;

export function retentionTasks(deps: JobDeps, policy: RetentionPolicy = loadRetentionPolicy(deps.config.RETENTION_FILE)): TaskList {
  return {
    [RETENTION_TASK]: async () => {
      await runRetentionPurge(deps, policy);
      await planRetentionPurge(deps.db, nextPurgeAt(deps.clock.now(), policy.purgeHour));
    },
  };
}

/** Plans (or re-plans) the one purge job; the job key keeps it single across restarts and instances. */
export async function planRetentionPurge(q: Queryable, runAt: Date): Promise<void> {
  await addJob(q, { task: RETENTION_TASK, jobKey: RETENTION_TASK, runAt, notSoonerThanSeconds: MIN_GAP_SECONDS, maxAttempts: 5 });
}

/** When the purge should first run after a start: the policy's next quiet hour. */
export function firstPurgeAt(deps: Pick<JobDeps, 'clock' | 'config'>): Date {
  const policy = loadRetentionPolicy(deps.config.RETENTION_FILE);
  return nextPurgeAt(deps.clock.now(), policy.purgeHour);
}
