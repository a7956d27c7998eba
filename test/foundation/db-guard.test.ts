// One connection per unit of work, enforced by the pool itself: code inside
// withTransaction that reaches for the pool gets a programming error at once
// (instead of waiting for a connection that a lock-holding transaction may
// never give back); a refusal thrown inside a transaction is audited after the
// rollback; every connection carries the configured time limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.js';
import { createLogger } from '../../src/log/logger.js';
import { createPool, insideTransaction, withTransaction, PoolInsideTransactionError, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { refuseAudited } from '../../src/app/refusal.js';
import { AccessDeniedError } from '../../src/app/errors.js';

const log = createLogger('silent');
let db: Db;

beforeAll(async () => {
  db = createPool(await createTestDatabase(), log, { max: 2, connectTimeoutMs: 300, statementTimeoutMs: 4_000, lockTimeoutMs: 3_000, idleInTransactionTimeoutMs: 20_000 });
  await migrate(db, log);
});
afterAll(async () => { await db.end(); });

describe('the pool inside a transaction', () => {
  it('refuses a query on the pool from inside withTransaction, directly or through a helper', async () => {
    const helper = (q: Pick<Db, 'query'>) => q.query('SELECT 1');
    await expect(withTransaction(db, async () => { await db.query('SELECT 1'); })).rejects.toBeInstanceOf(PoolInsideTransactionError);
    await expect(withTransaction(db, async () => { await helper(db); })).rejects.toThrow(/Use the transaction's client \(tx\)/);
    await expect(withTransaction(db, async () => { await Promise.resolve().then(() => db.connect()); })).rejects.toBeInstanceOf(PoolInsideTransactionError);
  });

  it('refuses a transaction nested in another', async () => {
    await expect(withTransaction(db, () => withTransaction(db, async () => 1))).rejects.toBeInstanceOf(PoolInsideTransactionError);
  });

  it('lets the transaction use its own client, and the pool be used again once it has ended', async () => {
    let later: Promise<unknown> | undefined;
    const n = await withTransaction(db, async (tx) => {
      expect(insideTransaction()).toBe(true);
      // Work started inside, run after the commit (e.g. a timer), is no longer inside it.
      later = new Promise((resolve) => setTimeout(() => resolve(db.query('SELECT 2 AS n')), 50));
      return (await tx.query('SELECT 1 AS n')).rows[0].n as number;
    });
    expect(n).toBe(1);
    expect(insideTransaction()).toBe(false);
    expect(((await later) as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
    // Both connections are free again: the refused calls above took none.
    expect(db.totalCount - db.idleCount).toBe(0);
  });

  it('audits a refusal thrown inside a transaction after the rollback, keeping nothing else the transaction did', async () => {
    const marker = `guard-${Date.now()}`;
    await expect(withTransaction(db, async (tx) => {
      await tx.query(`INSERT INTO audit_log (actor, action) VALUES ($1, 'should.roll-back')`, [marker]);
      await refuseAudited(db, { actor: marker, action: 'thing.change', recordType: 'thing', recordId: '1' }, undefined, new AccessDeniedError('NOT_YOURS', 'Not yours.'));
    })).rejects.toBeInstanceOf(AccessDeniedError);
    const rows = (await db.query('SELECT action, outcome FROM audit_log WHERE actor = $1', [marker])).rows;
    expect(rows).toEqual([{ action: 'thing.change', outcome: 'refused' }]);
  });

  it('audits a refusal outside a transaction at once', async () => {
    const marker = `direct-${Date.now()}`;
    await expect(refuseAudited(db, { actor: marker, action: 'thing.view' }, undefined, new AccessDeniedError())).rejects.toBeInstanceOf(AccessDeniedError);
    expect((await db.query('SELECT outcome FROM audit_log WHERE actor = $1', [marker])).rows).toEqual([{ outcome: 'refused' }]);
  });
});

describe('time limits', () => {
  it('gives every connection the statement, lock and idle-in-transaction timeouts', async () => {
    const r = await db.query(`SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_setting('idle_in_transaction_session_timeout') AS i`);
    expect(r.rows[0]).toEqual({ s: '4s', l: '3s', i: '20s' });
  });

  it('fails a caller that waits too long for a connection instead of waiting for ever', async () => {
    const held = [await db.connect(), await db.connect()];
    try {
      await expect(db.query('SELECT 1')).rejects.toThrow(/timeout exceeded when trying to connect/);
    } finally {
      for (const c of held) c.release();
    }
    expect((await db.query('SELECT 1 AS n')).rows[0].n).toBe(1);
  });

  it('cancels a statement that waits on a lock longer than the lock timeout', async () => {
    const holder = await db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE processed_activities IN ACCESS EXCLUSIVE MODE`);
      await expect(db.query(`SELECT 1 FROM processed_activities`)).rejects.toMatchObject({ code: '55P03' });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });
});

describe('a database that is away', () => {
  it('reads a missing Unix socket (the embedded server down) as unavailable, and any other missing file as a bug', async () => {
    const { isDatabaseUnavailable } = await import('../../src/store/db.js');
    const { readFile } = await import('node:fs/promises');
    const away = createPool('postgres://postgres@127.0.0.1:1/none?host=%2Ftmp%2Frr-no-such-socket-dir', log, { max: 1, connectTimeoutMs: 1_000 });
    try {
      const err = await away.query('SELECT 1').then(() => undefined, (e: unknown) => e);
      expect((err as { code?: string }).code).toBe('ENOENT');
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      await away.end();
    }
    const missingFile = await readFile('/tmp/rr-no-such-file.json').then(() => undefined, (e: unknown) => e);
    expect(isDatabaseUnavailable(missingFile)).toBe(false);
  });
});
