// Owns stopping on SIGTERM/SIGINT without dropping work: readiness turns 503
// at once (the load balancer stops sending), requests are still served for a
// short delay, then the app stops (HTTP server first, so in-flight turns
// finish; then the job runner, whose running jobs finish), all within a
// bounded time. Past it the process exits anyway: what was cut off is safe
// to repeat (turns are resent by Teams, jobs are retried, at least once).
import type { Logger } from '../log/logger.js';

export interface Drainable {
  log: Logger;
  /** Readiness answers 503 from now on. */
  beginDrain(): void;
  stop(): Promise<void>;
}

export interface DrainOptions {
  /** Keep serving this long after readiness turns 503. */
  delayMs: number;
  /** Give up waiting for in-flight work after this long. */
  timeoutMs: number;
}

/** Resolves with the exit code: 0 when everything stopped in time, 1 otherwise. */
export async function drainAndStop(app: Drainable, o: DrainOptions, signal: string): Promise<number> {
  const started = Date.now();
  app.beginDrain();
  app.log.info({ signal, delayMs: o.delayMs, timeoutMs: o.timeoutMs }, 'draining: not ready any more, finishing in-flight work');
  if (o.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, o.delayMs));
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), o.timeoutMs); });
  const stopped = app.stop().then(() => 'stopped' as const, (err: unknown) => { app.log.error({ err }, 'error while stopping'); return 'failed' as const; });
  const result = await Promise.race([stopped, outOfTime]);
  clearTimeout(timer);
  if (result === 'timeout') {
    app.log.error({ timeoutMs: o.timeoutMs }, 'drain did not finish in time: exiting with work in flight (it will be retried)');
    return 1;
  }
  app.log.info({ ms: Date.now() - started }, 'stopped');
  return result === 'stopped' ? 0 : 1;
}
