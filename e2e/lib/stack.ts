// Owns what an e2e run stands up and tears down: the bot (in this process,
// on a free port) with a fresh database, and one Agents Playground per demo
// person, each on its own free port. Everything started is stopped by
// `stop()`, which the runner calls in a finally, so a failing journey leaves
// no bot, database or Playground behind.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startApp, type RunningApp } from '../../src/main.js';
import { loadConfig } from '../../src/config/env.js';
import { launchPlayground } from '../../scripts/lib/playground.js';
import { freePort } from '../../test/support/ports.js';

export interface PlaygroundProcess { name: string; url: string; child: ChildProcess }

export interface Stack {
  app: RunningApp;
  /** Starts a Playground as one of the demo people ("hub manager", "lead practitioner"…). */
  playgroundAs(who: string): Promise<PlaygroundProcess>;
  stop(): Promise<void>;
}

/**
 * A fresh database: by default the embedded PostgreSQL in a new temporary
 * folder (a machine with only Node and Chromium can run this). With
 * E2E_DATABASE_URL or TEST_DATABASE_URL (an admin URL), a new database on that
 * server instead, dropped at the end. Never the DATABASE_URL of the
 * environment or .env: that may be someone's real data.
 */
async function freshDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const admin = process.env.E2E_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!admin) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rr-e2e-data-'));
    // DATABASE_URL blanked: a person's own database in their environment is never used.
    return { env: { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '' }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `rr_e2e_${Date.now().toString(36)}_${process.pid}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function listening(child: ChildProcess, port: number, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the Agents Playground did not start on port ${port} within ${timeoutMs / 1000} s. It said:\n${output}`)), timeoutMs);
    const watch = (d: Buffer) => {
      output += d.toString();
      if (output.includes(`Listening on ${port}`)) { clearTimeout(timer); resolve(); }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the Agents Playground exited (${code}) before listening. It said:\n${output}`)); });
  });
}

export async function startStack(logFile: string): Promise<Stack> {
  const database = await freshDatabase();
  // A real port, not 0: the bot writes its own address into calendar and export links.
  const port = await freePort();
  const config = loadConfig({
    ...process.env,
    APP_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    OPEN_PLAYGROUND: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
    MicrosoftAppId: '',
    ...database.env,
  });
  let app: RunningApp;
  try {
    app = await startApp(config, { logDestination: pino.destination({ dest: logFile, mkdir: true, sync: true }), jobPollIntervalMs: 200 });
  } catch (err) {
    await database.drop().catch(() => undefined);
    throw err;
  }
  const playgrounds: PlaygroundProcess[] = [];
  return {
    app,
    async playgroundAs(who) {
      const port = await freePort();
      const { child, name } = launchPlayground(`${app.url}/api/messages`, port, who);
      const started = { name, url: `http://localhost:${port}`, child };
      playgrounds.push(started);
      await listening(child, port);
      return started;
    },
    async stop() {
      for (const p of playgrounds) {
        if (p.child.exitCode !== null || p.child.signalCode !== null) continue;
        const exited = new Promise((r) => p.child.once('exit', r));
        p.child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      }
      await app.stop();
      await database.drop();
    },
  };
}
