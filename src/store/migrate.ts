// Owns schema versioning: applies the numbered SQL files in migrations/ once,
// in one transaction, under an advisory lock so several instances can start together.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTransaction, type Db } from './db.js';
import type { Logger } from '../log/logger.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Arbitrary but fixed: the advisory lock id that serialises migrators.
const MIGRATION_LOCK_ID = 727_001;

export interface Migration { version: number; name: string; sql: string }

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number.parseInt(file.slice(0, 3), 10),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(path.join(dir, file), 'utf8'),
    }));
}

export async function migrate(db: Db, log: Logger, migrations = listMigrations()): Promise<number[]> {
  return withTransaction(db, async (tx) => {
    // A migration may rewrite a large table, and a second instance waits here for the first one's:
    // neither is an interactive statement, so the pool's time limits do not apply.
    await tx.query(`SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0`);
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.query(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
      log.info({ migration: m.name }, 'migration applied');
    }
    return done;
  });
}

export async function pendingMigrations(db: Db, migrations = listMigrations()): Promise<number> {
  const exists = await db.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return migrations.length;
  const applied = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
  const set = new Set(applied.rows.map((r) => r.version));
  return migrations.filter((m) => !set.has(m.version)).length;
}

// Serialises the job queue's own installer across instances: graphile-worker
// creates its schema without a lock, so two instances starting on a fresh
// database both try CREATE SCHEMA and one fails (seen in CI with three).
const JOB_QUEUE_INSTALL_LOCK_ID = 727_002;

/**
 * Runs `work` while holding a session advisory lock on a connection of its own.
 * Not a transaction: `work` uses the pool as usual, on other connections.
 */
export async function withJobQueueInstallLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  const onLost = (err: Error) => { broken = err; };
  client.on('error', onLost);
  try {
    // Waiting for another instance's install is not an interactive statement.
    await client.query('SET statement_timeout = 0; SET lock_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [JOB_QUEUE_INSTALL_LOCK_ID]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [JOB_QUEUE_INSTALL_LOCK_ID]).catch((err: Error) => { broken = err; });
    }
  } finally {
    client.off('error', onLost);
    // Destroyed rather than returned: its session settings were changed.
    client.release(broken ?? true);
  }
}
