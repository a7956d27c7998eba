// Owns the booking feature's jobs: after an agreed joint visit, ask the
// social worker to file the 0–19 request (src/app/booking/follow-up.ts).
import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { JobDeps } from './job-deps.js';
import { followUpVisit } from '../app/booking/follow-up.js';
import { FOLLOW_UP_TASK } from '../app/booking/reminders.js';

const Payload = z.object({ bookingId: z.string().uuid() });

export function bookingTasks(deps: JobDeps): TaskList {
  const followUp: Task = async (payload) => {
    const parsed = Payload.safeParse(payload);
    if (!parsed.success) {
      // A malformed payload will never succeed: log and drop rather than retry.
      deps.log.warn({ task: FOLLOW_UP_TASK }, 'booking follow-up job with a bad payload dropped');
      return;
    }
    const outcome = await followUpVisit(deps, parsed.data.bookingId);
    deps.log.debug({ task: FOLLOW_UP_TASK, bookingId: parsed.data.bookingId, outcome }, 'booking follow-up');
  };
  return { [FOLLOW_UP_TASK]: followUp };
}
