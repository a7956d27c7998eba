// Owns the durable job queue: graphile-worker on the app's own PostgreSQL,
// started with the app. Tasks are registered by feature modules; scheduling
// goes through `JobQueue` so use cases never see graphile-worker directly.
import { run, makeWorkerUtils, type Runner, type TaskList, type WorkerUtils, type Logger as GwLogger, Logger as GraphileLogger } from 'graphile-worker';
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import { createLiveness, DEFAULT_LIVENESS, type LivenessOptions } from './worker-liveness.js';

export interface ScheduleOptions {
  runAt?: Date;
  /** Same key, same job: re-scheduling replaces instead of duplicating. */
  jobKey?: string;
  maxAttempts?: number;
  queueName?: string;
}

export interface JobQueue {
  add(task: string, payload: object, options?: ScheduleOptions): Promise<void>;
  cancel(jobKey: string): Promise<void>;
}

export interface JobRunner extends JobQueue {
  readonly started: boolean;
  stop(): Promise<void>;
}

function graphileLogger(log: Logger): GwLogger {
  return new GraphileLogger(() => (level, message, meta) => {
    const l = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    log[l]({ jobMeta: meta ? Object.keys(meta) : undefined }, `job queue: ${message}`);
  });
}

export async function startJobRunner(db: Db, log: Logger, taskList: TaskList, concurrency: number, pollInterval = 1000, liveness: LivenessOptions = DEFAULT_LIVENESS): Promise<JobRunner> {
  const logger = graphileLogger(log);
  const utils: WorkerUtils = await makeWorkerUtils({ pgPool: db, logger });
  await utils.migrate();
  const heartbeat = createLiveness(db, log, liveness);
  const runner: Runner = await run({ pgPool: db, taskList, concurrency, pollInterval, noHandleSignals: true, logger, events: heartbeat.events });
  heartbeat.start(utils);
  let started = true;
  return {
    get started() { return started; },
    async add(task, payload, options = {}) {
      await utils.addJob(task, payload, {
        runAt: options.runAt,
        jobKey: options.jobKey,
        jobKeyMode: options.jobKey ? 'replace' : undefined,
        maxAttempts: options.maxAttempts,
        queueName: options.queueName,
      });
    },
    async cancel(jobKey) {
      await db.query('SELECT graphile_worker.remove_job($1)', [jobKey]);
    },
    async stop() {
      started = false;
      await runner.stop();
      await heartbeat.stop();
      await utils.release();
    },
  };
}
