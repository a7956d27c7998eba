// Owns where the embedded PostgreSQL's binaries and data live, and which
// user runs them. As a normal user: the binaries from node_modules and the
// data under DATA_DIR/pg, both run as that user. As root: PostgreSQL refuses
// to run as root, so it runs as the 'postgres' system user, which cannot
// enter a private project folder (mode 700, like /root). Then the binaries
// are copied once into a runtime folder that user can reach, and the data
// moves there too, in a folder only it can open; the project folder's own
// permissions are never loosened. Where even that is impossible, one plain
// paragraph says why and what to do instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Logger } from '../log/logger.js';

export interface PostgresBinaries { postgres: string; initdb: string }
export interface Placement extends PostgresBinaries {
  databaseDir: string;
  /** Set when started as root: the server runs as this user instead. */
  runAs?: { uid: number; gid: number };
}

/** Written into DATA_DIR when the data had to live elsewhere, so a person can find it. */
export const LOCATION_FILE = 'EMBEDDED_DATABASE_LOCATION.txt';
const RUN_AS_USER = 'postgres';

/** The embedded server cannot run here; the message is for a person, with the way out. */
export class EmbeddedPostgresUnavailable extends Error {
  readonly code = 'EMBEDDED_POSTGRES_UNAVAILABLE';
}

export function placeEmbeddedPostgres(dataDir: string, runtimeDir: string, log: Logger): Placement {
  const binaries = platformBinaries();
  const dataRoot = path.resolve(dataDir);
  mkdirSync(dataRoot, { recursive: true });
  if (userInfo().uid !== 0) return { ...binaries, databaseDir: path.join(dataRoot, 'pg') };

  const runAs = postgresUser();
  const reachable = canRun(binaries.postgres, runAs) ? binaries : copyBinaries(binaries, runtimeDir, runAs, log);
  // DATA_DIR is the app's own folder: the postgres user may enter it (not the project folder above it).
  chmodSync(dataRoot, 0o755);
  if (canEnter(dataRoot, runAs)) return { ...reachable, runAs, databaseDir: ownedBy(path.join(dataRoot, 'pg'), runAs) };
  return { ...reachable, runAs, databaseDir: relocatedDataDir(dataRoot, runtimeDir, runAs, log) };
}

/** The platform package embedded-postgres installed for this machine (it ships the binaries). */
function platformBinaries(): PostgresBinaries {
  const os = platform() === 'win32' ? 'windows' : platform();
  // Resolved from embedded-postgres itself, whose optional dependency it is; the entry is <package>/dist/index.js.
  const library = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const root = path.resolve(path.dirname(library.resolve(`@embedded-postgres/${os}-${arch()}`)), '..');
  const exe = os === 'windows' ? '.exe' : '';
  return { postgres: path.join(root, 'native', 'bin', `postgres${exe}`), initdb: path.join(root, 'native', 'bin', `initdb${exe}`) };
}

function postgresUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', RUN_AS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    gid: Number(execFileSync('id', ['-g', RUN_AS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', RUN_AS_USER], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '--gid', RUN_AS_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_AS_USER], { stdio: 'ignore' });
      return ids();
    } catch (err) {
      throw unavailable(`but there is no such user and one could not be created (${(err as Error).message.split('\n')[0]})`);
    }
  }
}

function canRun(binary: string, as: { uid: number; gid: number }): boolean {
  const r = spawnSync(binary, ['--version'], { uid: as.uid, gid: as.gid, cwd: '/', stdio: 'ignore' });
  return !r.error && r.status === 0;
}

