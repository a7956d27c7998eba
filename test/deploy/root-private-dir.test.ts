// Issue 19: as root, from a clone in a private (mode 700) folder, the
// embedded database starts (for the app and for the test run's own set-up)
// without loosening the folder; where it cannot, one paragraph and exit 1,
// never a stack trace. The ordinary path as a normal user is unchanged.
// Only meaningful as root (CI runs as root): otherwise skipped, saying why.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.js';
import { LOCATION_FILE } from '../../src/store/embedded-postgres-placement.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOBODY = { uid: 65534, gid: 65534 };
const skipReason = process.getuid?.() !== 0 ? 'not running as root: the private-folder problem of issue 19 only arises as root'
  : !existsSync(path.join(ROOT, '.git')) ? 'not a git checkout: there is nothing to clone'
    : undefined;
if (skipReason) console.log(`[root private dir] SKIPPED: ${skipReason}`);

interface Run { child: ChildProcess; stdout: string; stderr: string; exit: Promise<number | null> }

function run(command: string, args: string[], o: { cwd: string; env: Record<string, string>; as?: { uid: number; gid: number } }): Run {
  // Whatever the caller's shell has, these runs use the embedded database, outside this test run's own vitest.
  const env = Object.fromEntries(Object.entries({ ...process.env, ...o.env }).filter(([k]) => !/^(VITEST|TEST_DATABASE_URL$|DATABASE_URL$)/.test(k)));
  const child = spawn(command, args, { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...o.as });
  const r: Run = { child, stdout: '', stderr: '', exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
  child.stdout!.on('data', (d: Buffer) => { r.stdout += d.toString('utf8'); });
  child.stderr!.on('data', (d: Buffer) => { r.stderr += d.toString('utf8'); });
  return r;
}

/** Starts src/main.ts (the same entry as `npm start`, without the Playground) and waits until /readyz says ready. */
async function startApp(cwd: string, env: Record<string, string>, as?: { uid: number; gid: number }): Promise<Run & { url: string }> {
  const port = await freePort();
  const r = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd, as, env: { APP_ENV: 'development', PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // generous: a busy two-core machine starts slowly
  while (Date.now() < deadline) {
    if (r.child.exitCode !== null) throw new Error(`app exited (${r.child.exitCode}):\n${r.stderr}\n${r.stdout.slice(-2000)}`);
    if (await fetch(`${url}/readyz`).then((res) => res.status === 200, () => false)) return { ...r, url };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  r.child.kill('SIGKILL');
  throw new Error(`app did not become ready in 180 s:\n${r.stderr}\n${r.stdout.slice(-2000)}`);
}

describe.skipIf(skipReason)('root, a clone in a private folder, the embedded database', () => {
  let privateDir: string;
  let clone: string;
  let scratch: string;
  let runtimeDir: string;

  beforeAll(() => {
    privateDir = mkdtempSync(path.join(tmpdir(), 'rr-private-'));
    chmodSync(privateDir, 0o700);
    scratch = mkdtempSync(path.join(tmpdir(), 'rr-runtime-'));
    chmodSync(scratch, 0o755);
    runtimeDir = path.join(scratch, 'runtime');
    clone = path.join(privateDir, 'right-response');
    execFileSync('git', ['clone', '--quiet', '--shared', ROOT, clone]);
    execFileSync('git', ['-C', clone, 'checkout', '--quiet', execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()]);
    // The installed packages, as `npm install` would leave them (hard links: fast, and the same files).
    const linked = spawnSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
    if (linked.status !== 0) execFileSync('cp', ['-a', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
  });
  afterAll(() => {
    for (const dir of [privateDir, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('npm start\'s app runs, with its data moved where the postgres user can reach it, and the folder stays private', { timeout: 300_000 }, async () => {
    const app = await startApp(clone, { DATA_DIR: 'data', EMBEDDED_PG_RUNTIME_DIR: runtimeDir });
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);

    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const note = readFileSync(path.join(clone, 'data', LOCATION_FILE), 'utf8');
    expect(note).toContain(path.join(runtimeDir, 'data'));
    const databaseDir = /is in (\S+)/.exec(note)![1]!;
    expect(existsSync(path.join(databaseDir, 'PG_VERSION'))).toBe(true);
    expect(statSync(databaseDir).mode & 0o777).toBe(0o700);
    expect(statSync(databaseDir).uid).toBe(Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })));
    expect(app.stdout).toContain('copying the embedded PostgreSQL binaries');
  });

  it('npm test\'s own set-up starts the embedded database from the private clone', { timeout: 300_000 }, async () => {
    const r = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/foundation/migrations.test.ts'], {
      cwd: clone, env: { EMBEDDED_PG_RUNTIME_DIR: runtimeDir },
    });
    const code = await r.exit;
    expect(code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/1 passed/);
  });

  it('says why in one paragraph and exits 1, without a stack trace, where no runtime folder can be made', { timeout: 180_000 }, async () => {
    const notAFolder = path.join(scratch, 'a-file');
    writeFileSync(notAFolder, '');
    const r = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: clone, env: { APP_ENV: 'development', PORT: String(await freePort()), DATA_DIR: 'data-2', EMBEDDED_PG_RUNTIME_DIR: path.join(notAFolder, 'runtime') },
    });
    expect(await r.exit).toBe(1);
    expect(r.stderr).toContain('The embedded PostgreSQL cannot start.');
    expect(r.stderr).toContain(path.join(clone, 'node_modules'));
    expect(r.stderr).toContain('run as a normal (non-root) user, or set DATABASE_URL');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
  });

  it('as a normal user nothing moves: the data stays in DATA_DIR and the server runs as that user', { timeout: 300_000 }, async (context) => {
    const enter = spawnSync('/bin/sh', ['-c', 'cd -- "$1" && test -r package.json', 'sh', ROOT], { ...NOBODY });
    if (enter.status !== 0) {
      console.log(`[root private dir] normal-user part SKIPPED: user nobody cannot read ${ROOT}`);
      context.skip();
    }
    const dataDir = path.join(scratch, 'nobody-data');
    mkdirSync(dataDir);
    chownSync(dataDir, NOBODY.uid, NOBODY.gid);
    const app = await startApp(ROOT, { DATA_DIR: dataDir, EMBEDDED_PG_RUNTIME_DIR: path.join(scratch, 'unused'), HOME: dataDir }, NOBODY);
    const owner = execFileSync('ps', ['-o', 'user=', '-p', String(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])], { encoding: 'utf8' }).trim();
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
    expect(owner).toBe('nobody');
    expect(existsSync(path.join(dataDir, LOCATION_FILE))).toBe(false);
    expect(existsSync(path.join(scratch, 'unused'))).toBe(false);
  });
});
