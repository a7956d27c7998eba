// The composition root: the only module that knows every part. It loads
// configuration, opens the database (embedded unless DATABASE_URL), applies
// migrations, loads the directory, starts the job runner and the HTTP server,
// and stops them in reverse order.
import { pathToFileURL } from 'node:url';
import type { DestinationStream } from 'pino';
import { loadConfig, loadDotEnv, ConfigError, type AppConfig } from './config/env.js';
import { loadDirectory } from './config/load-directory.js';
import { loadPolicy } from './config/load-policies.js';
import { assertConsistentConfiguration } from './config/consistency.js';
import { loadPhraseBook } from './config/load-phrases.js';
import { createUnderstander } from './teams/language-model/active-understander.js';
import { createLogger, type Logger } from './log/logger.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './store/embedded-postgres.js';
import { createPool, databaseAnswers, type Db, type PoolSettings } from './store/db.js';
import { watchHealth } from './server/health-watch.js';
import { tuneGarbageCollection } from './server/garbage-collection.js';
import { migrate, pendingMigrations } from './store/migrate.js';
import { linkRecordsToCases } from './app/cases/link-cases.js';
import { startJobRunner, type JobRunner } from './jobs/runner.js';
import { startHttpServer, type RunningServer } from './server/http-server.js';
import { createMetrics } from './server/metrics.js';
import { drainAndStop } from './server/drain.js';
import { correlatedTasks } from './jobs/correlated-tasks.js';
import { markTurnOutcome } from './log/request-context.js';
import { createAdapter } from './teams/adapter.js';
import { createBotApplication } from './teams/bot-app.js';
import { guardTurn } from './teams/turn-guard.js';
import { createTurnClaims } from './store/turn-claims.js';
import { FEATURES } from './teams/features.js';
import { TeamsProactiveSender } from './teams/proactive-sender.js';
import { buildTaskList } from './jobs/tasks.js';
import { canBookOsrNow } from './app/booking/osr-window.js';
import { CALENDAR_ROUTE, serveCalendar } from './app/booking/calendar-link.js';
import { requestExportRoutes } from './app/request/export-routes.js';
import type { LivenessOptions } from './jobs/worker-liveness.js';
import type { DeliveryPolicy } from './jobs/delivery-policy.js';
import { renderCardJson } from './teams/cards/render.js';
import { findPerson } from './domain/directory/lookup.js';
import { PLAN_DIGESTS_TASK } from './jobs/reminder-tasks.js';
import { MONTHLY_REPORTS_TASK } from './jobs/report-tasks.js';
import { PLAN_SUPERVISIONS_TASK } from './jobs/supervision-tasks.js';
import { firstPurgeAt, planRetentionPurge } from './jobs/retention-tasks.js';
import { privacyExportRoutes } from './app/privacy/export-routes.js';
import { reportExportRoutes } from './app/reports/export.js';
import { systemClock, type Clock } from './app/clock.js';
import type { Directory } from './domain/directory/schema.js';
import type { Policy } from './domain/policy/index.js';

export interface AppOverrides {
  clock?: Clock;
  logDestination?: DestinationStream;
  /** How often the job runner polls when idle; tests shorten it. */
  jobPollIntervalMs?: number;
  /** Heartbeat and dead-worker detection of the job runner; the crash test shortens it. */
  jobLiveness?: LivenessOptions;
  /** Delivery retry numbers; tests shorten them. */
  deliveryPolicy?: Partial<DeliveryPolicy>;
  /** Plan hub managers' weekly digests at start (default: on, except APP_ENV=test). */
  planDigests?: boolean;
  /** Plan first supervision reminders at start (default: on, except APP_ENV=test). */
  planSupervisions?: boolean;
  /** Plan the nightly retention purge at start (default: on, except APP_ENV=test). */
  planRetention?: boolean;
  /** Start the daily monthly-report-card task at start (default: on, except APP_ENV=test). */
  planMonthlyReports?: boolean;
}

export interface RunningApp {
  url: string;
  config: AppConfig;
  db: Db;
  directory: Directory;
  policy: Policy;
  clock: Clock;
  log: Logger;
  jobs: JobRunner;
  /** From now on /readyz answers 503 (SIGTERM: the load balancer stops sending), while requests are still served. */
  beginDrain(): void;
  stop(): Promise<void>;
}

