// Owns what /healthz reports: whether this process can still do work, as
// opposed to /readyz (whether its dependencies are there). Two ways a Node
// process can be alive and useless: its event loop is stuck (a long
// synchronous task), or every request is waiting for a database connection
// and none is being handed out (a pool deadlock). Either makes /healthz fail,
// so an orchestrator restarts the process. A database that is down is not a
// liveness failure (a restart would not help): connections then fail fast.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EventEmitter } from 'node:events';

/** What the health watch needs of the database pool: its queue of waiters, and its 'acquire' event. */
export interface PoolGauge extends Pick<EventEmitter, 'on' | 'off'> {
  readonly waitingCount: number;
}

export interface HealthWatchOptions {
  /** The event loop is stuck when its worst delay in the last window exceeds this. */
  eventLoopMaxDelayMs: number;
  /** The pool is stuck when requests have waited this long with no connection handed out. */
  poolStuckMs: number;
  /** How often the figures are taken (tests shorten it). */
  sampleEveryMs?: number;
  now?: () => number;
}

export interface HealthReport {
  live: boolean;
  checks: { eventLoop: boolean; pool: boolean };
  eventLoopDelayMs: number;
  poolWaiting: number;
}

export interface HealthWatch {
  report(): HealthReport;
  stop(): void;
}

export function watchHealth(pool: PoolGauge, o: HealthWatchOptions): HealthWatch {
  const now = o.now ?? Date.now;
  const every = o.sampleEveryMs ?? 1_000;
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  let lastWindowMaxMs = 0;
  let lastAcquireAt = now();
  let waitingSince: number | undefined;

  const onAcquire = () => { lastAcquireAt = now(); };
  pool.on('acquire', onAcquire);

  const sample = () => {
    lastWindowMaxMs = histogram.max / 1e6;
    histogram.reset();
    if (pool.waitingCount === 0) waitingSince = undefined;
    else waitingSince ??= now();
  };
  const timer = setInterval(sample, every);
  timer.unref();

  return {
    report() {
      // The loop's delay so far in this window counts too: a loop that was stuck until just now shows it.
      const eventLoopDelayMs = Math.max(lastWindowMaxMs, histogram.max / 1e6);
      const eventLoop = eventLoopDelayMs <= o.eventLoopMaxDelayMs;
      const t = now();
      const stuckFor = waitingSince === undefined || pool.waitingCount === 0 ? 0 : t - Math.max(waitingSince, lastAcquireAt);
      const poolOk = stuckFor <= o.poolStuckMs;
      return { live: eventLoop && poolOk, checks: { eventLoop, pool: poolOk }, eventLoopDelayMs: Math.round(eventLoopDelayMs), poolWaiting: pool.waitingCount };
    },
    stop() {
      clearInterval(timer);
      histogram.disable();
      pool.off('acquire', onAcquire);
    },
  };
}
