// Runs the real app in its own process for tests that kill it (SIGKILL) and
// start it again. Configuration from the environment as in production
// (APP_ENV=test, DATABASE_URL, PORT=0); prints "READY <url>" once listening.
// Proactive sends go wherever the stored conversation references point:
// the test's fake Bot Connector.
import { loadConfig } from '../../src/config/env.js';
import { startApp } from '../../src/main.js';

const livenessMs = Number(process.env.TEST_JOB_STALE_MS ?? '3000');
const app = await startApp(loadConfig(process.env), {
  // Tests poll fast; the fan-out benchmark passes production's 1,000 ms.
  jobPollIntervalMs: Number(process.env.TEST_JOB_POLL_MS ?? '100'),
  // A killed sibling's locks are released after a few seconds, not a minute.
  jobLiveness: { intervalMs: Math.max(100, Math.round(livenessMs / 5)), staleAfterMs: livenessMs },
});
process.stdout.write(`READY ${app.url}\n`);
const stop = () => void app.stop().then(() => process.exit(0), () => process.exit(1));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
