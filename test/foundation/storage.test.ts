import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { PostgresStorage, ETagConflictError } from '../../src/store/bot-state-storage.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestDatabase } from '../support/database.js';

const log = createLogger('silent');
let db: Db;
beforeAll(async () => {
  db = createPool(await createTestDatabase(), log);
  await migrate(db, log);
});
afterAll(async () => { await db.end(); });

describe('PostgresStorage (botbuilder Storage port)', () => {
  it('reads back what it wrote, with an eTag', async () => {
    const storage = new PostgresStorage(db);
    await storage.write({ 'msteams/bot/conversations/c1': { step: 'needs', count: 1 } });
    const items = await storage.read(['msteams/bot/conversations/c1', 'missing']);
    expect(items['msteams/bot/conversations/c1']).toMatchObject({ step: 'needs', count: 1 });
    expect(typeof items['msteams/bot/conversations/c1']!.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it('rejects a write carrying a stale eTag and accepts "*"', async () => {
    const storage = new PostgresStorage(db);
    await storage.write({ k2: { v: 1 } });
    const first = (await storage.read(['k2'])).k2!;
    const second = (await storage.read(['k2'])).k2!;
    await storage.write({ k2: { ...first, v: 2 } });
    await expect(storage.write({ k2: { ...second, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    await storage.write({ k2: { v: 4, eTag: '*' } });
    expect((await storage.read(['k2'])).k2).toMatchObject({ v: 4 });
  });

  it('lets exactly one of two racing writers with the same eTag win', async () => {
    const storage = new PostgresStorage(db);
    await storage.write({ k3: { v: 0 } });
    const seen = (await storage.read(['k3'])).k3!;
    const results = await Promise.allSettled([1, 2].map((v) => storage.write({ k3: { ...seen, v } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('deletes', async () => {
    const storage = new PostgresStorage(db);
    await storage.write({ k4: { v: 1 } });
    await storage.delete(['k4']);
    expect(await storage.read(['k4'])).toEqual({});
  });
});
