import { describe, expect, it } from 'vitest';
import { createPool } from '../../src/store/db.js';
import { migrate, listMigrations } from '../../src/store/migrate.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestDatabase } from '../support/database.js';

const log = createLogger('silent');

describe('migrations', () => {
  it('apply once when several instances start together', async () => {
    const url = await createTestDatabase();
    const pools = [1, 2, 3, 4].map(() => createPool(url, log, 2));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p, log)));
      const all = listMigrations().map((m) => m.version);
      expect(applied.flat().sort((a, b) => a - b)).toEqual(all); // numeric order: 15 after 7
      const rows = await pools[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.rows.map((r) => r.version)).toEqual(all);
      expect(await migrate(pools[0]!, log)).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
