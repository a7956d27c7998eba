// Issue 16 part 6: a change and its audit row in one statement (one round
// trip). They must still commit or fail together, an unchanged row must leave
// no audit row, and a burst of presses of one safety card must start one
// check with one audit row, refusing anyone else who holds the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../support/database.js';
import { createPool, type Db } from '../../src/store/db.js';
import { createLogger } from '../../src/log/logger.js';
import { migrate } from '../../src/store/migrate.js';
import { writeAudited } from '../../src/store/audit-store.js';
import { CheckFlow } from '../../src/app/check/check-flow.js';
import { AccessDeniedError } from '../../src/app/errors.js';
import { loadPolicy } from '../../src/config/load-policies.js';
import { ManualClock } from '../../src/app/clock.js';
import { socialWorker, socialWorkerB } from '../support/people.js';

const silent = createLogger('silent');
let db: Db;

beforeAll(async () => {
  db = createPool(await createTestDatabase(), silent, { max: 10 });
  await migrate(db, silent);
  await db.query('CREATE TABLE audited_things (id text PRIMARY KEY, n int NOT NULL CHECK (n >= 0))');
}, 120_000);
afterAll(async () => { await db?.end(); });

const insertThing = (id: string, n: number) => ({ sql: 'INSERT INTO audited_things (id, n) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING *', params: [id, n] });
const auditedFor = async (id: string) => (await db.query('SELECT actor, action, record_id, after FROM audit_log WHERE record_id = $1', [id])).rows;

describe('writeAudited: a write and its audit row as one statement', () => {
  it('writes both and returns the written row', async () => {
    const id = randomUUID();
    const rows = await writeAudited<{ id: string; n: number }>(db, insertThing(id, 3), { actor: 'aad-1', action: 'thing.made', recordType: 'thing', recordId: id, after: { n: 3 } });
    expect(rows).toEqual([{ id, n: 3 }]);
    expect(await auditedFor(id)).toEqual([{ actor: 'aad-1', action: 'thing.made', record_id: id, after: { n: 3 } }]);
  });

  it('writes no audit row when the write changed nothing', async () => {
    const id = randomUUID();
    await writeAudited(db, insertThing(id, 1), { actor: 'aad-1', action: 'thing.made', recordId: id });
    expect(await writeAudited(db, insertThing(id, 2), { actor: 'aad-1', action: 'thing.made', recordId: id })).toEqual([]);
    expect(await auditedFor(id)).toHaveLength(1);
  });

  it('writes neither when the write fails', async () => {
    const id = randomUUID();
    await expect(writeAudited(db, insertThing(id, -1), { actor: 'aad-1', action: 'thing.made', recordId: id })).rejects.toMatchObject({ code: '23514' });
    expect(await auditedFor(id)).toEqual([]);
  });

  it('writes neither when the audit row fails', async () => {
    const id = randomUUID();
    // actor is NOT NULL in audit_log: the audit insert fails, so the thing must not be kept either.
    await expect(writeAudited(db, insertThing(id, 1), { actor: null as unknown as string, action: 'thing.made', recordId: id })).rejects.toMatchObject({ code: '23502' });
    expect((await db.query('SELECT 1 FROM audited_things WHERE id = $1', [id])).rows).toEqual([]);
  });
});

describe('the safety answer starts a check in one statement', () => {
  const policy = loadPolicy('policies');
  const flow = () => new CheckFlow({ db, policy, clock: new ManualClock(new Date('2027-03-02T10:00:00Z')), directory: { hubs: [], people: [] } as never });

  it('30 presses of one safety card at once start one check with one audit row; anyone else holding the card is refused', async () => {
    const checkKey = randomUUID();
    const input = { area: 'barnet', immediateRisk: 'no', checkKey };
    const views = await Promise.all(Array.from({ length: 30 }, () => flow().answerSafety(socialWorker.aadObjectId, input)));
    expect(views.filter((v) => v.kind === 'step')).toHaveLength(1);
    expect(views.filter((v) => v.kind === 'duplicate')).toHaveLength(29);
    const started = views.find((v) => v.kind === 'step');
    expect(started?.kind === 'step' && started.check).toMatchObject({ id: checkKey, owner_aad: socialWorker.aadObjectId, status: 'in-progress', step: 'involvement', version: expect.any(Number), answers: { area: 'barnet' } });
    expect(await auditedFor(checkKey)).toEqual([{ actor: socialWorker.aadObjectId, action: 'check.started', record_id: checkKey, after: { area: 'barnet' } }]);

    await expect(flow().answerSafety(socialWorkerB.aadObjectId, input)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await auditedFor(checkKey)).toHaveLength(1);
    expect((await db.query('SELECT owner_aad FROM checks WHERE id = $1', [checkKey])).rows).toEqual([{ owner_aad: socialWorker.aadObjectId }]);
  });
});

