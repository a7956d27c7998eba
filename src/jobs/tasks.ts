// Owns the job queue's task list: each feature contributes named tasks built
// from the app's collaborators.
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';

export function buildTaskList(_deps: JobDeps): TaskList {
  return {};
}
