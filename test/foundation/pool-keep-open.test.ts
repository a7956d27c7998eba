// The pool keeps its connections open between bursts (issue 16). A new
// connection costs a server process, a password exchange and every statement
// prepared (and its first five runs planned) again: paid by the first burst
// after a quiet spell, it made that burst's turns the slowest of all. The
// connections above DB_POOL_KEEP_OPEN still close after DB_POOL_IDLE_CLOSE_MS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, textOf, onlyCard } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import { createTestDatabase } from '../support/database.js';
import { createLogger } from '../../src/log/logger.js';
import { createPool, type Db } from '../../src/store/db.js';

const IDLE_CLOSE_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens `n` connections at once (each checked out while the others are), then gives them all back. */
async function openConnections(db: Db, n: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: n }, () => db.connect()));
  for (const client of clients) client.release();
}

async function serverProcesses(db: Db): Promise<Set<number>> {
  const r = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'right-response'`);
  return new Set(r.rows.map((row) => row.pid));
}

describe('the app between bursts', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ env: { DB_POOL_MAX: '6', DB_POOL_KEEP_OPEN: '3', DB_POOL_IDLE_CLOSE_MS: String(IDLE_CLOSE_MS) } });
  });
  afterAll(async () => { await bot?.stop(); });

  it('keeps DB_POOL_KEEP_OPEN connections through a quiet spell, ready for the next turn', async () => {
    // Four at once beside the job runner's listening connection, which stays checked out.
    await openConnections(bot.db, 4);
    expect(bot.db.totalCount).toBeGreaterThanOrEqual(5);
    await sleep(IDLE_CLOSE_MS * 6);
    // The two above DB_POOL_KEEP_OPEN have closed; three are open, the listening one among them.
    expect(bot.db.totalCount).toBe(3);
    const kept = await serverProcesses(bot.db);
    expect(kept.size).toBe(3);

    // The next turn finds them open (it and the delivery job it wakes may open more beside them).
    expect(textOf(onlyCard(await bot.say(socialWorker, 'check')))).toContain('immediate risk');
    const after = await serverProcesses(bot.db);
    expect([...kept].filter((pid) => !after.has(pid))).toEqual([]);
  });
});

describe('a pool told to keep nothing open', () => {
  let db: Db;
  beforeAll(async () => {
    db = createPool(await createTestDatabase(), createLogger('silent'), { max: 3, keepOpen: 0, idleCloseMs: IDLE_CLOSE_MS });
  });
  afterAll(async () => { await db.end(); });

  it('closes every idle connection once it has idled that long', async () => {
    await openConnections(db, 3);
    expect(db.totalCount).toBe(3);
    await sleep(IDLE_CLOSE_MS * 6);
    expect(db.totalCount).toBe(0);
  });
});
