// Owns the `plan-supervisions` task: at start and then daily, every
// practitioner of a hub whose service sets a supervision timescale, with none
// recorded yet, gets the first supervision reminder (src/app/supervision).
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { planFirstSupervisions } from '../app/supervision/supervision.js';

export const PLAN_SUPERVISIONS_TASK = 'plan-supervisions';
const PLAN_SUPERVISIONS_EVERY_MS = 24 * 60 * 60 * 1000;

export function supervisionTasks(deps: JobDeps): TaskList {
  return {
    [PLAN_SUPERVISIONS_TASK]: async () => {
      const planned = await planFirstSupervisions(deps);
      deps.log.info({ planned }, 'first supervisions planned');
      // Database time, not the app clock: a test's fixed clock must not make this run in a loop.
      await deps.db.query(
        `SELECT graphile_worker.add_job($1, '{}'::json, run_at := now() + make_interval(secs => $2::float8 / 1000), job_key := $1, job_key_mode := 'replace')`,
        [PLAN_SUPERVISIONS_TASK, PLAN_SUPERVISIONS_EVERY_MS]);
    },
  };
}
