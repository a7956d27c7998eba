// Owns the context that follows one unit of work (a turn, a GET, a job)
// through every await: its correlation id, which every log line written
// inside it carries (logger.ts reads it), which outbox rows and job payloads
// written inside it keep, and, for a turn, how it ended, for the metrics.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** How a turn ended when its HTTP status alone cannot tell (the bot answers 200 in each case). */
export type TurnOutcome = 'refused-tenant' | 'refused-identity' | 'duplicate' | 'failed';

interface RequestContext { correlationId: string; outcome?: TurnOutcome }

const storage = new AsyncLocalStorage<RequestContext>();

// Accepted from outside (a proxy's X-Request-Id, a job payload) only in this shape: it goes into logs and labels.
const SAFE_ID = /^[\w.:-]{1,100}$/;

export function newCorrelationId(): string {
  return randomUUID();
}

/** Runs `work` with this correlation id (a fresh one when the given one is missing or not safe to log). */
export function withCorrelation<T>(id: string | null | undefined, work: () => T): T {
  return storage.run({ correlationId: id && SAFE_ID.test(id) ? id : newCorrelationId() }, work);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function markTurnOutcome(outcome: TurnOutcome): void {
  const context = storage.getStore();
  if (context) context.outcome = outcome;
}

export function turnOutcome(): TurnOutcome | undefined {
  return storage.getStore()?.outcome;
}
