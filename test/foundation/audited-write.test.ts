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
