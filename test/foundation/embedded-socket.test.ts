// The app reaches its embedded PostgreSQL through a Unix socket in the data
// folder (cheaper than TCP on loopback); a folder whose socket path would be
// too long for the system, or whose name PostgreSQL would split, uses TCP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { startTestPostgres } from '../support/test-postgres.js';
import { socketDirFor, type EmbeddedServer } from '../../src/store/embedded-postgres.js';

const log = createLogger('silent');
const dirs: string[] = [];
const servers: EmbeddedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows[0].one === 1;
  } finally {
    await client.end();
  }
}

describe('the embedded server', () => {
  it('is reached through a Unix socket in its data folder, and still answers on TCP', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rr-sock-'));
    dirs.push(dir);
    const { server } = await startTestPostgres(dir, log);
    servers.push(server);
    const url = new URL(server.url('postgres'));
    const socketDir = url.searchParams.get('host');
    expect(socketDir).toMatch(/^\//);
    expect(await answers(url.toString())).toBe(true);
    url.searchParams.delete('host');
    expect(await answers(url.toString())).toBe(true);
  });

  it('uses TCP where the socket path would be too long for the system, or its folder name would be split', () => {
    expect(socketDirFor('/tmp/rr-data/pg', 5432)).toBe('/tmp/rr-data/pg');
    expect(socketDirFor(`/tmp/${'d'.repeat(100)}`, 5432)).toBeUndefined();
    // Counted in bytes: 40 two-byte letters are 80 bytes.
    expect(socketDirFor(`/tmp/${'é'.repeat(40)}`, 5432)).toBeUndefined();
    expect(socketDirFor('/tmp/a,b/pg', 5432)).toBeUndefined();
    expect(socketDirFor('/tmp/a b/pg', 5432)).toBeUndefined();
  });
});
