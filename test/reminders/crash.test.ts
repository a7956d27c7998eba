// Issue 7: kill the app process (SIGKILL) while reminders are being sent,
// restart it, and show every due reminder delivered; measure the duplicates
// the crash caused. The design's bound: a duplicate needs a send the
// connector accepted whose "sent" mark was never written, so duplicates are
// at most the sends in flight at the kill (rows still claimed afterwards).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.js';
import { FakeConnector } from '../support/fake-connector.js';
import { DEMO_TENANT, type DemoUser } from '../support/people.js';
import { colleagues, reviewReminder, schedule, notificationIdOf, waitFor, countBy } from './support.js';
import { waitForQuiescence } from '../support/quiescence.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PEOPLE = 12;
const EACH = 20; // 240 reminders
const KILL_AFTER_DELIVERIES = 60;
// Like a real round trip to Teams, so sends are in flight when the process dies.
const CONNECTOR_LATENCY_MS = 15;

interface Child { process: ChildProcess; url: string; output: string[] }

async function startChild(databaseUrl: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/child-app.ts')], {
    cwd: ROOT,
    env: { ...process.env, APP_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn', TEST_JOB_STALE_MS: '3000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child app did not start:\n${output.join('')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const m = /READY (\S+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`child app exited (${code}):\n${output.join('')}`)));
  });
  return { process: child, url, output };
}

async function sayHi(url: string, user: DemoUser, serviceUrl: string): Promise<void> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', id: randomUUID(), channelId: 'msteams', serviceUrl, deliveryMode: 'expectReplies', text: 'hi', locale: 'en-GB',
      from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:right-response-bot', name: 'Right Response' },
      conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: DEMO_TENANT },
      channelData: { tenant: { id: DEMO_TENANT } },
    }),
  });
  expect(res.status).toBe(200);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('SIGKILL while sending reminders', () => {
  let databaseUrl: string;
  let connector: FakeConnector;
  let db: pg.Pool;
  const children: Child[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    connector = await new FakeConnector().start();
    connector.latencyMs = CONNECTOR_LATENCY_MS;
  });
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) { c.process.kill('SIGTERM'); await exited(c.process); }
    await db?.end();
    await connector?.stop();
  });

  it('delivers every due reminder after a restart; duplicates measured and bounded by the sends in flight', { timeout: 150_000 }, async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`[crash test] ${what} at +${Date.now() - t0} ms`);
    const first = await startChild(databaseUrl);
    mark('first started');
    children.push(first);
    db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    const people = colleagues(PEOPLE, 'kill');
    for (const p of people) await sayHi(first.url, p, connector.url);

    const due = Date.now() - 10_000;
    const planned = people.flatMap((p, pi) => Array.from({ length: EACH }, (_, i) => reviewReminder(p.aadObjectId, pi * 1000 + i, new Date(due + i))));
    await schedule(db, planned);

    await waitFor('sending under way', () => (connector.delivered.length >= KILL_AFTER_DELIVERIES ? true : undefined), 60_000, 5);
    mark('killing');
    first.process.kill('SIGKILL');
    await exited(first.process);
    const deliveredAtKill = new Set(connector.delivered.map(notificationIdOf)).size;
    // Claimed and never finished: the sends whose outcome died with the process.
    const inFlight = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE sending_since IS NOT NULL AND status = 'pending'`)).rows[0]!.n;
    const firedAtKill = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminders WHERE status = 'sent'`)).rows[0]!.n;

    const second = await startChild(databaseUrl);
    children.push(second);
    mark('second started');
    const total = PEOPLE * EACH;
    await waitFor('every reminder delivered after restart', () => (new Set(connector.delivered.map(notificationIdOf)).size >= total ? true : undefined), 90_000, 100);
    mark('all delivered');
    // Nothing more to come: no card due or in flight and no job due or running, for several polls in a row.
    await waitForQuiescence(db);

    const perId = countBy(connector.delivered, notificationIdOf);
    const duplicates = [...perId.values()].reduce((n, c) => n + (c - 1), 0);
    const uncertainResends = second.output.join('').split('\n').filter((l) => l.includes('earlier send has no recorded outcome')).length;
    console.log(`[crash test] ${total} reminders; killed after ${deliveredAtKill} delivered and ${firedAtKill} fired; `
      + `${inFlight} sends in flight at the kill; ${uncertainResends} resent after restart; duplicates delivered: ${duplicates}`);

    expect(deliveredAtKill).toBeLessThan(total);
    expect(perId.size).toBe(total);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    const reminders = await db.query(`SELECT status, count(*)::int AS n FROM reminders GROUP BY status`);
    expect(reminders.rows).toEqual([{ status: 'sent', n: total }]);
    const notifications = await db.query(`SELECT status, count(*)::int AS n FROM notifications GROUP BY status`);
    expect(notifications.rows).toEqual([{ status: 'sent', n: total }]);
  });
});