describe('checks started at once share statements', () => {
  const policy = loadPolicy('policies');
  const newCheck = (id: string, owner: string) => ({ id, owner, step: 'involvement' as const, answers: { area: 'barnet' }, now: new Date('2027-03-02T10:00:00Z') });
  const started = (id: string, actor: string) => ({ actor, action: 'check.started', recordType: 'check', recordId: id, after: { area: 'barnet' } });

  it('41 safety answers at once, two cards pressed twice: far fewer statements, each check once with its own audit row, the later press of a card changes nothing', async () => {
    const pool = createPool(await createTestDatabase(), silent, { max: 10 });
    try {
      await migrate(pool, silent);
      let statements = 0;
      const query = pool.query.bind(pool);
      pool.query = ((...args: Parameters<Db['query']>) => { statements += 1; return query(...args); }) as Db['query'];
      const flow = new CheckFlow({ db: pool, policy, clock: new ManualClock(new Date('2027-03-02T10:00:00Z')), directory: { hubs: [], people: [] } as never });
      const ids = Array.from({ length: 39 }, () => randomUUID());
      const owners = ids.map((_id, i) => (i % 2 ? socialWorker : socialWorkerB).aadObjectId);
      // The first card's second press comes after its first was written (the first press went alone);
      // the sixth card's two presses wait together and go in one statement.
      const presses = [...ids.map((id, i) => ({ id, owner: owners[i]! })), { id: ids[0]!, owner: owners[0]! }, { id: ids[5]!, owner: owners[5]! }];
      const views = await Promise.all(presses.map((p) => flow.answerSafety(p.owner, { area: 'barnet', immediateRisk: 'no', checkKey: p.id })));
      // A few batched statements, and one look-up for each later press.
      expect(statements).toBeLessThan(10);
      expect(views.slice(0, 39).map((v) => v.kind === 'step' && [v.check.id, v.check.owner_aad, v.check.status, v.check.step])).toEqual(ids.map((id, i) => [id, owners[i], 'in-progress', 'involvement']));
      expect(views.slice(39)).toEqual([{ kind: 'duplicate' }, { kind: 'duplicate' }]);
      const audit = await pool.query('SELECT record_id, actor FROM audit_log WHERE action = $1 ORDER BY record_id', ['check.started']);
      expect(audit.rows).toEqual(ids.map((id, i) => ({ record_id: id, actor: owners[i] })).sort((a, b) => a.record_id.localeCompare(b.record_id)));
    } finally {
      await pool.end();
    }
  });

  it('a start whose row fails fails alone: the others in its batch are written', async () => {
    const { startCheck } = await import('../../src/store/check-store.js');
    const [a, b, bad, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const press = (id: string, actor: string | null) => startCheck(db, newCheck(id, socialWorker.aadObjectId), started(id, actor as string));
    // The first two go alone (two statements at once); the next three wait and go as one, which the audit row without an actor breaks.
    const me = socialWorker.aadObjectId;
    const results = await Promise.allSettled([press(a, me), press(b, me), press(bad, null), press(c, me), press(d, me)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await db.query('SELECT id FROM checks WHERE id = ANY($1) ORDER BY id', [[a, b, bad, c, d]])).rows.map((r: { id: string }) => r.id)).toEqual([a, b, c, d].sort());
    expect(await auditedFor(bad)).toEqual([]);
    expect(await auditedFor(c)).toHaveLength(1);
  });

  it('a batch the database could not take fails each of its starts at once, without asking again one by one', async () => {
    const pool = createPool(await createTestDatabase(), silent, { max: 10 });
    try {
      await migrate(pool, silent);
      const { startCheck } = await import('../../src/store/check-store.js');
      const sent: number[] = [];
      const query = pool.query.bind(pool);
      // The database goes away while the batch is at it (as when the server is shut down).
      pool.query = (async (...args: Parameters<Db['query']>) => {
        const params = args[1] as unknown[][] | undefined;
        sent.push(Array.isArray(params?.[0]) ? params[0].length : 1);
        await new Promise((r) => setTimeout(r, 20));
        throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      }) as Db['query'];
      const me = socialWorker.aadObjectId;
      const ids = Array.from({ length: 6 }, () => randomUUID());
      const results = await Promise.allSettled(ids.map((id) => startCheck(pool, newCheck(id, me), started(id, me))));
      expect(results.map((r) => r.status === 'rejected' && (r.reason as { code?: string }).code)).toEqual(ids.map(() => '57P01'));
      // Two alone, then the other four as one statement: nothing tried again.
      expect(sent).toEqual([1, 1, 4]);
      pool.query = query;
    } finally {
      await pool.end();
    }
  });

  it('is refused inside a transaction, as the pool is', async () => {
    const { withTransaction, PoolInsideTransactionError } = await import('../../src/store/db.js');
    const { startCheck } = await import('../../src/store/check-store.js');
    const id = randomUUID();
    const me = socialWorker.aadObjectId;
    await expect(withTransaction(db, () => startCheck(db, newCheck(id, me), started(id, me)))).rejects.toBeInstanceOf(PoolInsideTransactionError);
    expect(await auditedFor(id)).toEqual([]);
  });
});

describe('audited writes are prepared statements', () => {
  it('after another instance adds a column under them, the write fails once as "try again" and then works on a fresh connection', async () => {
    const { isDatabaseUnavailable, withTransaction } = await import('../../src/store/db.js');
    const one = createPool(await createTestDatabase(), silent, { max: 1 });
    try {
      await migrate(one, silent);
      await one.query('CREATE TABLE prepared_things (id text PRIMARY KEY)');
      const write = (id: string) => ({ sql: 'INSERT INTO prepared_things (id) VALUES ($1) RETURNING *', params: [id] });
      const audit = (id: string) => ({ actor: 'test', action: 'thing.added', recordType: 'thing', recordId: id });
      // Prepared on the pool's only connection, inside a transaction and outside one.
      await withTransaction(one, (tx) => writeAudited(tx, write('a'), audit('a')));
      await writeAudited(one, write('b'), audit('b'));
      await one.query('ALTER TABLE prepared_things ADD COLUMN note text');
      const stale = await withTransaction(one, (tx) => writeAudited(tx, write('c'), audit('c'))).then(() => undefined, (e: unknown) => e);
      expect(isDatabaseUnavailable(stale)).toBe(true);
      // The connection that held the old statement was let go: the same write now works, with the new column.
      const rows = await withTransaction(one, (tx) => writeAudited<{ id: string; note: string | null }>(tx, write('c'), audit('c')));
      expect(rows).toEqual([{ id: 'c', note: null }]);
    } finally {
      await one.end();
    }
  });
});
