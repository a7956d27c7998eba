// Starts one embedded PostgreSQL for the whole test run (each test file then
// creates its own database in it), unless TEST_DATABASE_URL points at an
// external server. CI needs no services running beforehand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgresUnavailable, type EmbeddedServer } from '../../src/store/embedded-postgres.js';
import { startTestPostgres } from './test-postgres.js';
import { createLogger } from '../../src/log/logger.js';

declare module 'vitest' {
  export interface ProvidedContext { adminDatabaseUrl: string }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('adminDatabaseUrl', external);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'rr-test-pg-'));
  let server: EmbeddedServer;
  try {
    ({ server } = await startTestPostgres(dir, createLogger('warn'), { runtimeDir: process.env.EMBEDDED_PG_RUNTIME_DIR || undefined }));
  } catch (err) {
    // A person's problem (e.g. root in a private folder): their paragraph, no stack trace.
    if (!(err instanceof EmbeddedPostgresUnavailable)) throw err;
    process.stderr.write(`\n${err.message}\n(Or set TEST_DATABASE_URL to run the tests on a PostgreSQL server of your own.)\n\n`);
    process.exit(1);
  }
  project.provide('adminDatabaseUrl', server.url('postgres'));
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
