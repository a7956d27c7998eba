// Owns the batching of one kind of statement under load: while `maxInFlight`
// of its statements are at the database, the items that arrive wait and then
// go together as the next statement. Alone, an item goes at once (no added
// wait); under a burst, fifty items cost a few round trips and commits
// instead of fifty, and hold at most `maxInFlight` pooled connections.
//
// Every item keeps its own answer: `send` returns one result per item, in the
// batch's order. When a batch of several fails, each item is tried again on
// its own (`sendOne`), so a row that breaks a statement fails only its own
// turn; a database that is away fails each of them with its own error.

export interface BatcherLimits {
  /** More items than this wait for the next statement: keeps one statement's parameters small. */
  maxBatch: number;
  /** Statements at the database at once: two, so one slow statement does not hold up every caller. */
  maxInFlight: number;
}

export const DEFAULT_BATCH_LIMITS: BatcherLimits = { maxBatch: 200, maxInFlight: 2 };

interface Waiting<I, O> { item: I; resolve(out: O): void; reject(err: unknown): void }

export function createBatcher<I, O>(
  send: (batch: I[]) => Promise<O[]>,
  o: { limits?: BatcherLimits; sendOne?: (item: I) => Promise<O> } = {},
): (item: I) => Promise<O> {
  const { maxBatch, maxInFlight } = o.limits ?? DEFAULT_BATCH_LIMITS;
  const waiting: Waiting<I, O>[] = [];
  let inFlight = 0;

  const settle = async (batch: Waiting<I, O>[]): Promise<void> => {
    try {
      const results = await send(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1 || !o.sendOne) {
        for (const w of batch) w.reject(err);
        return;
      }
      const one = o.sendOne;
      await Promise.all(batch.map(async (w) => {
        try { w.resolve(await one(w.item)); } catch (e) { w.reject(e); }
      }));
    }
  };

  const lane = async (): Promise<void> => {
    inFlight += 1;
    while (waiting.length > 0) await settle(waiting.splice(0, maxBatch));
    inFlight -= 1;
  };

  return (item) => new Promise<O>((resolve, reject) => {
    waiting.push({ item, resolve, reject });
    if (inFlight < maxInFlight) void lane();
  });
}
