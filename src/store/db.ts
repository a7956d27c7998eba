// Owns the connection pool and the transaction helper every store uses.
import pg from 'pg';
import type { Logger } from '../log/logger.js';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

export function createPool(connectionString: string, log: Logger, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max, application_name: 'right-response' });
  // An idle client losing its server (e.g. PostgreSQL restarting) must not crash the process.
  pool.on('error', (err) => log.warn({ err }, 'idle database client error'));
  return pool;
}

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** True for PostgreSQL errors that mean "try the transaction again". */
export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '40001' || code === '40P01';
}
