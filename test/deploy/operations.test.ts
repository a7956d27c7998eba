// Issue 18, operations: what /metrics reports after real turns, sends and
// jobs; who may read it; correlation ids from a turn to its outbox rows and
// the delivery job; readiness during a drain and after the job runner stops.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf } from '../support/harness.js';
import { DEMO_TENANT, datManager, hubManager, leadPractitioner, socialWorker } from '../support/people.js';
import { waitFor } from '../support/wait.js';
import { ManualClock } from '../../src/app/clock.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestDatabase } from '../support/database.js';
import { book, setDutyWeek, setHubWeek } from '../booking/helpers.js';

const MON_0900_GMT_8_MAR_2027 = new Date('2027-03-08T09:00:00Z'); // duty week 2027-W10, so OSR week 2027-W11
const TOKEN = 'metrics-token-for-tests-0123456789abcdef';

/** One sample's value from the exposition text, e.g. value(text, 'rr_turns_total', { route: 'message', outcome: 'ok' }). */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').pop());
  }
  return undefined;
}

describe('metrics, correlation ids and readiness', () => {
  const clock = new ManualClock(MON_0900_GMT_8_MAR_2027);
  let bot: TestBot;
  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
    const res = await fetch(`${bot.url}/metrics`, { headers });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => { bot = await TestBot.start({ clock, env: { METRICS_TOKEN: TOKEN, ALLOWED_TENANT_IDS: DEMO_TENANT } }); });
  afterAll(async () => { await bot?.stop(); });

  it('lets in only a scraper with the token', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await scrape()).status).toBe(200);
  });

  it('counts turns by route and outcome, with their latency, and never a typed word', async () => {
    await bot.say(socialWorker, 'hi');
    await bot.say(socialWorker, 'Jane Doe lives at 1 Synthetic Street');
    await bot.submit(socialWorker, { verb: 'no.such.verb' });
    const { text } = await scrape();
    expect(value(text, 'rr_turns_total', { route: 'message', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(value(text, 'rr_turns_total', { route: 'message:no.such.verb', outcome: 'ok' })).toBe(1);
    expect(value(text, 'rr_turn_duration_seconds_count', { route: 'message' })).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('Synthetic Street');
    expect(value(text, 'rr_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
    expect(value(text, 'rr_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(value(text, 'rr_outbox_pending')).toBe(0);
    expect(value(text, 'rr_reminder_lag_seconds')).toBe(0);
  });

  it('counts a resend as a duplicate, and a turn from another tenant as refused', async () => {
    const activity = bot.activityFor(socialWorker, { text: 'hi' });
    await bot.post(activity);
    await bot.post(activity);
    await bot.post({ ...activity, id: 'other-tenant-1', channelData: { tenant: { id: 'not-our-tenant' } }, conversation: { id: 'a:x', conversationType: 'personal', tenantId: 'not-our-tenant' } });
    const { text } = await scrape();
    expect(value(text, 'rr_turns_total', { route: 'message', outcome: 'duplicate' })).toBe(1);
    expect(value(text, 'rr_turns_total', { route: 'message', outcome: 'refused-tenant' })).toBe(1);
  });

  it('carries a turn\'s correlation id into its outbox rows, its log lines and the delivery job', async () => {
    await bot.say(socialWorker, 'hi'); // so Teams can reach them
    const res = await bot.send(datManager, { value: { verb: 'booking.duty.set', datTeamId: 'dat-barnet-a', dutyWeek: '2027-W10' } }, { 'x-request-id': 'corr-duty-week-1' });
    expect(textOf(onlyCard(res))).toContain('2027');
    const rows = await bot.db.query<{ correlation_id: string; recipient_id: string }>(`SELECT correlation_id, recipient_id FROM notifications WHERE dedupe_key LIKE 'rota:duty:%'`);
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(new Set(rows.rows.map((r) => r.correlation_id))).toEqual(new Set(['corr-duty-week-1']));
    await waitFor('the social worker\'s rota card delivered', () => bot.connector.delivered.some((c) => JSON.stringify(c.body).includes('OSR rota')));
    const linesOf = () => bot.logs.lines.map((l) => JSON.parse(l) as { correlationId?: string; msg: string }).filter((l) => l.correlationId === 'corr-duty-week-1');
    await waitFor('the delivery job\'s log line under the turn\'s id', () => linesOf().some((l) => l.msg === 'cards delivered'));
    expect(linesOf().length).toBeGreaterThan(1);
  });

  it('counts booking refusals by reason, 429s from Teams and job failures', async () => {
    await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: 0, manager: hubManager });
    clock.set(new Date('2027-03-15T08:00:00Z'));
    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS500001', date: '2027-03-16', time: '10:00' });
    expect(textOf(answer)).toMatch(/full/i);

    let throttledOnce = false;
    bot.connector.faultFor = (call) => {
      if (call.method !== 'POST' || throttledOnce) return undefined;
      throttledOnce = true;
      return { status: 429, retryAfterSeconds: 1 };
    };
    const deliveredBefore = bot.connector.delivered.length;
    await setDutyWeek(bot, '2027-W12');
    await waitFor('a card throttled, then delivered after Retry-After', () => (throttledOnce && bot.connector.delivered.length > deliveredBefore ? true : undefined));
    await bot.app.jobs.add('flush-notifications', {}, { maxAttempts: 1 }); // a payload it refuses: the job throws
    await waitFor('the failing job counted', async () => value((await scrape()).text, 'rr_jobs_failed_permanently_total', { task: 'flush-notifications' }) === 1);

    const { text } = await scrape();
    expect(value(text, 'rr_booking_refusals_total', { code: 'HUB_FULL' })).toBe(1);
    expect(value(text, 'rr_proactive_sends_total', { outcome: 'throttled' })).toBe(1);
    expect(value(text, 'rr_proactive_sends_total', { outcome: 'sent' })).toBeGreaterThan(0);
    expect(value(text, 'rr_job_failures_total', { task: 'flush-notifications' })).toBe(1);
  });

  it('is not ready while draining, and not ready once the job runner has stopped', async () => {
    const other = await TestBot.start({ databaseUrl: bot.app.config.DATABASE_URL!, connector: bot.connector });
    try {
      expect((await fetch(`${other.url}/readyz`)).status).toBe(200);
      other.app.beginDrain();
      const draining = await fetch(`${other.url}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toMatchObject({ status: 'not-ready', checks: { accepting: false, database: true } });
    } finally {
      await other.stop();
    }
    const third = await TestBot.start({ databaseUrl: bot.app.config.DATABASE_URL!, connector: bot.connector });
    try {
      await third.app.jobs.stop();
      const res = await fetch(`${third.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ checks: { jobRunner: false } });
    } finally {
      await third.app.stop().catch(() => undefined);
    }
  });
});

describe('/metrics in production', () => {
  it('is off without a token, and open to none but a bearer of the token with one', async () => {
    const db = new pg.Pool({ connectionString: await createTestDatabase(), max: 1 });
    try {
      const off = createMetrics({ db, log: createLogger('silent'), production: true });
      expect((await off.scrape(undefined)).status).toBe(404);
      expect((await off.scrape(`Bearer ${TOKEN}`)).status).toBe(404);
      off.stop();
      const guarded = createMetrics({ db, log: createLogger('silent'), production: true, token: TOKEN });
      expect((await guarded.scrape(undefined)).status).toBe(401);
      expect((await guarded.scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
      const ok = await guarded.scrape(`Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('rr_turns_total');
      guarded.stop();
    } finally {
      await db.end();
    }
  });
});
