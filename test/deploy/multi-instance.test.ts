// Issue 18: many instances on one database. Three app instances from the
// production build (dist/, plain node) share one PostgreSQL (the machine's,
// as in production: TEST_DATABASE_URL, else 127.0.0.1:5432) behind a
// round-robin proxy. A threshold check, a booking and a 0–19 request move
// between instances step by step and complete; parallel bookings never pass
// the hub's cap; reminders are delivered once each; and one instance killed
// (SIGKILL) while cards are going out and a check is half done loses nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf } from '../support/harness.js';
import { FakeConnector } from '../support/fake-connector.js';
import { EXTERNAL_ADMIN_URL, createDatabaseOn, dropDatabaseOn, unreachableReason } from '../support/external-database.js';
import { RoundRobinProxy } from '../support/round-robin-proxy.js';
import { ensureProductionBuild, ROOT } from '../support/production-build.js';
import { datManager, hubManager, leadPractitioner, socialWorker, socialWorkerB } from '../support/people.js';
import { press, startCheck, walkToResult } from '../check/walk.js';
import { book, bookingId, lastCardFor, press as pressBooking, setDutyWeek, setHubWeek, statusOf } from '../booking/helpers.js';
import { fileRequest } from '../request/support.js';
import { colleagues, countBy, notificationIdOf, reviewReminder, schedule, waitFor } from '../reminders/support.js';
import { londonWeekOf, nextWeekId, weekById } from '../../src/domain/time/london-weeks.js';
import { addLocalDays, localDateOf, toIsoDate } from '../../src/domain/time/zoned-clock.js';
import { isWorkingDate } from '../../src/domain/time/working-hours.js';
import { workingCalendarFor } from '../../src/app/reminders/context.js';
import { loadConfig } from '../../src/config/env.js';

const INSTANCES = 3;
const CAP = 3;
const PARALLEL_BOOKINGS = 12;
const PEOPLE = 12;
const EACH = 20; // 240 reminders
const KILL_AFTER_DELIVERIES = 60;
const CONNECTOR_LATENCY_MS = 10; // a round trip to Teams, so sends are in flight at the kill

const skipReason = await unreachableReason();
if (skipReason) console.log(`[multi-instance] SKIPPED: ${skipReason}`);

interface Instance { child: ChildProcess; url: string; output: string[]; exit: Promise<void> }

async function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(ROOT, 'test/support/dist-app.mjs')], {
    cwd: ROOT,
    env: { ...process.env, APP_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'info', TEST_JOB_STALE_MS: '3000', JOB_CONCURRENCY: '4' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output.join('')}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const m = /READY (\S+)/.exec(output.join(''));
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`instance exited (${code}):\n${output.join('')}`)); });
  });
  return { child, url, output, exit };
}

/** 10:00 on the first working day of the London week `weekId` (no weekend, no bank holiday). */
function workingDays(weekId: string): string[] {
  const calendar = workingCalendarFor(loadConfig({ APP_ENV: 'test' }), new Date());
  const monday = weekById(weekId).monday;
  const days = [0, 1, 2, 3, 4].map((d) => addLocalDays(monday, d)).filter((d) => isWorkingDate(d, calendar)).map(toIsoDate);
  if (days.length === 0) throw new Error(`no working day in ${weekId}`);
  return days;
}

function firstWorkingDay(weekId: string): string {
  return workingDays(weekId)[0]!;
}

