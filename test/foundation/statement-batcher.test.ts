// Issue 16 part 6: statements batched under load (the turn claims and the
// start of a check). Alone an item goes at once; what arrives while the
// lanes are busy goes together; every item keeps its own answer; a batch that
// fails is retried item by item, so one bad row fails only its own turn.
import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/store/statement-batcher.js';
import { currentCorrelationId, withCorrelation } from '../../src/log/request-context.js';

/** A send whose statements finish only when the test says so, recording each batch. */
function gatedSend() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const send = async (batch: number[]) => {
    batches.push(batch);
    await new Promise<void>((r) => gates.push(r));
    return batch.map((n) => n * 10);
  };
  const openNext = () => gates.shift()!();
  return { batches, send, openNext, pending: () => gates.length };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('statement batcher', () => {
  it('sends a lone item at once, on its own', async () => {
    const g = gatedSend();
    const run = createBatcher(g.send);
    const one = run(7);
    await tick();
    expect(g.batches).toEqual([[7]]);
    g.openNext();
    expect(await one).toBe(70);
  });

  it('keeps at most two statements in flight and sends what waited as one batch, each item its own answer', async () => {
    const g = gatedSend();
    const run = createBatcher(g.send);
    const answers = Promise.all(Array.from({ length: 12 }, (_, i) => run(i)));
    await tick();
    // Two lanes: the first two items went alone, the other ten wait.
    expect(g.batches).toEqual([[0], [1]]);
    g.openNext();
    await tick();
    expect(g.batches[2]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    while (g.pending() > 0) { g.openNext(); await tick(); }
    expect(await answers).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
  });

  it('splits a queue longer than the largest batch', async () => {
    const g = gatedSend();
    const run = createBatcher(g.send, { limits: { maxBatch: 3, maxInFlight: 1 } });
    const answers = Promise.all(Array.from({ length: 8 }, (_, i) => run(i)));
    await tick();
    while (g.pending() > 0) { g.openNext(); await tick(); }
    await answers;
    expect(g.batches).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const sent: number[][] = [];
    const send = async (batch: number[]) => {
      sent.push(batch);
      await tick();
      if (batch.includes(-1)) throw new Error('bad row');
      return batch.map((n) => n * 10);
    };
    let alone = 0;
    let mostAloneAtOnce = 0;
    const sendOne = async (n: number) => {
      alone += 1;
      mostAloneAtOnce = Math.max(mostAloneAtOnce, alone);
      await tick();
      alone -= 1;
      if (n < 0) throw new Error(`bad row ${n}`);
      return n * 100;
    };
    const run = createBatcher(send, { limits: { maxBatch: 200, maxInFlight: 1 }, sendOne });
    const results = await Promise.allSettled([run(1), run(2), run(-1), run(3)]);
    expect(sent).toEqual([[1], [2, -1, 3]]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'fulfilled', value: 200 },
      { status: 'rejected', reason: new Error('bad row -1') },
      { status: 'fulfilled', value: 300 },
    ]);
    // One after another: the lane holds one connection, as it did for the batch.
    expect(mostAloneAtOnce).toBe(1);
  });

  it('does not try a batch again item by item when the failure is not an item\'s (the database went away)', async () => {
    const send = async (batch: number[]) => { await tick(); if (batch.length > 1) throw new Error('database went away'); return batch; };
    const sentAlone: number[] = [];
    const sendOne = async (n: number) => { sentAlone.push(n); return n; };
    const run = createBatcher(send, { limits: { maxBatch: 200, maxInFlight: 1 }, sendOne, retryAlone: (err) => (err as Error).message !== 'database went away' });
    const results = await Promise.allSettled([run(1), run(2), run(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(sentAlone).toEqual([]);
  });

  it('sends a batch as no caller\'s work: it does not carry the correlation id of the turn that started it', async () => {
    const seen: (string | undefined)[] = [];
    const send = async (batch: number[]) => { await tick(); seen.push(currentCorrelationId()); return batch; };
    const run = createBatcher(send, { limits: { maxBatch: 200, maxInFlight: 1 } });
    const answers = await Promise.all([withCorrelation('turn-a', () => run(1)), withCorrelation('turn-b', () => run(2))]);
    expect(answers).toEqual([1, 2]);
    expect(seen).toEqual([undefined, undefined]);
    // Each caller goes on in its own context.
    expect(await withCorrelation('turn-c', async () => { await run(3); return currentCorrelationId(); })).toBe('turn-c');
  });

  it('without a one-by-one sender, fails every item of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const send = async (batch: number[]) => {
      calls += 1;
      await tick();
      if (calls === 2) throw new Error('database went away');
      return batch;
    };
    const run = createBatcher(send, { limits: { maxBatch: 200, maxInFlight: 1 } });
    const first = Promise.allSettled([run(1), run(2), run(3)]);
    expect((await first).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await run(4)).toBe(4);
  });
});
