// The app as a real process on its embedded database: Ctrl-C stops everything,
// and a start after kill -9 recovers the orphaned database server.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rr-process-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function postgresProcessesFor(dir: string): number {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dir}`]).toString().trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

async function startBot(port: number, pgPort: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, APP_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) return child;
    if (child.exitCode !== null) throw new Error(`bot exited early: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bot did not become ready: ${stderr}`);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('the bot as a process', () => {
  it('stops cleanly on Ctrl-C (SIGINT), leaving no database server behind', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const bot = await startBot(port, pgPort);
    expect(postgresProcessesFor(path.join(dataDir, 'pg'))).toBeGreaterThan(0);
    bot.kill('SIGINT');
    expect(await exitOf(bot)).toBe(0);
    expect(postgresProcessesFor(path.join(dataDir, 'pg'))).toBe(0);
  });

  it('starts again after kill -9, recovering the orphaned database server', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const first = await startBot(port, pgPort);
    first.kill('SIGKILL');
    await exitOf(first);
    // The embedded server outlives its parent: exactly the crash we must recover from.
    expect(postgresProcessesFor(path.join(dataDir, 'pg'))).toBeGreaterThan(0);
    const second = await startBot(port, pgPort);
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(res.status).toBe(200);
    second.kill('SIGTERM');
    expect(await exitOf(second)).toBe(0);
    expect(postgresProcessesFor(path.join(dataDir, 'pg'))).toBe(0);
  });
});