export async function startApp(config: AppConfig, overrides: AppOverrides = {}): Promise<RunningApp> {
  const log = createLogger(config.LOG_LEVEL, overrides.logDestination);
  const clock = overrides.clock ?? systemClock;
  const stack: Array<() => Promise<void>> = [];
  let draining = false;
  const stopAll = async () => {
    for (const stop of stack.reverse()) await stop().catch((err) => log.warn({ err }, 'error during shutdown'));
    stack.length = 0;
  };

  try {
    const directory = loadDirectory(config.directoryFile);
    const policy = loadPolicy(config.POLICY_DIR);
    assertConsistentConfiguration(config, directory, policy);
    const understander = createUnderstander({ config, policy, book: loadPhraseBook(config.POLICY_DIR, policy), directory, log });

    let connectionString = config.DATABASE_URL;
    if (!connectionString) {
      const embedded: EmbeddedServer = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, log, { runtimeDir: config.EMBEDDED_PG_RUNTIME_DIR });
      stack.push(() => embedded.stop());
      await embedded.createDatabase('right_response');
      connectionString = embedded.url('right_response');
    }
    const db = createPool(connectionString, log, poolSettings(config));
    stack.push(() => db.end());
    const health = watchHealth(db, { eventLoopMaxDelayMs: config.HEALTH_EVENT_LOOP_MAX_DELAY_MS, poolStuckMs: config.HEALTH_POOL_STUCK_MS });
    stack.push(async () => health.stop());
    await migrate(db, log);
    await linkRecordsToCases(db, directory, log);
    const metrics = createMetrics({ db, log, token: config.METRICS_TOKEN, production: config.APP_ENV === 'production' });
    stack.push(async () => metrics.stop());

    const adapter = createAdapter(config, log);
    const sender = metrics.observeSends(new TeamsProactiveSender(adapter, db, config.MicrosoftAppId, (aad) => findPerson(directory, aad)?.hubId));
    const tasks = correlatedTasks(buildTaskList({ config, db, log, clock, directory, policy, sender, renderCard: renderCardJson, deliveryPolicy: overrides.deliveryPolicy }));
    const jobs = await startJobRunner(db, log, tasks, config.JOB_CONCURRENCY, overrides.jobPollIntervalMs, overrides.jobLiveness);
    metrics.observeJobs(jobs.events);
    stack.push(() => jobs.stop());
    // Plans each hub's next weekly digest now, then daily (it re-adds itself).
    // Off by default in tests, whose fixed clocks would otherwise send digests mid-test.
    if (overrides.planDigests ?? config.APP_ENV !== 'test') await jobs.add(PLAN_DIGESTS_TASK, {}, { jobKey: PLAN_DIGESTS_TASK });
    // The first supervision reminder of each practitioner whose service tracks supervision; then daily.
    if (overrides.planSupervisions ?? config.APP_ENV !== 'test') await jobs.add(PLAN_SUPERVISIONS_TASK, {}, { jobKey: PLAN_SUPERVISIONS_TASK });
    if (overrides.planRetention ?? config.APP_ENV !== 'test') await planRetentionPurge(db, firstPurgeAt({ clock, config }));
    // Last month's report card to each hub and DAT manager not yet sent it; then daily.
    if (overrides.planMonthlyReports ?? config.APP_ENV !== 'test') await jobs.add(MONTHLY_REPORTS_TASK, {}, { jobKey: MONTHLY_REPORTS_TASK });

    const osrWeekFor = (aad: string) => canBookOsrNow(db, directory, aad, clock.now());
    const deps = { config, db, directory, policy, clock, log, jobs, osrWeekFor, understander };
    const bot = createBotApplication(adapter, deps, FEATURES);
    const allowedTenants = new Set(config.ALLOWED_TENANT_IDS);
    const claims = createTurnClaims(db);

    const server: RunningServer = await startHttpServer({
      host: config.host,
      port: config.PORT,
      maxBodyBytes: config.MAX_BODY_BYTES,
      log,
      bot: {
        process: (req, res) => adapter.process(req, res, async (context) => {
          const guarded = await guardTurn(context, { db, claims, log, allowedTenants }, async () => { await bot.run(context); });
          if (guarded !== 'ran') markTurnOutcome(guarded);
        }),
      },
      metrics,
      getRoutes: [{ path: CALENDAR_ROUTE, handle: (params, query) => serveCalendar(deps, params.file ?? '', query) }, ...requestExportRoutes(deps), ...privacyExportRoutes(deps), ...reportExportRoutes(deps)],
      liveness: () => health.report(),
      readiness: async () => {
        const database = await databaseAnswers(db);
        const migrations = database && (await pendingMigrations(db)) === 0;
        const accepting = !draining;
        return { ready: database && migrations && jobs.started && accepting, checks: { database, migrations, jobRunner: jobs.started, accepting } };
      },
    });
    stack.push(() => server.close());

    // Compile the phrase book now in production, so the first message about a family is answered at full speed.
    if (config.APP_ENV === 'production') setImmediate(() => understander.warm());
    if (!config.authEnabled) {
      log.warn({ url: server.url }, 'AUTHENTICATION IS OFF: development mode, anonymous requests accepted, bound to localhost only');
    }
    log.info({ url: server.url, env: config.APP_ENV }, 'Right Response is listening');
    if (config.APP_ENV === 'production' && !config.METRICS_TOKEN) log.info('GET /metrics is off: set METRICS_TOKEN to let a Prometheus scraper in');
    return { url: server.url, config, db, directory, policy, clock, log, jobs, beginDrain: () => { draining = true; }, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function poolSettings(config: AppConfig): PoolSettings {
  return {
    max: config.DB_POOL_MAX,
    keepOpen: config.DB_POOL_KEEP_OPEN,
    idleCloseMs: config.DB_POOL_IDLE_CLOSE_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DB_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/** For command-line entry points: .env plus the environment, or every problem on stderr and exit 1. */
export function configFromEnvironmentOrExit(): AppConfig {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  tuneGarbageCollection();
  const config = configFromEnvironmentOrExit();
  const app = await startApp(config).catch((err: Error) => {
    process.stderr.write(`Right Response could not start: ${err.message}\n`);
    process.exit(1);
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void drainAndStop(app, { delayMs: config.SHUTDOWN_DELAY_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, signal).then((code) => process.exit(code));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
