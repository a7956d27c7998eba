// An embedded PostgreSQL for a test run or a test file, on a free port. The
// port is picked by the OS and released before PostgreSQL binds it, so
// another test run on the machine can take it in between (two copies of the
// suite at once): then it starts again on another port.
import type { Logger } from '../../src/log/logger.js';
import { startEmbeddedPostgres, type EmbeddedOptions, type EmbeddedServer } from '../../src/store/embedded-postgres.js';
import { freePort } from './ports.js';

const ATTEMPTS = 5;
const PORT_TAKEN = /already in use|lock file/i;

export async function startTestPostgres(dataDir: string, log: Logger, options: EmbeddedOptions = {}): Promise<{ server: EmbeddedServer; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { server: await startEmbeddedPostgres(dataDir, port, log, options), port };
    } catch (err) {
      if (attempt >= ATTEMPTS || !PORT_TAKEN.test((err as Error).message)) throw err;
    }
  }
}
