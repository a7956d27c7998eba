import { describe, expect, it } from 'vitest';
import { createPool } from '../../src/store/db.js';
import { migrate, listMigrations } from '../../src/store/migrate.js';
import { startJobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestDatabase } from '../support/database.js';

const log = createLogger('silent');

describe('migrations', () => {
  it('apply once when several instances start together', async () => {
    const url = await createTestDatabase();
    const pools = [1, 2, 3, 4].map(() => createPool(url, log, { max: 2 }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p, log)));
      const all = listMigrations().map((m) => m.version);
      // Numeric order: a string sort would put 10 before 2.
      expect(applied.flat().sort((a, b) => a - b)).toEqual(all);
      const rows = await pools[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.rows.map((r) => r.version)).toEqual(all);
      expect(await migrate(pools[0]!, log)).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('the job queue installs once when several instances start together on a fresh database', async () => {
    // graphile-worker creates its schema without a lock of its own: unserialised, all but one
    // instance failed with "duplicate key … pg_namespace" (three instances in CI).
    const url = await createTestDatabase();
    const pools = [1, 2, 3, 4].map(() => createPool(url, log, { max: 4 }));
    try {
      await Promise.all(pools.map((p) => migrate(p, log)));
      const runners = await Promise.all(pools.map((p) => startJobRunner(p, log, {}, 1, 200)));
      await Promise.all(runners.map((r) => r.stop()));
      const schemas = await pools[0]!.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'graphile_worker'`);
      expect(schemas.rows[0].n).toBe(1);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("waits for another instance's job queue install however long it takes, past the pool's lock timeout", async () => {
    const url = await createTestDatabase();
    const pool = createPool(url, log, { max: 4, lockTimeoutMs: 300 });
    const other = createPool(url, log, { max: 1 });
    try {
      await migrate(pool, log);
      // Another instance holds the install lock for longer than this pool's lock timeout.
      const holder = await other.connect();
      await holder.query('SELECT pg_advisory_lock(727002)');
      const started = startJobRunner(pool, log, {}, 1, 200);
      await new Promise((r) => setTimeout(r, 1_000));
      await holder.query('SELECT pg_advisory_unlock(727002)');
      holder.release();
      const runner = await started;
      expect(runner.started).toBe(true);
      await runner.stop();
    } finally {
      await Promise.all([pool.end(), other.end()]);
    }
  });
});
