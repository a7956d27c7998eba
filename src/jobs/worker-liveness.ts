// Owns recovery from a killed app instance. graphile-worker 0.16 leaves a
// dead worker's jobs (and its per-recipient queue) locked for four hours; a
// reminder must not wait that long after a crash. Each instance's workers
// beat in job_worker_heartbeats; every instance sweeps for locks held by a
// worker that has not beaten for `staleAfterMs` and force-unlocks them.
import { EventEmitter } from 'node:events';
import type { WorkerEvents, WorkerUtils } from 'graphile-worker';
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import { deadLockHolders } from '../store/job-queue.js';
import { beat as recordBeat, forgetWorkers, forgetWorkersSilentFor } from '../store/worker-heartbeats.js';

export interface LivenessOptions {
  /** How often this instance beats and sweeps. */
  intervalMs: number;
  /** A worker silent this long is dead. Must be well above intervalMs plus the longest event-loop stall. */
  staleAfterMs: number;
}

// Production: beat every 5 s, declare dead after 60 s of silence. A live
// instance would have to stall its event loop for a minute to be mistaken
// for dead; a crash delays its reminders by about a minute, not four hours.
export const DEFAULT_LIVENESS: LivenessOptions = { intervalMs: 5_000, staleAfterMs: 60_000 };

export interface Liveness {
  events: WorkerEvents;
  start(utils: WorkerUtils): void;
  stop(): Promise<void>;
  /** One sweep now; returns the dead worker ids it unlocked. */
  sweep(utils: WorkerUtils): Promise<string[]>;
}

export function createLiveness(db: Db, log: Logger, options: LivenessOptions = DEFAULT_LIVENESS): Liveness {
  const events = new EventEmitter() as unknown as WorkerEvents;
  const workerIds = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const beat = async () => {
    if (workerIds.size === 0) return;
    await recordBeat(db, [...workerIds]);
  };

  events.on('worker:create', ({ worker }) => {
    workerIds.add(worker.workerId);
    void beat().catch((err: unknown) => log.warn({ err }, 'job worker heartbeat failed'));
  });

  const sweep = async (utils: WorkerUtils): Promise<string[]> => {
    const dead = await deadLockHolders(db, options.staleAfterMs, [...workerIds]);
    if (dead.length > 0) {
      await utils.forceUnlockWorkers(dead);
      await forgetWorkers(db, dead);
      log.warn({ workers: dead.length }, 'released jobs locked by workers that stopped beating (crashed instance)');
    }
    await forgetWorkersSilentFor(db, 1);
    return dead;
  };

  return {
    events,
    sweep,
    start(utils) {
      const tick = () => {
        running = beat().then(() => sweep(utils)).catch((err: unknown) => log.warn({ err }, 'job liveness sweep failed'));
      };
      tick();
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
      if (workerIds.size > 0) {
        await forgetWorkers(db, [...workerIds]).catch(() => undefined);
      }
    },
  };
}
