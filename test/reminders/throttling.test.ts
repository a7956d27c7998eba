// Issue 7: "the fake connector answers 429 to half the sends for a period":
// every reminder is delivered afterwards, in order per person, and nobody
// throttled is sent anything before their Retry-After has passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { colleagues, reviewReminder, schedule, notificationIdOf, caseRefOf, waitFor, countBy } from './support.js';

const PEOPLE = 6;
const EACH = 10;
const THROTTLE_FOR_MS = 4_000;

describe('429 Too Many Requests from Teams', () => {
  let bot: TestBot;
  const people = colleagues(PEOPLE, 'th');
  beforeAll(async () => {
    bot = await TestBot.start();
    for (const p of people) await bot.say(p, 'hi');
  });
  afterAll(async () => bot?.stop());

  it('delivers every reminder afterwards, in order per person, never before Retry-After', async () => {
    // The period starts with the first send, however long scheduling took on a busy machine.
    let throttleUntil = Number.POSITIVE_INFINITY;
    let sends = 0;
    const refusals: { conversationId: string; at: number; retryAfterMs: number }[] = [];
    bot.connector.faultFor = (call) => {
      if (call.method !== 'POST' || !call.path.includes('/activities') || Date.now() > throttleUntil) return undefined;
      if (sends === 0) throttleUntil = Date.now() + THROTTLE_FOR_MS;
      sends += 1;
      if (sends % 2 === 0) return undefined;
      // Every other send is refused, with Retry-After alternating between 1 and 2 seconds.
      const retryAfterSeconds = sends % 4 === 1 ? 1 : 2;
      refusals.push({ conversationId: call.conversationId!, at: Date.now(), retryAfterMs: retryAfterSeconds * 1000 });
      return { status: 429, retryAfterSeconds };
    };

    // Each person's reminders are due one millisecond apart, so their order is known.
    const base = Date.now() - 60_000;
    const planned = people.flatMap((p, pi) => Array.from({ length: EACH }, (_, i) => reviewReminder(p.aadObjectId, pi * 100 + i, new Date(base + i))));
    await schedule(bot.db, planned);

    const total = PEOPLE * EACH;
    await waitFor('every reminder delivered', () => new Set(bot.connector.delivered.map(notificationIdOf)).size >= total ? true : undefined, 90_000);

    const throttled = bot.connector.calls.filter((c) => c.status === 429);
    const delivered = bot.connector.delivered.filter((c) => notificationIdOf(c) !== undefined);
    const perId = countBy(delivered, notificationIdOf);
    const duplicates = [...perId.values()].filter((n) => n > 1).length;
    console.log(`[429 test] ${total} reminders, ${sends} sends while throttling, ${throttled.length} answered 429, ${delivered.length} delivered, ${duplicates} duplicates`);

    expect(throttled.length).toBeGreaterThan(0);
    expect(perId.size).toBe(total);
    expect(duplicates).toBe(0);

    for (const [pi, p] of people.entries()) {
      const conversation = `a:personal-${p.aadObjectId}`;
      const mine = delivered.filter((c) => c.conversationId === conversation);
      // In order: the case references in due order.
      expect(mine.map(caseRefOf)).toEqual(Array.from({ length: EACH }, (_, i) => `EHM-${100000 + pi * 100 + i}`));
      // Never early: after a 429 with Retry-After r, the next call to that chat comes r or more later.
      // Both times are the connector's own (when it answered), so they compare like for like.
      const calls = bot.connector.calls.filter((c) => c.conversationId === conversation && c.method === 'POST');
      const mineRefused = refusals.filter((r) => r.conversationId === conversation);
      let refusedSeen = 0;
      calls.forEach((call, i) => {
        if (call.status !== 429) return;
        const retryAfterMs = mineRefused[refusedSeen++]!.retryAfterMs;
        const next = calls[i + 1];
        expect(next, 'a send after the 429').toBeDefined();
        expect(next!.at - call.at).toBeGreaterThanOrEqual(retryAfterMs);
      });
      expect(refusedSeen).toBe(mineRefused.length);
    }
  });
});
