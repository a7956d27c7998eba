// Owns the `plan-supervisions` task: at start and then daily, every
// practitioner of a hub whose service sets a supervision timescale, with none
// recorded yet, gets the first supervision reminder (src/app/supervision).
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { dailyPlanner } from './daily-planner.js';
import { planFirstSupervisions } from '../app/supervision/supervision.js';

export const PLAN_SUPERVISIONS_TASK = 'plan-supervisions';

export function supervisionTasks(deps: JobDeps): TaskList {
  return { [PLAN_SUPERVISIONS_TASK]: dailyPlanner(deps, PLAN_SUPERVISIONS_TASK, 'first supervisions', planFirstSupervisions) };
}
