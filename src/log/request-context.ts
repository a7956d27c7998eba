// Owns the context that follows one unit of work (a turn, a GET, a job)
// through every await: its correlation id, which every log line written
// inside it carries (logger.ts reads it), which outbox rows and job payloads
// written inside it keep, and, for a turn, how it ended, for the metrics.
// Other modules keep their own values beside it (scopedValue below).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** How a turn ended when its HTTP status alone cannot tell (the bot answers 200 in each case). */
export type TurnOutcome = 'refused-tenant' | 'refused-identity' | 'duplicate' | 'failed';

interface RequestContext { correlationId: string; outcome?: TurnOutcome }

// One AsyncLocalStorage for every value that follows a unit of work. On Node
// 20 the first one in use puts a hook on every promise the app creates, and
// each one in use adds work to that hook (a property copied to every new
// promise, a few hundred a turn); one holding all the values adds it once.
// Each value lives under its own symbol, so a module sees only its own.
type ScopeValues = Readonly<Record<symbol, unknown>>;
const storage = new AsyncLocalStorage<ScopeValues>();

/** A value that follows one unit of work through every await, as an AsyncLocalStorage of its own would. */
export interface ScopedValue<T> {
  /** Runs `work` (and everything it awaits or starts) with this value; the other scoped values stay as they were. */
  run<R>(value: T, work: () => R): R;
  /** The value of the innermost `run` around the caller, if any. */
  get(): T | undefined;
}

export function scopedValue<T>(name: string): ScopedValue<T> {
  const key = Symbol(name);
  return {
    run: (value, work) => storage.run({ ...storage.getStore(), [key]: value }, work),
    get: () => storage.getStore()?.[key] as T | undefined,
  };
}

/**
 * Runs `work` outside every unit of work: what it starts carries no scoped
 * value. For work shared by many units (a batch of their statements), which
 * must not run as whichever of them happened to start it.
 */
export function outsideEveryScope<T>(work: () => T): T {
  return storage.exit(work);
}

const request = scopedValue<RequestContext>('request');

// Accepted from outside (a proxy's X-Request-Id, a job payload) only in this shape: it goes into logs and labels.
const SAFE_ID = /^[\w.:-]{1,100}$/;

export function newCorrelationId(): string {
  return randomUUID();
}

/** Runs `work` with this correlation id (a fresh one when the given one is missing or not safe to log). */
export function withCorrelation<T>(id: string | null | undefined, work: () => T): T {
  return request.run({ correlationId: id && SAFE_ID.test(id) ? id : newCorrelationId() }, work);
}

export function currentCorrelationId(): string | undefined {
  return request.get()?.correlationId;
}

export function markTurnOutcome(outcome: TurnOutcome): void {
  const context = request.get();
  if (context) context.outcome = outcome;
}

export function turnOutcome(): TurnOutcome | undefined {
  return request.get()?.outcome;
}
