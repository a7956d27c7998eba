// Owns the batching of one kind of statement under load: while `maxInFlight`
// of its statements are at the database, the items that arrive wait and then
// go together as the next statement. Alone, an item goes at once (no added
// wait); under a burst, fifty items cost a few round trips and commits
// instead of fifty, and hold at most `maxInFlight` pooled connections.
//
// Every item keeps its own answer: `send` returns one result per item, in the
// batch's order. When a batch of several fails because of one of its rows
// (`retryAlone`), its items are tried again one after another (`sendOne`), so
// that row fails only its own turn; a database that is away fails the whole
// batch at once, each caller with the same error, instead of being asked again.
//
// Batched statements go to the pool, never to a transaction's connection: an
// item offered inside a transaction is refused, as the pool itself refuses
// (db.ts). A batch runs outside every caller's scope: it is no one turn's work.
import { insideTransaction, PoolInsideTransactionError } from './db.js';
import { outsideEveryScope } from '../log/request-context.js';

export interface BatcherLimits {
  /** More items than this wait for the next statement: keeps one statement's parameters small. */
  maxBatch: number;
  /** Statements at the database at once: two, so one slow statement does not hold up every caller. */
  maxInFlight: number;
}

export const DEFAULT_BATCH_LIMITS: BatcherLimits = { maxBatch: 200, maxInFlight: 2 };

export interface BatcherOptions<I, O> {
  limits?: BatcherLimits;
  /** Sends one item alone, after a batch of several failed. Without it, every item of a failed batch fails. */
  sendOne?: (item: I) => Promise<O>;
  /** Whether a failed batch's items should be tried alone; by default, whenever `sendOne` is given. */
  retryAlone?: (err: unknown) => boolean;
}

interface Waiting<I, O> { item: I; resolve(out: O): void; reject(err: unknown): void }

export function createBatcher<I, O>(send: (batch: I[]) => Promise<O[]>, o: BatcherOptions<I, O> = {}): (item: I) => Promise<O> {
  const { maxBatch, maxInFlight } = o.limits ?? DEFAULT_BATCH_LIMITS;
  const waiting: Waiting<I, O>[] = [];
  let inFlight = 0;

  const settle = async (batch: Waiting<I, O>[]): Promise<void> => {
    try {
      const results = await send(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      const one = o.sendOne;
      if (batch.length === 1 || !one || !(o.retryAlone?.(err) ?? true)) {
        for (const w of batch) w.reject(err);
        return;
      }
      // One after another: the lane keeps its one connection.
      for (const w of batch) {
        try { w.resolve(await one(w.item)); } catch (e) { w.reject(e); }
      }
    }
  };

  const lane = async (): Promise<void> => {
    inFlight += 1;
    try {
      while (waiting.length > 0) await settle(waiting.splice(0, maxBatch));
    } finally {
      inFlight -= 1;
    }
  };

  return (item) => {
    if (insideTransaction()) return Promise.reject(new PoolInsideTransactionError());
    return new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (inFlight < maxInFlight) outsideEveryScope(() => void lane());
    });
  };
}
