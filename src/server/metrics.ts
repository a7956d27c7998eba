// Owns the Prometheus metrics (prom-client): what is counted, their names and
// labels, and who may read them. One registry per running app. Counters are
// this instance's own; the gauges read from the database (outbox, reminders)
// describe the whole deployment, so every instance reports the same value:
// aggregate them with max(), not sum().
import { operationalSnapshot, type OperationalSnapshot } from '../store/metrics-store.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WorkerEvents } from 'graphile-worker';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import type { ProactiveSender, SendOutcome } from '../app/proactive.js';
import { bookingRefusals, type BookingRefusal } from '../app/ops-events.js';
import { turnOutcome } from '../log/request-context.js';

// A scrape every few seconds from several collectors must not become a query each: one per window.
const DATABASE_GAUGE_CACHE_MS = 2_000;
// Labels come from request bodies: past this many distinct routes, the rest count as 'other'.
const MAX_ROUTES = 150;
const SAFE_ROUTE = /^[a-zA-Z][\w.:/-]{0,60}$/;

export interface Metrics {
  /** One answered POST /api/messages. */
  observeTurn(body: unknown, status: number, seconds: number): void;
  /** The sender with every outcome counted (429s are outcome="throttled"). */
  observeSends(sender: ProactiveSender): ProactiveSender;
  /** Counts job failures from the job runner's events. */
  observeJobs(events: WorkerEvents): void;
  /** GET /metrics: the exposition text, or a refusal. */
  scrape(authorization: string | undefined): Promise<{ status: number; contentType: string; body: string }>;
  stop(): void;
}

export interface MetricsOptions {
  db: Db;
  log: Logger;
  /** Bearer token a scraper must present; undefined: open (development) or off (production). */
  token?: string;
  production: boolean;
}

export function createMetrics(o: MetricsOptions): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'right-response' });
  collectDefaultMetrics({ register: registry, prefix: 'rr_' });

  const turns = new Counter({ name: 'rr_turns_total', help: 'Activities answered, by route (activity type and card verb) and outcome', labelNames: ['route', 'outcome'], registers: [registry] });
  const turnSeconds = new Histogram({
    name: 'rr_turn_duration_seconds', help: 'Time to answer an activity (Teams resends after about 15 s)', labelNames: ['route'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15], registers: [registry],
  });
  const sends = new Counter({ name: 'rr_proactive_sends_total', help: 'Cards sent outside a turn, by outcome (throttled = HTTP 429 from Teams)', labelNames: ['outcome'], registers: [registry] });
  const jobErrors = new Counter({ name: 'rr_job_failures_total', help: 'Job attempts that threw (they are retried)', labelNames: ['task'], registers: [registry] });
  const jobsFailed = new Counter({ name: 'rr_jobs_failed_permanently_total', help: 'Jobs that used up their attempts', labelNames: ['task'], registers: [registry] });
  const refusals = new Counter({ name: 'rr_booking_refusals_total', help: 'Booking changes refused, by reason code (HUB_FULL: the weekly cap)', labelNames: ['code'], registers: [registry] });
  const onRefusal = (message: unknown) => refusals.inc({ code: (message as BookingRefusal).code });
  bookingRefusals.subscribe(onRefusal);

  new Gauge({
    name: 'rr_db_pool_connections', help: 'Database pool connections by state (in_use, idle, waiting = callers queued for one)', labelNames: ['state'], registers: [registry],
    collect() {
      this.set({ state: 'in_use' }, o.db.totalCount - o.db.idleCount);
      this.set({ state: 'idle' }, o.db.idleCount);
      this.set({ state: 'waiting' }, o.db.waitingCount);
    },
  });

  const snapshot = cachedDatabaseSnapshot(o.db, o.log);
  const fromDatabase = (name: string, help: string, read: (s: DatabaseSnapshot) => number) => new Gauge({
    name, help, registers: [registry],
    async collect() { const s = await snapshot(); if (s) this.set(read(s)); },
  });
  fromDatabase('rr_outbox_pending', 'Cards in the outbox not yet delivered (including ones not due yet)', (s) => s.pending);
  fromDatabase('rr_outbox_due', 'Cards due for delivery now and not yet delivered', (s) => s.due);
  fromDatabase('rr_outbox_oldest_due_age_seconds', 'How long the oldest deliverable card has been waiting (0 when none)', (s) => s.oldestDueSeconds);
  fromDatabase('rr_outbox_dead_letters', 'Cards given up on after repeated failures (the "dead letters" list)', (s) => s.dead);
  fromDatabase('rr_reminders_overdue', 'Reminders past their due time that have not fired yet', (s) => s.remindersOverdue);
  fromDatabase('rr_reminder_lag_seconds', 'How late the most overdue reminder that has not fired yet is (0 when none)', (s) => s.reminderLagSeconds);

  const routes = new Set<string>();
  const routeLabel = (body: unknown, status: number) => {
    // Before authentication succeeds nothing in the body is trusted, not even as a label.
    if (status === 401 || status === 403) return 'rejected';
    const route = routeOf(body);
    if (!routes.has(route) && routes.size >= MAX_ROUTES) return 'other';
    routes.add(route);
    return route;
  };

  return {
    observeTurn(body, status, seconds) {
      const route = routeLabel(body, status);
      turns.inc({ route, outcome: turnOutcome() ?? outcomeOfStatus(status) });
      turnSeconds.observe({ route }, seconds);
    },
    observeSends(sender) {
      return {
        send: async (to, card, summary) => {
          const outcome = await sender.send(to, card, summary);
          sends.inc({ outcome: sendLabel(outcome) });
          return outcome;
        },
        update: (to, conversationId, activityId, card) => sender.update(to, conversationId, activityId, card),
      };
    },
    observeJobs(events) {
      events.on('job:error', ({ job }) => jobErrors.inc({ task: job.task_identifier }));
      events.on('job:failed', ({ job }) => jobsFailed.inc({ task: job.task_identifier }));
    },
    async scrape(authorization) {
      const allowed = o.token ? bearerMatches(authorization, o.token) : !o.production;
      if (!allowed) {
        // Off in production without a token; with one, a wrong or missing token learns nothing more.
        return o.token ? { status: 401, contentType: 'text/plain', body: 'Unauthorized\n' } : { status: 404, contentType: 'text/plain', body: 'Not found\n' };
      }
      return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
    },
    stop() {
      bookingRefusals.unsubscribe(onRefusal);
      registry.clear();
    },
  };
}

