// Owns the reminder and delivery tasks: `send-reminder` (a reminder's due
// time has come), `plan-digests` (each hub's next weekly digest, daily) and
// `flush-notifications` (deliver a recipient's outbox).
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { FLUSH_TASK } from '../store/outbox.js';
import { SEND_REMINDER_TASK } from '../store/reminders-store.js';
import { flushNotificationsTask } from './flush-notifications.js';
import { fireReminder, planDigests } from '../app/reminders/fire.js';
import { addJob } from '../store/job-queue.js';

export const PLAN_DIGESTS_TASK = 'plan-digests';
// A safety net, not the schedule: each digest plans the next one when it is sent.
const PLAN_DIGESTS_EVERY_MS = 24 * 60 * 60 * 1000;

export function reminderTasks(deps: JobDeps): TaskList {
  return {
    [FLUSH_TASK]: flushNotificationsTask(deps),
    [SEND_REMINDER_TASK]: async (payload) => {
      const jobKey = (payload as { jobKey?: unknown } | null)?.jobKey;
      if (typeof jobKey !== 'string') throw new Error('send-reminder needs { jobKey }');
      const result = await fireReminder(deps, jobKey);
      deps.log.debug({ result }, 'reminder job ran');
    },
    [PLAN_DIGESTS_TASK]: async () => {
      const planned = await planDigests(deps);
      deps.log.info({ planned }, 'weekly digests planned');
      // Database time, not the app clock: a test's fixed clock must not make this run in a loop.
      await addJob(deps.db, { task: PLAN_DIGESTS_TASK, jobKey: PLAN_DIGESTS_TASK, notSoonerThanSeconds: PLAN_DIGESTS_EVERY_MS / 1000 });
    },
  };
}