function canEnter(dir: string, as: { uid: number; gid: number }): boolean {
  // `cd` needs search permission on every folder on the way: exactly what the server needs.
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid: as.uid, gid: as.gid, cwd: '/', stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** Copies the binaries (about 60 MB, once per version) into the runtime folder, readable by everyone, writable by root only. */
function copyBinaries(from: PostgresBinaries, runtimeDir: string, as: { uid: number; gid: number }, log: Logger): PostgresBinaries {
  const nativeDir = path.resolve(path.dirname(from.postgres), '..');
  const version = packageVersion(path.resolve(nativeDir, '..'));
  const target = path.join(runtimeDir, `postgres-${version}-${platform()}-${arch()}`);
  const binaries = { postgres: path.join(target, 'bin', path.basename(from.postgres)), initdb: path.join(target, 'bin', path.basename(from.initdb)) };
  try {
    makeRuntimeDir(runtimeDir);
    if (!existsSync(binaries.postgres)) {
      log.info({ from: nativeDir, to: target }, 'copying the embedded PostgreSQL binaries where the postgres user can reach them (first run as root)');
      // Copied beside the target and renamed, so two starts at once never see half a copy.
      const partial = `${target}.partial-${randomUUID()}`;
      cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      try { renameSync(partial, target); } catch { rmSync(partial, { recursive: true, force: true }); }
    }
  } catch (err) {
    throw unavailable(`${privateTo(nativeDir)}, and its binaries could not be copied to ${runtimeDir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!canRun(binaries.postgres, as)) throw unavailable(`${privateTo(nativeDir)}, and cannot reach their copy in ${runtimeDir} either`);
  return binaries;
}

/**
 * DATA_DIR is inside a folder the postgres user cannot enter: the data lives
 * in the runtime folder, keyed by DATA_DIR's path, and a note in DATA_DIR
 * says where. Deleting DATA_DIR still means "start from nothing": data whose
 * note is gone is an earlier database for the same path, and is removed.
 */
function relocatedDataDir(dataRoot: string, runtimeDir: string, as: { uid: number; gid: number }, log: Logger): string {
  const key = createHash('sha256').update(dataRoot).digest('hex').slice(0, 16);
  const dataParent = path.join(runtimeDir, 'data');
  const databaseDir = path.join(dataParent, key);
  const note = path.join(dataRoot, LOCATION_FILE);
  try {
    makeRuntimeDir(runtimeDir);
    mkdirSync(dataParent, { recursive: true, mode: 0o755 });
    if (!existsSync(note) && existsSync(databaseDir)) {
      log.warn({ databaseDir }, `${LOCATION_FILE} is gone from DATA_DIR: starting the embedded database from nothing`);
      rmSync(databaseDir, { recursive: true, force: true });
    }
    ownedBy(databaseDir, as);
    writeFileSync(note, `${[
      `The embedded database for this folder is in ${databaseDir}`,
      `(owned by the '${RUN_AS_USER}' user): the app was started as root, and that user cannot enter ${dataRoot}.`,
      'Delete this folder to start from nothing; the database there is then replaced on the next start.',
    ].join('\n')}\n`);
  } catch (err) {
    throw unavailable(`${privateTo(dataRoot)}, and its data could not be given a folder in ${runtimeDir} instead (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  log.info({ databaseDir, dataDir: dataRoot }, 'the postgres user cannot enter DATA_DIR: the embedded database lives in the runtime folder');
  return databaseDir;
}

function makeRuntimeDir(runtimeDir: string): void {
  mkdirSync(runtimeDir, { recursive: true, mode: 0o755 });
  chmodSync(runtimeDir, 0o755);
}

/** The server's data folder: owned by the user it runs as, open to nobody else (initdb insists). */
function ownedBy(databaseDir: string, as: { uid: number; gid: number }): string {
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  chownSync(databaseDir, as.uid, as.gid);
  return databaseDir;
}

function packageVersion(packageDir: string): string {
  const parsed = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}

function privateTo(folder: string): string {
  return `which cannot enter ${folder} because a folder above it is private to root`;
}

function unavailable(reason: string): EmbeddedPostgresUnavailable {
  return new EmbeddedPostgresUnavailable(
    `The embedded PostgreSQL cannot start. Started as root, it has to run as the '${RUN_AS_USER}' system user `
    + `(PostgreSQL refuses to run as root), ${reason}. Two ways out: run as a normal (non-root) user, or set DATABASE_URL `
    + 'to a PostgreSQL server of your own (for example postgres://user:password@127.0.0.1:5432/right_response). '
    + 'The project folder\'s permissions were left as they are.',
  );
}
