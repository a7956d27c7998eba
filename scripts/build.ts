// `npm run build`: src/ compiled to dist/ (tsc -p tsconfig.build.json) with
// the SQL migrations the compiled code reads beside itself. Cards, policies
// and config are read from the project root at run time, so not copied.
//
// Safe to run twice at once (two test runs, a benchmark and a test run):
// builds are serialised by a lock, and each compiles into a scratch folder
// that replaces dist/ by rename, so nothing ever loads a half-written dist/.
// With --if-stale it builds only when a source is newer than dist/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
// Scratch space inside node_modules: ignored by git, Docker and the repository's own checks.
const SCRATCH = path.join(ROOT, 'node_modules', '.cache', 'rr-build');
const LOCK = path.join(SCRATCH, 'lock');
const LOCK_WAIT_MS = 10 * 60_000;

function newestIn(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((newest, e) => Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

/** True when dist/ is missing or older than a source, the lock file or the build settings. */
export function buildIsStale(): boolean {
  if (!existsSync(path.join(DIST, 'main.js'))) return true;
  const inputs = Math.max(newestIn(path.join(ROOT, 'src')), ...['package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  return newestIn(DIST) < inputs;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withBuildLock<T>(work: () => T): Promise<T> {
  mkdirSync(SCRATCH, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK); // atomic: exactly one builder gets it
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A builder that died (kill -9) leaves its lock: taken back once its process is gone.
      const owner = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8').trim() || NaN);
      if (Number.isInteger(owner) && !alive(owner)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another build (pid ${owner}) has held ${LOCK} for ${LOCK_WAIT_MS / 60_000} minutes`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function compileAndSwap(): void {
  const partial = path.join(SCRATCH, `dist-${process.pid}-${Date.now()}`);
  const old = `${partial}-old`;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', partial], { cwd: ROOT, stdio: 'inherit' });
    cpSync(path.join(ROOT, 'src/store/migrations'), path.join(partial, 'store/migrations'), { recursive: true });
    pointSourceMapsFrom(partial);
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(partial, DIST);
  } finally {
    rmSync(partial, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

/** Source maps name their sources relative to where tsc wrote them: rewritten as seen from dist/. */
function pointSourceMapsFrom(partial: string): void {
  for (const e of readdirSync(partial, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.js.map')) continue;
    const file = path.join(e.parentPath, e.name);
    const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] };
    const finalDir = path.join(DIST, path.relative(partial, e.parentPath));
    map.sources = map.sources.map((s) => path.relative(finalDir, path.resolve(e.parentPath, s)));
    writeFileSync(file, JSON.stringify(map));
  }
}

/** Builds dist/ (only when stale with `ifStale`); returns true when it built. */
export async function build(o: { ifStale?: boolean } = {}): Promise<boolean> {
  return withBuildLock(() => {
    // Checked under the lock: a build that finished while this one waited counts.
    if (o.ifStale && !buildIsStale()) return false;
    compileAndSwap();
    return true;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await build({ ifStale: process.argv.includes('--if-stale') });
  if (!built) console.log('dist/ is up to date');
}
