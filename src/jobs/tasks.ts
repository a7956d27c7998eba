// Owns the job queue's task list: each feature contributes named tasks built
// from the app's collaborators.
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { bookingTasks } from './booking-tasks.js';
import { reminderTasks } from './reminder-tasks.js';
import { retentionTasks } from './retention-tasks.js';
import { supervisionTasks } from './supervision-tasks.js';
import { reportTasks } from './report-tasks.js';
import { recordCardTasks } from './record-card-tasks.js';

export function buildTaskList(deps: JobDeps): TaskList {
  return {
    ...bookingTasks(deps),
    ...reminderTasks(deps),
    ...retentionTasks(deps),
    ...supervisionTasks(deps),
    ...reportTasks(deps),
    ...recordCardTasks(deps),
  };
}
