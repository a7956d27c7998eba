// The idle collector (src/server/idle-collection.ts): the young generation is
// collected once no turn has been in flight for a moment, never during a turn.
// Whether that shortens the slowest turns is measured by `npm run bench` and
// bench/gc-tail.ts, not asserted here.
import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdleCollector, type IdleCollector } from '../../src/server/idle-collection.js';
import { startHttpServer, type RunningServer } from '../../src/server/http-server.js';
import { createLogger } from '../../src/log/logger.js';

const QUIET_MS = 20;

function collectorWithCounter(fullness = 0.5): { collector: IdleCollector; collected: () => number } {
  let n = 0;
  const collector = createIdleCollector({ quietMs: QUIET_MS, minFullness: 0.25 }, () => { n += 1; }, () => fullness);
  return { collector, collected: () => n };
}

describe('idle collection: when', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('collects once the server has been quiet for a moment after a turn, and only once', () => {
    vi.useFakeTimers();
    const { collector, collected } = collectorWithCounter();
    collector.turnStarted();
    collector.turnEnded();
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(collected()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collected()).toBe(1);
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect({ collected: collected(), counted: collector.collections }).toEqual({ collected: 1, counted: 1 });
  });

  it('never collects while a turn is in flight: overlapping turns, and a turn arriving during the quiet wait', () => {
    vi.useFakeTimers();
    const { collector, collected } = collectorWithCounter();
    collector.turnStarted();
    collector.turnStarted();
    collector.turnEnded();
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(collected()).toBe(0);
    collector.turnEnded();
    vi.advanceTimersByTime(QUIET_MS / 2);
    collector.turnStarted();
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(collected()).toBe(0);
    collector.turnEnded();
    vi.advanceTimersByTime(QUIET_MS);
    expect(collected()).toBe(1);
  });

  it('leaves a young generation that is still mostly empty alone', () => {
    vi.useFakeTimers();
    const { collector, collected } = collectorWithCounter(0.1);
    collector.turnStarted();
    collector.turnEnded();
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(collected()).toBe(0);
  });

  it('stops: no collection after stop, even one already waiting', () => {
    vi.useFakeTimers();
    const { collector, collected } = collectorWithCounter();
    collector.turnStarted();
    collector.turnEnded();
    collector.stop();
    collector.turnStarted();
    collector.turnEnded();
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(collected()).toBe(0);
  });
});

describe('idle collection: with V8', () => {
  const youngUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;

  it('empties the young generation of garbage without exposing gc() on the global object', async () => {
    const collector = createIdleCollector({ quietMs: 1, minFullness: 0 });
    let garbage: object[] | undefined = Array.from({ length: 50_000 }, (_, i) => ({ i }));
    expect(garbage.length).toBe(50_000);
    garbage = undefined;
    const before = youngUsed();
    collector.turnStarted();
    collector.turnEnded();
    await vi.waitFor(() => expect(collector.collections).toBe(1), { timeout: 5_000, interval: 5 });
    expect(youngUsed()).toBeLessThan(before / 2);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    collector.stop();
  });
});

describe('idle collection: the HTTP server reports each turn', () => {
  let server: RunningServer | undefined;
  afterEach(async () => { await server?.close(); server = undefined; });

  it('starts and ends a turn for every activity it hands to the bot, a failed one included; a refused request is no turn', async () => {
    const events: string[] = [];
    let fail = false;
    server = await startHttpServer({
      host: '127.0.0.1', port: 0, maxBodyBytes: 10_000, log: createLogger('silent'),
      readiness: async () => ({ ready: true, checks: {} }),
      bot: {
        process: async (_req, res) => {
          events.push('bot');
          if (fail) throw new Error('turn failed');
          res.send(200, {});
        },
      },
      turns: { turnStarted: () => events.push('started'), turnEnded: () => events.push('ended') },
    });
    const post = (body: unknown, type = 'application/json') => fetch(`${server!.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
    const activity = { type: 'message', id: 'a1', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:x', aadObjectId: '00000000-0000-4000-8000-000000000001' }, recipient: { id: '28:bot' }, conversation: { id: 'a:1' }, text: 'hi' };
    expect((await post(activity)).status).toBe(200);
    fail = true;
    expect((await post(activity)).status).toBe(500);
    expect((await post({ not: 'an activity' })).status).toBe(400);
    expect((await post(activity, 'text/plain')).status).toBe(415);
    expect(events).toEqual(['started', 'bot', 'ended', 'started', 'bot', 'ended']);
  });
});