/** 'message', 'verb:booking.submit', 'invoke:adaptiveCard/action:verb:…': never text a person typed. */
export function routeOf(body: unknown): string {
  const a = (body ?? {}) as { type?: unknown; name?: unknown; value?: { verb?: unknown; action?: { verb?: unknown } } };
  const type = typeof a.type === 'string' && SAFE_ROUTE.test(a.type) ? a.type : 'unknown';
  const verb = a.value?.verb ?? a.value?.action?.verb;
  const safeVerb = typeof verb === 'string' && SAFE_ROUTE.test(verb) ? verb : undefined;
  if (type === 'invoke') {
    const name = typeof a.name === 'string' && SAFE_ROUTE.test(a.name) ? a.name : 'unknown';
    return safeVerb ? `invoke:${name}:${safeVerb}` : `invoke:${name}`;
  }
  return safeVerb ? `${type}:${safeVerb}` : type;
}

function outcomeOfStatus(status: number): string {
  if (status < 300) return 'ok';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status < 500) return 'bad-request';
  return 'error';
}

function sendLabel(outcome: SendOutcome): string {
  return outcome.ok ? 'sent' : outcome.kind;
}

function bearerMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  // Compared as digests: equal length, constant time, whatever was sent.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

type DatabaseSnapshot = OperationalSnapshot;

function cachedDatabaseSnapshot(db: Db, log: Logger): () => Promise<DatabaseSnapshot | undefined> {
  let cached: { at: number; value: Promise<DatabaseSnapshot | undefined> } | undefined;
  return () => {
    if (cached && Date.now() - cached.at < DATABASE_GAUGE_CACHE_MS) return cached.value;
    const value = operationalSnapshot(db).catch((err: unknown) => {
      // A scrape while the database is away reports the other metrics, not an error page.
      log.warn({ err }, 'metrics: database gauges unavailable');
      return undefined;
    });
    cached = { at: Date.now(), value };
    return value;
  };
}