describe.skipIf(skipReason)('three instances from the production build on one PostgreSQL', () => {
  let databaseUrl: string;
  let db: pg.Pool;
  let connector: FakeConnector;
  let proxy: RoundRobinProxy;
  let bot: TestBot;
  const instances: Instance[] = [];
  const today = toIsoDate(localDateOf(new Date(), 'Europe/London'));
  const thisWeek = londonWeekOf(new Date()).weekId;
  const osrWeek = nextWeekId(thisWeek);
  const visitDay = firstWorkingDay(osrWeek);

  beforeAll(async () => {
    const built = await ensureProductionBuild();
    console.log(`[multi-instance] production build ${built ? 'built now' : 'already up to date'}`);
    databaseUrl = await createDatabaseOn(EXTERNAL_ADMIN_URL, 'rr_multi');

    connector = await new FakeConnector().start();
    connector.latencyMs = CONNECTOR_LATENCY_MS;
    // All three start together: migrations run once, under the advisory lock.
    instances.push(...await Promise.all(Array.from({ length: INSTANCES }, () => startInstance(databaseUrl))));
    proxy = await new RoundRobinProxy(instances.map((i) => i.url)).start();
    db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    bot = TestBot.remote(proxy.url, db, connector);
  }, 420_000);

  afterAll(async () => {
    await Promise.all(instances.map(async (i) => { if (i.child.exitCode === null && i.child.signalCode === null) { i.child.kill('SIGTERM'); await i.exit; } }));
    await proxy?.stop();
    await connector?.stop();
    await db?.end();
    if (databaseUrl) await dropDatabaseOn(EXTERNAL_ADMIN_URL, databaseUrl);
  });

  it('completes a threshold check, a booking and a 0–19 request whose steps land on different instances', { timeout: 120_000 }, async () => {
    const from = proxy.served.length;
    await setDutyWeek(bot, thisWeek, datManager);
    await setHubWeek(bot, osrWeek, leadPractitioner, { cap: CAP, manager: hubManager });

    const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '4', needs: ['pc.routines-boundaries'], postcode: 'N11 1AA' });
    expect(textOf(result)).toMatch(/Suggested level [1-4]/);

    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS900001', date: visitDay, time: '10:00' });
    expect(textOf(answer)).toContain('Booking request sent');
    const booking = await bookingId(bot, 'LCS900001');
    await pressBooking(bot, leadPractitioner, await lastCardFor(bot, leadPractitioner, booking), 'Accept');
    expect(await statusOf(bot, booking)).toBe('accepted');

    const { requestId } = await fileRequest(bot, socialWorker, {
      family: { caseRef: 'LCS-900002', 'children.0.dob': '2022-05-14' },
      consent: { consentDate: today },
    });
    expect((await db.query('SELECT status FROM requests WHERE id = $1', [requestId])).rows[0]?.status).toBeDefined();

    const journey = proxy.served.slice(from);
    const perInstance = countBy(journey, (s) => String(s.upstream));
    console.log(`[multi-instance] journey: ${journey.length} requests served by instances ${JSON.stringify(Object.fromEntries(perInstance))}`);
    expect(perInstance.size).toBe(INSTANCES);
  });

  it(`never holds more than the hub's cap (${CAP}) from ${PARALLEL_BOOKINGS} bookings at once across instances`, { timeout: 120_000 }, async () => {
    // A time each, none at the journey's 10:00: the lead responder is never booked twice at once (issue 12).
    const slots = workingDays(osrWeek).flatMap((date) => [9, 11, 12, 13, 14, 15, 16].map((hour) => ({ date, time: `${String(hour).padStart(2, '0')}:00` }))).slice(0, PARALLEL_BOOKINGS);
    expect(slots).toHaveLength(PARALLEL_BOOKINGS);
    const answers = await Promise.all(slots.map((slot, i) => book(bot, socialWorker, { caseRef: `LCS91${String(i).padStart(4, '0')}`, ...slot })));
    const sent = answers.filter((a) => textOf(a.answer).includes('Booking request sent')).length;
    const full = answers.filter((a) => /full/i.test(textOf(a.answer))).length;
    const held = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE hub_id = 'barnet-north' AND status IN ('requested', 'accepted')`);
    console.log(`[multi-instance] ${PARALLEL_BOOKINGS} parallel bookings: ${sent} accepted, ${full} refused as full; places held ${held.rows[0]!.n} of ${CAP}`);
    expect(held.rows[0]!.n).toBe(CAP);
    expect(sent).toBe(CAP - 1); // the journey above holds one place
    expect(full).toBe(PARALLEL_BOOKINGS - sent);
  });

  it('delivers each reminder once, and loses nothing when an instance is killed mid-flow (a repeat only for a send the kill cut off)', { timeout: 150_000 }, async () => {
    const people = colleagues(PEOPLE, 'many');
    for (const p of people) await bot.say(p, 'hi');
    // A check half done before the kill, finished after it.
    const safety = await startCheck(bot, socialWorkerB);
    const involvement = await press(bot, socialWorkerB, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });

    const due = Date.now() - 5_000;
    await schedule(db, people.flatMap((p, pi) => Array.from({ length: EACH }, (_, i) => reviewReminder(p.aadObjectId, pi * 1000 + i, new Date(due + i)))));
    await waitFor('sending under way', () => (connector.delivered.length >= KILL_AFTER_DELIVERIES ? true : undefined), 60_000, 5);
    const victim = instances[0]!;
    victim.child.kill('SIGKILL');
    await victim.exit;
    const inFlight = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE sending_since IS NOT NULL AND status = 'pending'`)).rows[0]!.n;
    const beforeKill = countBy(connector.delivered, notificationIdOf);
    const deliveredAtKill = beforeKill.size;
    // Three instances sharing the queue, none killed yet: each card exactly once.
    expect([...beforeKill.values()].every((n) => n === 1)).toBe(true);

    const family = await press(bot, socialWorkerB, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
    const needs = await press(bot, socialWorkerB, family, 'Continue', { children: '7', multipleBirth: 'false', postcode: '', caseRef: '' });
    const context = await press(bot, socialWorkerB, needs, 'Continue', { 'need.pc.routines-boundaries': 'true', note: '' });
    const result = await press(bot, socialWorkerB, context, 'See the result', { informationSharingDiscussed: 'true', teamAroundFamily: 'none' });
    expect(textOf(result)).toMatch(/Suggested level [1-4]/);

    const total = PEOPLE * EACH;
    const reminderIds = async () => new Set((await db.query<{ id: string }>(`SELECT id::text FROM notifications WHERE reminder_id IS NOT NULL`)).rows.map((r) => r.id));
    // Deliveries run before other due jobs, so some reminders may not have fired yet: every one must, on the survivors.
    const ids = await waitFor('every reminder fired into a card', async () => {
      const fired = await reminderIds();
      return fired.size >= total ? fired : undefined;
    }, 120_000, 100);
    expect(ids.size).toBe(total);
    await waitFor('every reminder delivered after the kill', () => (connector.delivered.filter((c) => ids.has(notificationIdOf(c) ?? '')).length >= total ? true : undefined), 120_000, 100);
    await new Promise((r) => setTimeout(r, 1_000)); // a straggling duplicate would arrive now

    const perId = countBy(connector.delivered.filter((c) => ids.has(notificationIdOf(c) ?? '')), notificationIdOf);
    const duplicates = [...perId.values()].reduce((n, c) => n + (c - 1), 0);
    const bySurvivors = instances.slice(1).map((i) => i.output.join('').split('\n').filter((l) => l.includes('"msg":"cards delivered"')).reduce((n, l) => n + (JSON.parse(l) as { delivered: number }).delivered, 0));
    console.log(`[multi-instance] ${total} reminders over ${INSTANCES} instances; killed one after ${deliveredAtKill} deliveries with ${inFlight} sends in flight; `
      + `survivors sent ${bySurvivors.join(' and ')}; duplicates ${duplicates}; the half-done check finished on the survivors`);
    expect(perId.size).toBe(total);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    const reminders = await db.query(`SELECT status, count(*)::int AS n FROM reminders WHERE cause = 'plan-review' GROUP BY status`);
    expect(reminders.rows).toEqual([{ status: 'sent', n: total }]);
    const notifications = await db.query(`SELECT status, count(*)::int AS n FROM notifications WHERE reminder_id IS NOT NULL GROUP BY status`);
    expect(notifications.rows).toEqual([{ status: 'sent', n: total }]);
    expect(bySurvivors.every((n) => n > 0)).toBe(true);
    expect(onlyCard(await bot.say(socialWorkerB, 'hi'))).toBeDefined();
  });
});
