// `npm run bench:fanout`: reminder fan-out at council scale. 10,000 reminders
// fall due at once for 2,000 people; 1 and then 3 app instances (separate
// processes, production's job polling) deliver them to a loopback Bot
// Connector that limits like Teams (7 per second per conversation and the
// other windows, a per-app ceiling, 429 with Retry-After). Reports the time
// to drain against the rate-limit floor (the least time the limits allow),
// the 429s taken, duplicates, and the worst reminder lag /metrics showed.
// Numbers, not assertions. Options: --reminders 10000 --people 2000
// --app-rps 50 --instances 1,3 --concurrency 4; the database is
// BENCH_DATABASE_URL, else TEST_DATABASE_URL, else 127.0.0.1:5432.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { FakeConnector } from '../test/support/fake-connector.js';
import { EXTERNAL_ADMIN_URL, createDatabaseOn, dropDatabaseOn } from '../test/support/external-database.js';
import { TeamsRateLimits, TEAMS_PER_CONVERSATION, type Window } from '../test/support/teams-rate-limits.js';
import { colleagues, notificationIdOf, reviewReminder } from '../test/reminders/support.js';
import { withTransaction } from '../src/store/db.js';
import { scheduleReminders } from '../src/app/reminders/schedule.js';
import { saveUserReference } from '../src/store/conversation-refs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    reminders: { type: 'string', default: '10000' },
    people: { type: 'string', default: '2000' },
    'app-rps': { type: 'string', default: '50' },
    instances: { type: 'string', default: '1,3' },
    concurrency: { type: 'string', default: '4' },
  },
});
const REMINDERS = Number(args.reminders);
const PEOPLE = Number(args.people);
const APP_RPS = Number(args['app-rps']);
// Every reminder is scheduled first, then all fall due together at this lead.
const DUE_AFTER_MS = 15_000;
const adminUrl = process.env.BENCH_DATABASE_URL ?? EXTERNAL_ADMIN_URL;

interface Result {
  instances: number; reminders: number; people: number; appRps: number;
  floorS: number; drainS: number; ratio: number; p50S: number; p90S: number;
  requests: number; throttled429: number; duplicates: number; worstReminderLagS: number; sentByInstance: number[];
}

/** The least time a conversation needs for `n` sends under the windows, sending as early as each allows. */
export function conversationFloorMs(n: number, windows: Window[]): number {
  const sent: number[] = [];
  let t = 0;
  while (sent.length < n) {
    const wait = Math.max(0, ...windows.map((w) => {
      const inWindow = sent.filter((s) => s > t - w.perMs);
      return inWindow.length < w.limit ? 0 : inWindow[inWindow.length - w.limit]! + w.perMs - t;
    }));
    t += wait;
    sent.push(t);
  }
  return t;
}

async function startInstance(databaseUrl: string): Promise<{ child: ChildProcess; url: string; output: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/child-app.ts')], {
    cwd: ROOT,
    env: { ...process.env, APP_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'info', TEST_JOB_POLL_MS: '1000', TEST_JOB_STALE_MS: '60000', JOB_CONCURRENCY: args.concurrency },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const m = /READY (\S+)/.exec(output.join('').slice(0, 4000));
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`instance exited (${code}): ${output.join('').slice(-2000)}`)));
  });
  return { child, url, output };
}


async function metric(url: string, name: string): Promise<number> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => '');
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').pop()) : 0;
}

