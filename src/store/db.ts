// Owns the connection pool and the transaction helper every store uses, and
// the rule that keeps them from deadlocking: one connection per unit of work.
//
// Inside `withTransaction(db, tx => …)` only `tx` may be used. Taking a second
// connection from the pool there is how a burst of presses once hung the
// whole app: each transaction held a row lock and waited for a free
// connection, while every connection was held by a transaction waiting for
// that lock. The pool below knows (a scoped value, request-context.ts) when it is called from
// inside an active transaction and refuses at once with a programming error.
//
// It refuses in production too, on purpose: a refused call fails one turn
// with the apology card and a log line whose stack names the culprit, while
// letting it through fails every turn of every user once the pool runs dry,
// which is exactly when nobody can diagnose it. The check is one
// AsyncLocalStorage look-up per connection taken.
import pg from 'pg';
import type { Logger } from '../log/logger.js';
import { scopedValue } from '../log/request-context.js';

export type Tx = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** Pool size and the time limits every connection carries (see src/config/env.ts for the defaults). */
export interface PoolSettings {
  max: number;
  /**
   * The pool stops closing idle connections once only this many are open
   * (pg-pool's `min`; at most `max`; the job runner's listening connection
   * counts). It opens none in advance: after a start or a lost database the
   * first burst still opens them. A new connection costs a server process, a
   * password exchange and every statement prepared again (the first five
   * runs of each planned afresh); in the bench's latency runs the first
   * burst after a quiet spell paid that and was the slowest of the run.
   */
  keepOpen: number;
  /** An idle connection above `keepOpen` closes after this long (whichever has idled longest first). */
  idleCloseMs: number;
  /** How long to wait for a free connection before failing the caller (never wait forever). */
  connectTimeoutMs: number;
  /** PostgreSQL cancels a statement running longer than this. */
  statementTimeoutMs: number;
  /** PostgreSQL gives up waiting for a lock after this (a row lock held by a stuck transaction). */
  lockTimeoutMs: number;
  /** PostgreSQL ends a session idle inside an open transaction this long (frees its locks). */
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  max: 10,
  keepOpen: 10,
  idleCloseMs: 10_000,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 15_000,
  lockTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 30_000,
};

export class PoolInsideTransactionError extends Error {
  readonly code = 'POOL_INSIDE_TRANSACTION';
  constructor() {
    super('Programming error: the connection pool was used inside withTransaction. Use the transaction\'s client (tx) for everything done inside it.');
  }
}

interface TransactionScope { active: boolean }
const transactionScope = scopedValue<TransactionScope>('transaction');

/** True while the caller runs inside an open withTransaction callback. */
export function insideTransaction(): boolean {
  return transactionScope.get()?.active === true;
}

/**
 * A pg.Pool that refuses to hand out a connection to code running inside a
 * transaction. `query` goes through `connect`, so one check covers both.
 */
export class Db extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    if (insideTransaction()) {
      const err = new PoolInsideTransactionError();
      if (callback) return callback(err, undefined, () => undefined);
      return Promise.reject(err);
    }
    return callback ? super.connect(callback) : super.connect();
  }
}

export function createPool(connectionString: string, log: Logger, settings: Partial<PoolSettings> = {}): Db {
  const s = { ...DEFAULT_POOL_SETTINGS, ...settings };
  const pool = new Db({
    connectionString,
    max: s.max,
    min: Math.min(s.keepOpen, s.max),
    idleTimeoutMillis: s.idleCloseMs,
    // Kept connections may idle for hours. TCP keep-alive (a probe after 30 s idle) keeps NAT and
    // firewall idle timeouts from dropping them, and lets the kernel notice one lost anyway (it then
    // errors and leaves the pool), though only after its probes fail (minutes at Linux defaults).
    // Unix sockets (the embedded server) have no use for it and ignore it.
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
    application_name: 'right-response',
    connectionTimeoutMillis: s.connectTimeoutMs,
    // Sent in the start-up packet, so every session (the job runner's too) has them from its first statement.
    statement_timeout: s.statementTimeoutMs,
    lock_timeout: s.lockTimeoutMs,
    idle_in_transaction_session_timeout: s.idleInTransactionTimeoutMs,
  });
  // A client losing its server (PostgreSQL restarting) emits 'error'; unheard, that ends the process.
  // Idle clients: the pool's 'error'. Checked-out clients (the job runner's LISTEN connection, a
  // transaction's): a listener on every client from birth; the statement in flight fails anyway.
  pool.on('error', (err) => log.warn({ code: (err as { code?: string }).code ?? err.message }, 'idle database connection lost'));
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ code: (err as { code?: string }).code ?? err.message }, 'database connection lost')));
  return pool;
}

