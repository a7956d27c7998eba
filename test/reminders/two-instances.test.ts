// Issue 7: "two app instances running against the same database deliver each
// reminder exactly once in a test of at least 1,000 reminders".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { colleagues, reviewReminder, schedule, notificationIdOf, waitFor, countBy } from './support.js';
import { waitForQuiescence } from '../support/quiescence.js';

const PEOPLE = 20;
const EACH = 50; // 1,000 reminders

function deliveredBy(bot: TestBot): number {
  return bot.logs.lines.filter((l) => l.includes('"msg":"cards delivered"')).reduce((n, l) => n + (JSON.parse(l) as { delivered: number }).delivered, 0);
}

describe('two app instances on one database', () => {
  let a: TestBot;
  let b: TestBot;
  const people = colleagues(PEOPLE, 'two');
  beforeAll(async () => {
    a = await TestBot.start();
    b = await TestBot.start({ databaseUrl: urlOf(a) });
    // Half the people open the bot through each instance; all chats point at one connector.
    for (const [i, p] of people.entries()) await (i % 2 === 0 ? a : b).send(p, { text: 'hi', serviceUrl: a.connector.url });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('deliver each of 1,000 reminders exactly once', { timeout: 150_000 }, async () => {
    const due = Date.now() - 5_000;
    const planned = people.flatMap((p, pi) => Array.from({ length: EACH }, (_, i) => reviewReminder(p.aadObjectId, pi * 1000 + i, new Date(due + i))));
    // Scheduled from both instances, half each, and the same half again (a replace, not a duplicate).
    await schedule(a.db, planned.slice(0, planned.length / 2));
    await schedule(b.db, planned.slice(planned.length / 2));
    await schedule(b.db, planned.slice(0, 100));

    const total = PEOPLE * EACH;
    const ids = () => new Set(a.connector.delivered.map(notificationIdOf).filter(Boolean));
    await waitFor('every reminder delivered', () => (ids().size >= total ? true : undefined), 100_000, 250);
    // Nothing more to come: no card due or in flight and no job due or running, for several polls in a row.
    await waitForQuiescence(a.db);

    const perId = countBy(a.connector.delivered, notificationIdOf);
    const duplicates = [...perId.values()].filter((n) => n > 1).length;
    const [byA, byB] = [deliveredBy(a), deliveredBy(b)];
    console.log(`[two instances] ${total} reminders: ${perId.size} delivered, ${duplicates} duplicates; instance A sent ${byA}, instance B sent ${byB}`);
    expect(perId.size).toBe(total);
    expect(duplicates).toBe(0);
    expect(byA + byB).toBe(total);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    const rows = await a.db.query(`SELECT status, count(*)::int AS n FROM reminders GROUP BY status`);
    expect(rows.rows).toEqual([{ status: 'sent', n: total }]);
    const notifications = await a.db.query(`SELECT count(*)::int AS n FROM notifications`);
    expect(notifications.rows[0].n).toBe(total);
  });
});

function urlOf(bot: TestBot): string {
  return bot.app.config.DATABASE_URL!;
}
