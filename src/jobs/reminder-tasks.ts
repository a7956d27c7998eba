// Owns the reminder and delivery tasks: `send-reminder` (a reminder's due
// time has come), `plan-digests` (each hub's next weekly digest, daily) and
// `flush-notifications` (deliver a recipient's outbox).
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { FLUSH_TASK } from '../store/outbox.js';
import { SEND_REMINDER_TASK } from '../store/reminders-store.js';
import { flushNotificationsTask } from './flush-notifications.js';
import { fireReminder, planDigests } from '../app/reminders/fire.js';
import { dailyPlanner } from './daily-planner.js';

export const PLAN_DIGESTS_TASK = 'plan-digests';

export function reminderTasks(deps: JobDeps): TaskList {
  return {
    [FLUSH_TASK]: flushNotificationsTask(deps),
    [SEND_REMINDER_TASK]: async (payload) => {
      const jobKey = (payload as { jobKey?: unknown } | null)?.jobKey;
      if (typeof jobKey !== 'string') throw new Error('send-reminder needs { jobKey }');
      const result = await fireReminder(deps, jobKey);
      deps.log.debug({ result }, 'reminder job ran');
    },
    [PLAN_DIGESTS_TASK]: dailyPlanner(deps, PLAN_DIGESTS_TASK, 'weekly digests', planDigests),
  };
}
