// Owns the durable job queue: graphile-worker on the app's own PostgreSQL,
// started with the app. Tasks are registered by feature modules; scheduling
// goes through `JobQueue` so use cases never see graphile-worker directly.
import { run, makeWorkerUtils, type Runner, type TaskList, type WorkerUtils, type WorkerEvents, type Logger as GwLogger, Logger as GraphileLogger } from 'graphile-worker';
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import { createLiveness, DEFAULT_LIVENESS, type LivenessOptions } from './worker-liveness.js';
import { currentCorrelationId } from '../log/request-context.js';

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
  /** False once stopped, or if the runner ended on its own (readiness reports it). */
  readonly started: boolean;
  /** graphile-worker's job events (the metrics count failures). */
  readonly events: WorkerEvents;
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
  runner.promise.then(
    () => { if (started) log.error('job runner stopped by itself'); started = false; },
    (err: unknown) => { log.error({ err }, 'job runner failed'); started = false; },
  );
  return {
    get started() { return started; },
    events: runner.events,
    async add(task, payload, options = {}) {
      // The job runs under the correlation id of whoever scheduled it (request-context.ts).
      const correlationId = currentCorrelationId();
      await utils.addJob(task, correlationId ? { ...payload, correlationId } : payload, {
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