async function run(instanceCount: number): Promise<Result> {
  const databaseUrl = await createDatabaseOn(adminUrl, 'rr_fanout');
  const limits = new TeamsRateLimits(APP_RPS);
  const connector = await new FakeConnector().start();
  connector.faultFor = limits.faultFor;
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const instances: Awaited<ReturnType<typeof startInstance>>[] = [];
  try {
    instances.push(await startInstance(databaseUrl)); // migrates
    instances.push(...await Promise.all(Array.from({ length: instanceCount - 1 }, () => startInstance(databaseUrl))));
    const people = colleagues(PEOPLE, 'fan');
    for (const [i, p] of people.entries()) {
      await saveUserReference(db, p.aadObjectId, {
        channelId: 'msteams', serviceUrl: connector.url, bot: { id: '28:right-response-bot', name: 'Right Response' },
        user: { id: `29:${p.aadObjectId}`, name: '', aadObjectId: p.aadObjectId } as never,
        conversation: { id: `a:fanout-${i}`, conversationType: 'personal', tenantId: 'bench-tenant', isGroup: false, name: '' },
      });
    }
    const dueAt = Date.now() + DUE_AFTER_MS;
    const planned = Array.from({ length: REMINDERS }, (_, i) => reviewReminder(people[i % PEOPLE]!.aadObjectId, i, new Date(dueAt)));
    for (let i = 0; i < planned.length; i += 1000) await withTransaction(db, (tx) => scheduleReminders(tx, planned.slice(i, i + 1000)));
    const lead = dueAt - Date.now();
    if (lead < 0) console.warn(`scheduling took longer than the ${DUE_AFTER_MS} ms lead: drain is measured from the due time all the same`);

    let worstLag = 0;
    const deliveredIds = () => new Set(connector.delivered.map(notificationIdOf)).size;
    const floorMs = Math.max(REMINDERS / APP_RPS * 1000, conversationFloorMs(Math.ceil(REMINDERS / PEOPLE), TEAMS_PER_CONVERSATION));
    const deadline = dueAt + floorMs * 6 + 180_000;
    while (deliveredIds() < REMINDERS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2_000));
      worstLag = Math.max(worstLag, await metric(instances[0]!.url, 'rr_reminder_lag_seconds'), await metric(instances[0]!.url, 'rr_outbox_oldest_due_age_seconds'));
    }
    if (deliveredIds() < REMINDERS) console.warn(`gave up: ${deliveredIds()} of ${REMINDERS} delivered by the deadline`);
    await new Promise((r) => setTimeout(r, 1_000));

    const firstAt = new Map<string, number>();
    for (const c of connector.delivered) {
      const id = notificationIdOf(c);
      if (id && !firstAt.has(id)) firstAt.set(id, c.at - dueAt);
    }
    const times = [...firstAt.values()].sort((a, b) => a - b);
    const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) / 1000;
    const sentByInstance = instances.map((i) => i.output.join('').split('\n').filter((l) => l.includes('"msg":"cards delivered"'))
      .reduce((n, l) => n + (JSON.parse(l) as { delivered: number }).delivered, 0));
    const drainS = (times[times.length - 1] ?? 0) / 1000;
    return {
      instances: instanceCount, reminders: REMINDERS, people: PEOPLE, appRps: APP_RPS,
      floorS: +(floorMs / 1000).toFixed(1), drainS: +drainS.toFixed(1), ratio: +(drainS / (floorMs / 1000)).toFixed(2),
      p50S: +at(0.5).toFixed(1), p90S: +at(0.9).toFixed(1),
      requests: connector.calls.length, throttled429: limits.throttled, duplicates: connector.delivered.length - firstAt.size,
      worstReminderLagS: +worstLag.toFixed(1), sentByInstance,
    };
  } finally {
    await Promise.all(instances.map((i) => new Promise<void>((resolve) => {
      if (i.child.exitCode !== null) return resolve();
      i.child.once('exit', () => resolve());
      i.child.kill('SIGTERM');
    })));
    await db.end();
    await connector.stop();
    await dropDatabaseOn(adminUrl, databaseUrl);
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  for (const n of (args.instances ?? '1,3').split(',').map(Number)) {
    console.log(`fan-out: ${REMINDERS} reminders to ${PEOPLE} people, ${n} instance(s), Teams limits with an app ceiling of ${APP_RPS}/s …`);
    results.push(await run(n));
    console.table([results[results.length - 1]]);
  }
  console.table(results.map(({ sentByInstance, ...r }) => ({ ...r, sentByInstance: sentByInstance.join('/') })));
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path.join(ROOT, `bench/results/fanout-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
