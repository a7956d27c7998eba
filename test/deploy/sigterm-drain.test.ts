// Issue 18: SIGTERM drains. The real entry point (src/main.ts, as
// `npm run start:prod` runs it compiled) gets SIGTERM while a reminder card is
// on its way to Teams: readiness turns 503 at once, the card's send finishes
// and is recorded, and the process exits 0. With a send that hangs past
// SHUTDOWN_TIMEOUT_MS it exits 1 at the bound, leaving the card to be sent
// again (at least once), never lost.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.js';
import { FakeConnector } from '../support/fake-connector.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/wait.js';
import { colleagues, reviewReminder, schedule } from '../reminders/support.js';
import { DEMO_TENANT } from '../support/people.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface App { child: ChildProcess; url: string; output: () => string; exit: Promise<number | null> }

async function startMain(databaseUrl: string, env: Record<string, string>): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, APP_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString('utf8'); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString('utf8'); });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the app ready', async () => {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    return fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
  }, 180_000, 200);
  return { child, url, output: () => output, exit };
}

describe('SIGTERM', () => {
  let databaseUrl: string;
  let db: pg.Pool;
  let connector: FakeConnector;
  let app: App | undefined;
  const [person] = colleagues(1, 'term');

  beforeEach(async () => {
    databaseUrl = await createTestDatabase();
    connector = await new FakeConnector().start();
  });
  afterEach(async () => {
    if (app && app.child.exitCode === null) { app.child.kill('SIGKILL'); await app.exit; }
    await db?.end();
    await connector.stop();
  });

  /** Starts the app, lets the person open the bot, and puts one due reminder on its way to a slow Teams. */
  async function sendingOneCard(env: Record<string, string>, latencyMs: number): Promise<App> {
    const started = await startMain(databaseUrl, env);
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const hi = await fetch(`${started.url}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: 'hi-1', channelId: 'msteams', serviceUrl: connector.url, deliveryMode: 'expectReplies', text: 'hi',
        from: { id: `29:${person!.aadObjectId}`, aadObjectId: person!.aadObjectId }, recipient: { id: '28:bot' },
        conversation: { id: `a:${person!.aadObjectId}`, conversationType: 'personal', tenantId: DEMO_TENANT }, channelData: { tenant: { id: DEMO_TENANT } },
      }),
    });
    expect(hi.status).toBe(200);
    connector.latencyMs = latencyMs;
    await schedule(db, [reviewReminder(person!.aadObjectId, 1, new Date(Date.now() - 1000))]);
    await waitFor('the card on its way to Teams', () => connector.pending > 0, 30_000, 20);
    return started;
  }

  it('turns not ready at once, lets the card in flight finish, and exits 0', { timeout: 300_000 }, async () => {
    app = await sendingOneCard({ SHUTDOWN_DELAY_MS: '1000', SHUTDOWN_TIMEOUT_MS: '20000' }, 2_500);
    app.child.kill('SIGTERM');
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { accepting: false } });

    expect(await app.exit).toBe(0);
    expect(connector.delivered).toHaveLength(1);
    const row = await db.query(`SELECT status, sending_since FROM notifications`);
    expect(row.rows).toEqual([{ status: 'sent', sending_since: null }]);
    expect(app.output()).toContain('draining: not ready any more');
  });

  it('gives up at SHUTDOWN_TIMEOUT_MS with exit 1 when a send hangs, leaving the card to be sent again', { timeout: 300_000 }, async () => {
    app = await sendingOneCard({ SHUTDOWN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '1500' }, 60_000);
    const signalled = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(1);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(app.output()).toContain('drain did not finish in time');
    const row = await db.query<{ status: string; claimed: boolean }>(`SELECT status, sending_since IS NOT NULL AS claimed FROM notifications`);
    expect(row.rows).toEqual([{ status: 'pending', claimed: true }]);
  });
});
