// Owns running each job under a correlation id: the one its payload carries
// (set by whoever scheduled it inside a turn or another job), else one naming
// the job, so every log line of a job can be found together.
import type { Task, TaskList } from 'graphile-worker';
import { withCorrelation } from '../log/request-context.js';

export function correlatedTasks(tasks: TaskList): TaskList {
  const wrap = (name: string, task: Task): Task => (payload, helpers) => {
    const carried = (payload as { correlationId?: unknown } | null)?.correlationId;
    return withCorrelation(typeof carried === 'string' ? carried : `job:${name}:${helpers.job.id}`, () => task(payload, helpers));
  };
  return Object.fromEntries(Object.entries(tasks).flatMap(([name, task]) => (task ? [[name, wrap(name, task)]] : [])));
}
