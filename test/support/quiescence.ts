// "Nothing more happens": instead of sleeping for a fixed time and hoping any
// straggler has arrived, wait until the app is quiet (no card due and unsent,
// no send in flight, no job due or running) and stays quiet for a few polls
// in a row. The wait is bounded and fails loudly when the app never settles.
import type { Queryable } from '../../src/store/db.js';

export interface QuietOptions {
  /** Give up (and fail) after this long. */
  timeoutMs?: number;
  /** How many consecutive quiet polls count as settled. */
  quietPolls?: number;
  everyMs?: number;
}

interface Activity { due_cards: number; sending: number; jobs_due: number; jobs_running: number }

async function activity(db: Queryable): Promise<Activity> {
  const r = await db.query<Activity>(
    `SELECT
       (SELECT count(*) FROM notifications WHERE status = 'pending' AND sending_since IS NULL AND (not_before IS NULL OR not_before <= now()))::int AS due_cards,
       (SELECT count(*) FROM notifications WHERE status = 'pending' AND sending_since IS NOT NULL)::int AS sending,
       (SELECT count(*) FROM graphile_worker.jobs WHERE locked_at IS NULL AND run_at <= now() AND attempts < max_attempts)::int AS jobs_due,
       (SELECT count(*) FROM graphile_worker.jobs WHERE locked_at IS NOT NULL)::int AS jobs_running`);
  return r.rows[0]!;
}

const isQuiet = (a: Activity) => a.due_cards === 0 && a.sending === 0 && a.jobs_due === 0 && a.jobs_running === 0;

/** Resolves once the outbox and the job queue have been idle for `quietPolls` polls in a row. */
export async function waitForQuiescence(db: Queryable, o: QuietOptions = {}): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const quietPolls = o.quietPolls ?? 3;
  const everyMs = o.everyMs ?? 100;
  const start = Date.now();
  let quietInARow = 0;
  let last: Activity | undefined;
  for (;;) {
    last = await activity(db);
    quietInARow = isQuiet(last) ? quietInARow + 1 : 0;
    if (quietInARow >= quietPolls) return;
    if (Date.now() - start > timeoutMs) throw new Error(`the app did not settle within ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
