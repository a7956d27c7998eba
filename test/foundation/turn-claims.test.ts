// Issue 16 part 6: the turn guard's claims are batched under load. Batching
// must not weaken exactly-once: of every claim of one activity exactly one
// wins (in one batch or across batches), a reference is remembered only for
// a fresh claim (the latest per person), and a failed statement fails every
// claim in it rather than letting any through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../support/database.js';
import { createPool, type Db, type Queryable } from '../../src/store/db.js';
import { createLogger } from '../../src/log/logger.js';
import { migrate } from '../../src/store/migrate.js';
import { createTurnClaims, type TurnClaim, type TurnClaims } from '../../src/store/turn-claims.js';

const claimedBy = async (claims: TurnClaims, c: TurnClaim) => (await claims.claim(c)).claimed;

const silent = createLogger('silent');
let db: Db;

beforeAll(async () => {
  db = createPool(await createTestDatabase(), silent, { max: 10 });
  await migrate(db, silent);
}, 120_000);
afterAll(async () => { await db?.end(); });

/** The pool, counting the statements sent through it. */
function counted(q: Queryable): Queryable & { statements: number } {
  const c = { statements: 0, query: ((...args: Parameters<Queryable['query']>) => { c.statements += 1; return q.query(...args); }) as Queryable['query'] };
  return c;
}

const reference = (conversation: string) => ({ serviceUrl: 'https://smba.example/uk/', conversation: { id: conversation, conversationType: 'personal' } });
const refOf = async (aad: string) => (await db.query('SELECT reference FROM conversation_refs WHERE aad_object_id = $1', [aad])).rows[0]?.reference as unknown;

describe('batched turn claims', () => {
  it('200 claims at once, five of each of 40 activities: one of each wins, in far fewer statements', async () => {
    const q = counted(db);
    const claims = createTurnClaims(q);
    const keys = Array.from({ length: 40 }, () => `a:conv|${randomUUID()}`);
    const attempts = Array.from({ length: 200 }, (_, i) => keys[i % 40]!);
    const won = await Promise.all(attempts.map((dedupeKey) => claimedBy(claims, { dedupeKey })));
    for (const key of keys) expect(won.filter((w, i) => w && attempts[i] === key)).toHaveLength(1);
    expect(q.statements).toBeLessThan(20);
    const stored = await db.query('SELECT count(*)::int AS n FROM processed_activities WHERE activity_key = ANY($1)', [keys]);
    expect(stored.rows[0].n).toBe(40);
    // A resend after the batch is a duplicate too.
    expect(await claimedBy(claims, { dedupeKey: keys[0] })).toBe(false);
  });

  it('two claimers (two instances) racing for the same activities: one winner each', async () => {
    const a = createTurnClaims(db);
    const b = createTurnClaims(db);
    const keys = Array.from({ length: 30 }, () => `a:conv|${randomUUID()}`);
    const results = await Promise.all([...keys.map((k) => claimedBy(a, { dedupeKey: k })), ...[...keys].reverse().map((k) => claimedBy(b, { dedupeKey: k }))]);
    const wins = keys.map((k, i) => Number(results[i]) + Number(results[keys.length + (keys.length - 1 - i)]));
    expect(wins).toEqual(keys.map(() => 1));
  });

  it('remembers the reference of a fresh claim only, the latest per person in a batch, and only writes it when it changed', async () => {
    const claims = createTurnClaims(db);
    const aad = randomUUID();
    const key = `a:conv|${randomUUID()}`;
    const batch: TurnClaim[] = [
      { dedupeKey: key, user: { aadObjectId: aad, reference: reference('a:first') } },
      { dedupeKey: `a:conv|${randomUUID()}`, user: { aadObjectId: aad, reference: reference('a:second') } },
      // A resend of the first activity: a duplicate, so its (different) reference is not kept.
      { dedupeKey: key, user: { aadObjectId: aad, reference: reference('a:from-a-resend') } },
    ];
    const won = await Promise.all(batch.map((c) => claimedBy(claims, c)));
    // Two statements may be at the database at once, so either copy of the activity may be the one that
    // wins, never both; the reference kept is a winner's, never the loser's.
    expect(won[1]).toBe(true);
    expect([won[0], won[2]].filter(Boolean)).toHaveLength(1);
    const loser = won[0] ? 'a:from-a-resend' : 'a:first';
    const fresh = [reference('a:first'), reference('a:second'), reference('a:from-a-resend')].filter((r) => JSON.stringify(r) !== JSON.stringify(reference(loser)));
    expect(fresh).toContainEqual(await refOf(aad));
    await claimedBy(claims, { dedupeKey: `a:conv|${randomUUID()}`, user: { aadObjectId: aad, reference: reference('a:second') } });

    const before = (await db.query('SELECT updated_at FROM conversation_refs WHERE aad_object_id = $1', [aad])).rows[0].updated_at as Date;
    expect(await claimedBy(claims, { dedupeKey: `a:conv|${randomUUID()}`, user: { aadObjectId: aad, reference: reference('a:second') } })).toBe(true);
    const after = (await db.query('SELECT updated_at FROM conversation_refs WHERE aad_object_id = $1', [aad])).rows[0].updated_at as Date;
    expect(after).toEqual(before);
    // Activities that are never resent (no key) always run, and still leave a reference.
    const other = randomUUID();
    expect(await claimedBy(claims, { user: { aadObjectId: other, reference: reference('a:install') } })).toBe(true);
    expect(await refOf(other)).toEqual(reference('a:install'));
  });

  it('a claim relaxes its own commit only: the next statement on its connection commits durably again', async () => {
    const one = createPool(new URL(db.options.connectionString!).toString(), silent, { max: 1 });
    try {
      const claims = createTurnClaims(one);
      expect(await claimedBy(claims, { dedupeKey: `a:conv|${randomUUID()}` })).toBe(true);
      // The same (only) connection: a change written after a claim must wait for its flush as always.
      expect((await one.query('SHOW synchronous_commit')).rows[0].synchronous_commit).toBe('on');
    } finally {
      await one.end();
    }
  });

  it('a failed statement fails every claim in it, and the next claims go through', async () => {
    let fail = true;
    const flaky: Queryable = { query: ((...args: Parameters<Queryable['query']>) => (fail ? Promise.reject(Object.assign(new Error('terminating connection'), { code: '57P01' })) : db.query(...args))) as Queryable['query'] };
    const claims = createTurnClaims(flaky);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => claimedBy(claims, { dedupeKey: `a:conv|${randomUUID()}` })));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    fail = false;
    expect(await claimedBy(claims, { dedupeKey: `a:conv|${randomUUID()}` })).toBe(true);
  });
});
