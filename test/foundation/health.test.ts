// Liveness and shutdown: /healthz fails when the process is alive but
// useless (its event loop stuck, or requests waiting on the database pool
// with no connection handed out), and comes back when that ends; SIGTERM
// exits in bounded time even when a request never finishes.
import { EventEmitter } from 'node:events';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { createTestDatabase } from '../support/database.js';
import { waitFor } from '../support/wait.js';
import { socialWorker, DEMO_TENANT } from '../support/people.js';
import { watchHealth } from '../../src/server/health-watch.js';

describe('the health watch', () => {
  it('reports the pool stuck when requests wait with no connection handed out, and well again on progress', async () => {
    const pool = Object.assign(new EventEmitter(), { waitingCount: 0 });
    let t = 0;
    const watch = watchHealth(pool, { eventLoopMaxDelayMs: 60_000, poolStuckMs: 1_000, sampleEveryMs: 5, now: () => t });
    try {
      const sampled = () => new Promise((r) => setTimeout(r, 30));
      pool.waitingCount = 3;
      await sampled();
      t += 900;
      expect(watch.report().checks.pool).toBe(true); // busy, not yet stuck
      t += 200;
      expect(watch.report()).toMatchObject({ live: false, checks: { pool: false }, poolWaiting: 3 });
      pool.emit('acquire');
      expect(watch.report().checks.pool).toBe(true); // a connection was handed out: progress
      t += 1_100;
      expect(watch.report().checks.pool).toBe(false);
      pool.waitingCount = 0;
      expect(watch.report().live).toBe(true);
    } finally {
      watch.stop();
    }
  });

  it('reports the event loop stuck after a long synchronous stall, and well again after a quiet window', async () => {
    const pool = Object.assign(new EventEmitter(), { waitingCount: 0 });
    // Windows of a second: on a busy machine the short wait below must not span two windows
    // (the second, quiet one would rightly report the loop well again before we look).
    const watch = watchHealth(pool, { eventLoopMaxDelayMs: 150, poolStuckMs: 60_000, sampleEveryMs: 1_000 });
    try {
      await new Promise((r) => setTimeout(r, 50));
      const until = Date.now() + 400;
      while (Date.now() < until) { /* a stuck event loop */ }
      await new Promise((r) => setTimeout(r, 20));
      expect(watch.report()).toMatchObject({ live: false, checks: { eventLoop: false } });
      await waitFor('a quiet window', () => watch.report().checks.eventLoop, 10_000, 50);
    } finally {
      watch.stop();
    }
  });
});

describe('/healthz of the running app', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ env: { DB_POOL_MAX: '4', DB_CONNECT_TIMEOUT_MS: '60000', HEALTH_POOL_STUCK_MS: '1000' } });
  });
  afterAll(async () => { await bot?.stop(); });

  it('fails while every connection is held and requests wait, and recovers when they are released', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    // Take every connection but the one the job runner keeps for LISTEN.
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await bot.db.connect());
    const waiting = bot.db.query('SELECT 1');
    try {
      const body = await waitFor('/healthz to fail', async () => {
        const res = await fetch(`${bot.url}/healthz`);
        return res.status === 503 ? res.json() : undefined;
      }, 15_000, 100);
      expect(body).toEqual({ status: 'unhealthy', checks: { eventLoop: true, pool: false } });
    } finally {
      for (const c of held) c.release();
    }
    await waiting;
    await waitFor('/healthz to recover', async () => (await fetch(`${bot.url}/healthz`)).status === 200, 15_000, 100);
  });
});

describe('SIGTERM', () => {
  it('exits within the shutdown timeout while a request is still stuck on a lock', { timeout: 120_000 }, async () => {
    const databaseUrl = await createTestDatabase();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env, APP_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '1500', DB_LOCK_TIMEOUT_MS: '600000', DB_STATEMENT_TIMEOUT_MS: '600000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const holder = new pg.Client({ connectionString: databaseUrl });
    try {
      const url = await waitFor('the app to listen', () => /"url":"([^"]+)"[^\n]*Right Response is listening/.exec(stdout)?.[1]
        ?? (child.exitCode !== null ? Promise.reject(new Error(stderr)) : undefined), 90_000, 100);
      await holder.connect();
      // Every message turn first records its activity id: hold that table so the turn cannot finish.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE processed_activities IN ACCESS EXCLUSIVE MODE');
      const stuck = fetch(`${url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: randomUUID(), text: 'hi', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
          from: { id: `29:${socialWorker.aadObjectId}`, aadObjectId: socialWorker.aadObjectId }, recipient: { id: '28:bot' },
          conversation: { id: 'a:sigterm', conversationType: 'personal', tenantId: DEMO_TENANT }, channelData: { tenant: { id: DEMO_TENANT } },
        }),
      }).then((r) => r.status, () => 'no answer');
      await waitFor('the turn to wait on the lock', async () => Number((await holder.query(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n) > 0, 30_000, 50);
      child.kill('SIGTERM');
      // Exits (code 1: work abandoned) while the lock is still held: nothing else could have ended the turn.
      expect(await exited).toBe(1);
      expect(stdout + stderr).toContain('drain did not finish in time');
      expect(await stuck).toBe('no answer');
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end().catch(() => undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
