// Owns the shape shared by the planning tasks (weekly digests, first
// supervisions): do the planning, log how many were planned, then add itself
// again for a day later. A safety net, not the schedule: each planned item
// also plans its successor when it fires.
import type { Task } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { addJob } from '../store/job-queue.js';

const EVERY_DAY_SECONDS = 24 * 60 * 60;

export function dailyPlanner(deps: JobDeps, task: string, what: string, plan: (deps: JobDeps) => Promise<number>): Task {
  return async () => {
    const planned = await plan(deps);
    deps.log.info({ planned, task }, `${what} planned`);
    // Database time, not the app clock: a test's fixed clock must not make this run in a loop.
    await addJob(deps.db, { task, jobKey: task, notSoonerThanSeconds: EVERY_DAY_SECONDS });
  };
}
