// Owns the durable job queue: graphile-worker on the app's own PostgreSQL,
// started with the app. Tasks are registered by feature modules; scheduling
// goes through `JobQueue` so use cases never see graphile-worker directly.
import { run, makeWorkerUtils, type Runner, type TaskList, type WorkerUtils, type WorkerEvents, type Logger as GwLogger, Logger as GraphileLogger } from 'graphile-worker';
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import { createLiveness, DEFAULT_LIVENESS, type LivenessOptions } from './worker-liveness.js';
import { checkJobQueueShape, removeJobs } from '../store/job-queue.js';
import { withJobQueueInstallLock } from '../store/migrate.js';
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

// After a fatal error of the runner (not a lost connection: graphile-worker
// reconnects its LISTEN connection and its pollers by itself), it is started
// again after this long, doubling up to the maximum.
const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 60_000;

export async function startJobRunner(db: Db, log: Logger, taskList: TaskList, concurrency: number, pollInterval = 1000, liveness: LivenessOptions = DEFAULT_LIVENESS): Promise<JobRunner> {
  const logger = graphileLogger(log);
  // makeWorkerUtils installs or upgrades graphile-worker's schema as it starts.
  const utils: WorkerUtils = await withJobQueueInstallLock(db, () => makeWorkerUtils({ pgPool: db, logger }));
  await checkJobQueueShape(db);
  const heartbeat = createLiveness(db, log, liveness);
  // Ready means: running, and listening for new jobs (false while the database is away).
  let listening = false;
  heartbeat.events.on('pool:listen:success', () => { listening = true; });
  heartbeat.events.on('pool:listen:error', () => { listening = false; });
  heartbeat.events.on('pool:listen:release', () => { listening = false; });

  let stopping = false;
  let runner: Runner | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  const launch = async (delayMs: number): Promise<void> => {
    try {
      runner = await run({ pgPool: db, taskList, concurrency, pollInterval, noHandleSignals: true, logger, events: heartbeat.events });
    } catch (err) {
      if (stopping) return;
      log.error({ err, retryInMs: delayMs }, 'job runner could not start; trying again');
      restartTimer = setTimeout(() => void launch(Math.min(delayMs * 2, RESTART_MAX_MS)), delayMs);
      return;
    }
    const current = runner;
    // A runner that ends on its own (a fatal error) is started again; one we stopped is not.
    current.promise.then(() => undefined, (err: unknown) => err).then((err) => {
      if (stopping || runner !== current) return;
      runner = undefined;
      log.error({ err }, 'job runner stopped unexpectedly; starting it again');
      restartTimer = setTimeout(() => void launch(RESTART_FIRST_MS), RESTART_FIRST_MS);
    });
  };
  const firstListen = new Promise<void>((resolve) => heartbeat.events.once('pool:listen:success', () => resolve()));
  await launch(RESTART_FIRST_MS);
  if (!runner) throw new Error('The job runner could not start.');
  // Ready once it listens for new jobs (run() resolves before its LISTEN connection is up).
  await Promise.race([firstListen, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  heartbeat.start(utils);
  return {
    get started() { return !stopping && runner !== undefined && listening; },
    // The same emitter across restarts of the runner (the metrics listen to it).
    events: heartbeat.events,
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
      await removeJobs(db, [jobKey]);
    },
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      await runner?.stop();
      await heartbeat.stop();
      await utils.release();
    },
  };
}
