// A PostgreSQL server of the machine's own (Debian's 15 here, as in
// production): for the tests and benchmarks that run the app in other
// processes or use its client tools. TEST_DATABASE_URL (an admin URL) when
// set, else the local server. No vitest imports: benchmarks use it too.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const EXTERNAL_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why the server cannot be used (for a skip message), or undefined when it answers. */
export async function unreachableReason(adminUrl = EXTERNAL_ADMIN_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  return client.connect().then(async () => { await client.end(); return undefined; },
    (err: Error) => `no PostgreSQL at ${new URL(adminUrl).host} (${err.message}): set TEST_DATABASE_URL to an admin URL of a server`);
}

/** A new, empty database on the server; returns its URL. */
export async function createDatabaseOn(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabaseOn(adminUrl: string, databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
