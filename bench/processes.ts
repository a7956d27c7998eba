// The two servers the benchmark compares, each in its own process: the
// compiled Right Response (node dist/main.js, as in production, on its own
// embedded PostgreSQL) and the bare Teams AI echo bot. Also reads a
// process's resident memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { START_FLAGS } from '../src/server/garbage-collection.js';

export interface Server { name: string; url: string; pid: number; stop(): Promise<void> }

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}

async function waitUntil(what: string, child: ChildProcess, probe: () => Promise<boolean>, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited early:\n${output()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become ready:\n${output()}`);
}

export async function startBareBot(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bench/bare-echo-bot.mjs'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('the bare bot', child, async () => (await fetch(`${url}/healthz`)).ok, () => out);
  return { name: 'bare Teams AI echo bot', url, pid: child.pid!, stop: stopper(child) };
}

export interface CompiledAppOptions {
  /** Flags for node before dist/main.js (e.g. --trace-gc). */
  nodeFlags?: readonly string[];
  /** Called with everything the app writes to standard output (ignored otherwise). */
  onStdout?: (text: string) => void;
}

/** The compiled app on an embedded PostgreSQL in `dataDir` (or DATABASE_URL when given). */
export async function startCompiledApp(dataDir: string, databaseUrl?: string, o: CompiledAppOptions = {}): Promise<Server> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...process.env as Record<string, string>,
    APP_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()),
    // Production's level: what is logged per turn is part of a turn's cost.
    LOG_LEVEL: 'info', OPEN_PLAYGROUND: 'false', DATABASE_URL: databaseUrl ?? '',
  };
  const child = spawn(process.execPath, [...START_FLAGS, ...(o.nodeFlags ?? []), 'dist/main.js'], { env, stdio: ['ignore', o.onStdout ? 'pipe' : 'ignore', 'pipe'] });
  const onStdout = o.onStdout;
  if (onStdout) child.stdout!.on('data', (d: Buffer) => onStdout(d.toString()));
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('the compiled app', child, async () => (await fetch(`${url}/readyz`)).ok, () => err);
  return { name: 'Right Response (dist/)', url, pid: child.pid!, stop: stopper(child) };
}
