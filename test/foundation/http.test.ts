import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { socialWorker } from '../support/people.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

describe('HTTP surface', () => {
  it('reports liveness and readiness (database, migrations, job runner)', async () => {
    expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'ok', checks: { eventLoop: true, pool: true } });
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true, jobRunner: true, accepting: true } });
  });

  it('refuses bodies over the size limit with 413 and processes nothing', async () => {
    const count = async (table: string) => Number((await bot.db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    const before = { processed: await count('processed_activities'), refs: await count('conversation_refs'), audit: await count('audit_log') };
    const huge = bot.activityFor(socialWorker, { text: 'x'.repeat(300 * 1024) });
    const res = await bot.post(huge);
    expect(res.status).toBe(413);
    expect({ processed: await count('processed_activities'), refs: await count('conversation_refs'), audit: await count('audit_log') }).toEqual(before);
    expect(bot.logs.lines.filter((l) => l.includes('turn failed'))).toEqual([]);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
