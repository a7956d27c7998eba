// The values that follow a unit of work (correlation id, open transaction,
// proactive send, model call) share one AsyncLocalStorage. Each must still
// behave as if it had its own: seen through awaits and timers, nested runs
// shadowing only their own value, the others untouched.
import { describe, expect, it } from 'vitest';
import { currentCorrelationId, markTurnOutcome, scopedValue, turnOutcome, withCorrelation } from '../../src/log/request-context.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('scoped values', () => {
  it('follows awaits and timers, and is gone outside its run', async () => {
    const flag = scopedValue<string>('flag');
    const seen = await flag.run('on', async () => {
      await tick();
      return new Promise<string | undefined>((resolve) => setTimeout(() => resolve(flag.get()), 1));
    });
    expect(seen).toBe('on');
    expect(flag.get()).toBeUndefined();
  });

  it('keeps each value to itself: an inner run of one leaves the others as they were', async () => {
    const a = scopedValue<number>('a');
    const b = scopedValue<number>('b');
    await withCorrelation('turn-1', async () => {
      await a.run(1, async () => {
        await b.run(2, async () => {
          await tick();
          expect([a.get(), b.get(), currentCorrelationId()]).toEqual([1, 2, 'turn-1']);
          await a.run(3, async () => {
            await tick();
            expect([a.get(), b.get()]).toEqual([3, 2]);
          });
          expect([a.get(), b.get()]).toEqual([1, 2]);
        });
        expect([a.get(), b.get()]).toEqual([1, undefined]);
      });
      expect(currentCorrelationId()).toBe('turn-1');
    });
  });

  it('keeps two units of work apart when they interleave', async () => {
    const who = scopedValue<string>('who');
    const run = (name: string) => who.run(name, async () => {
      const seen: (string | undefined)[] = [];
      for (let i = 0; i < 5; i++) {
        await tick();
        seen.push(who.get());
      }
      return seen;
    });
    const [x, y] = await Promise.all([run('x'), run('y')]);
    expect(x).toEqual(Array(5).fill('x'));
    expect(y).toEqual(Array(5).fill('y'));
  });

  it('lets a turn record how it ended from deep inside another scoped value', async () => {
    const inner = scopedValue<boolean>('inner');
    const outcome = await withCorrelation('turn-2', async () => {
      await inner.run(true, async () => {
        await tick();
        markTurnOutcome('duplicate');
      });
      return turnOutcome();
    });
    expect(outcome).toBe('duplicate');
  });
});
