// The pool keeps connections open between bursts (issue 16). A new
// connection costs a server process, a password exchange and every statement
// prepared (and its first five runs planned) again: paid by the first burst
// after a quiet spell, it made that burst's turns the slowest of the bench's
// latency runs. Idle connections close only while more than
// DB_POOL_KEEP_OPEN are open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { createTestDatabase } from '../support/database.js';
import { waitFor } from '../support/wait.js';
import { createLogger } from '../../src/log/logger.js';
import { createPool, type Db } from '../../src/store/db.js';

const IDLE_CLOSE_MS = 100;
const log = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens `n` connections at once (each checked out while the others are), then gives them all back. */
async function openConnections(db: Db, n: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: n }, () => db.connect()));
  for (const client of clients) client.release();
}

async function serverProcesses(db: Db): Promise<number[]> {
  const r = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'right-response' ORDER BY pid`);
  return r.rows.map((row) => row.pid);
}

describe('a pool between bursts', () => {
  let url: string;
  const pools: Db[] = [];
  const pool = (keepOpen: number, max = 4) => {
    const db = createPool(url, log, { max, keepOpen, idleCloseMs: IDLE_CLOSE_MS });
    pools.push(db);
    return db;
  };
  beforeAll(async () => { url = await createTestDatabase(); });
  afterAll(async () => { await Promise.all(pools.map((db) => db.end())); });

  it('closes idle connections only down to the number it keeps, and keeps those through a quiet spell', async () => {
    const db = pool(2);
    await openConnections(db, 4);
    expect(db.totalCount).toBe(4);
    await waitFor('the two connections above the two kept to close', () => db.totalCount === 2 || undefined, 5_000, 10);
    // pg-pool drops a closed client from its count at once; its server process ends a moment later.
    const kept = await waitFor('the server to end the two closed sessions', async () => {
      const pids = await serverProcesses(db);
      return pids.length === 2 ? pids : undefined;
    }, 5_000, 10);
    // Ten times the idle time later, the same two server processes are still there.
    await sleep(IDLE_CLOSE_MS * 10);
    expect(db.totalCount).toBe(2);
    expect(await serverProcesses(db)).toEqual(kept);
  });

  it('closes every idle connection when told to keep none', async () => {
    const db = pool(0, 3);
    await openConnections(db, 3);
    expect(db.totalCount).toBe(3);
    await waitFor('every idle connection to close', () => db.totalCount === 0 || undefined, 5_000, 10);
  });
});

describe('the app', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ env: { DB_POOL_MAX: '6', DB_POOL_KEEP_OPEN: '3', DB_POOL_IDLE_CLOSE_MS: String(IDLE_CLOSE_MS) } });
  });
  afterAll(async () => { await bot?.stop(); });

  it('gives its pool the configured number to keep, the idle time, and TCP keep-alive', () => {
    const options = bot.db.options as { min?: number; max?: number; idleTimeoutMillis?: number; keepAlive?: boolean };
    expect(options).toMatchObject({ min: 3, max: 6, idleTimeoutMillis: IDLE_CLOSE_MS, keepAlive: true });
  });

  it('still has connections open after a burst and a quiet spell', async () => {
    await openConnections(bot.db, 4);
    await sleep(IDLE_CLOSE_MS * 10);
    // At least the three kept (the job runner's listening connection is one of them).
    expect(bot.db.totalCount).toBeGreaterThanOrEqual(3);
  });
});