/**
 * Work a failed transaction leaves for after its rollback, carried by the
 * error it threw: e.g. the audit row of a refusal, which must outlive the
 * rollback. It runs on a fresh connection once the transaction's own is back
 * in the pool, so no transaction ever waits on a second connection.
 */
export interface AfterRollback { afterRollback(db: Db): Promise<void> }

function hasAfterRollback(err: unknown): err is AfterRollback {
  return typeof (err as Partial<AfterRollback> | null)?.afterRollback === 'function';
}

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  const scope: TransactionScope = { active: true };
  let outcome: { ok: true; value: T } | { ok: false; err: unknown };
  let broken: Error | undefined;
  // A connection lost while checked out emits 'error' on the client; unheard, that would end the
  // process. The statement in flight fails with it anyway, and the client is destroyed on release.
  const onLost = (err: Error) => { broken = err; };
  client.on('error', onLost);
  try {
    await client.query('BEGIN');
    const value = await transactionScope.run(scope, () => work(client));
    await client.query('COMMIT');
    outcome = { ok: true, value };
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: Error) => { broken = rollbackErr; });
    // This connection's prepared statements no longer fit the tables (see isStalePreparedStatement): not reused.
    if (isStalePreparedStatement(err)) broken ??= err as Error;
    outcome = { ok: false, err };
  } finally {
    scope.active = false;
    client.off('error', onLost);
    // A client whose connection was lost (or whose ROLLBACK failed) is destroyed, not reused.
    client.release(broken);
  }
  if (outcome.ok) return outcome.value;
  if (hasAfterRollback(outcome.err)) await outcome.err.afterRollback(db);
  throw outcome.err;
}

// Connection-level failures: the server is down, restarting, refusing or
// unreachable, or no connection came free in time. A turn that meets one is
// answered "try again in a minute"; the pool reconnects by itself.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', // admin shutdown, crash shutdown, cannot connect now (starting up or recovering)
  '53300', // too many connections
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '55P03', '57014', // lock_timeout, statement_timeout: busy rather than down, and as transient
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|not queryable|Cannot use a pool after calling end/i;

/**
 * A prepared statement (an audited write returning its row) whose result's
 * columns changed under it: another instance migrated the tables while this one ran.
 * The connection is let go (pool.query already destroys a client whose query
 * failed; withTransaction does so for this error), and the next connection
 * prepares it afresh, so it is answered as "try again", not as a bug.
 */
export function isStalePreparedStatement(err: unknown): boolean {
  // By the routine that raises it, not the message (a server may speak another language).
  return err instanceof Error && (err as { code?: unknown }).code === '0A000' && (err as { routine?: unknown }).routine === 'RevalidateCachedQuery';
}

/** True when an error means the database is unavailable or overloaded just now (not a bug, not bad input). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  // A server reached through a Unix socket (the embedded one) that is down has no socket file:
  // ENOENT, but only from connect (any other ENOENT is a missing file, a bug).
  const socketGone = code === 'ENOENT' && (err as { syscall?: unknown }).syscall === 'connect';
  return (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || socketGone || isStalePreparedStatement(err) || UNAVAILABLE_MESSAGES.test(err.message)
    || (err instanceof AggregateError && err.errors.some(isDatabaseUnavailable));
}

/** True when the database answers a trivial query (readiness). */
export async function databaseAnswers(q: Queryable): Promise<boolean> {
  return q.query('SELECT 1').then(() => true, () => false);
}
