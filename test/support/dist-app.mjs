// Runs the production build (dist/, plain node: no TypeScript tooling) for
// the multi-instance test. Configuration from the environment as in
// production; the job runner's crash detection is shortened so a killed
// sibling's jobs are released after seconds rather than a minute.
// Prints "READY <url>" once listening; SIGTERM drains as `npm run start:prod` does.
import process from 'node:process';
import { loadConfig } from '../../dist/config/env.js';
import { startApp } from '../../dist/main.js';
import { drainAndStop } from '../../dist/server/drain.js';

const staleMs = Number(process.env.TEST_JOB_STALE_MS ?? '3000');
const config = loadConfig(process.env);
const app = await startApp(config, {
  jobPollIntervalMs: 100,
  jobLiveness: { intervalMs: Math.max(100, Math.round(staleMs / 5)), staleAfterMs: staleMs },
});
process.stdout.write(`READY ${app.url}\n`);
const stop = (signal) => void drainAndStop(app, { delayMs: 0, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, signal).then((code) => process.exit(code));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
