// Issue 18, backups: scripts/backup and scripts/restore on the machine's
// PostgreSQL with its own client tools. Reminders that were due while the
// app was down are in the backup; restored into a fresh database and with the
// app started on it, each is delivered once, and none already sent is sent
// again. restore refuses a database that holds anything, and a damaged file.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { FakeConnector } from '../support/fake-connector.js';
import { EXTERNAL_ADMIN_URL, createDatabaseOn, dropDatabaseOn, unreachableReason } from '../support/external-database.js';
import { colleagues, countBy, notificationIdOf, reviewReminder, schedule, waitFor } from '../reminders/support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const adminUrl = EXTERNAL_ADMIN_URL;
const SENT_BEFORE = 10;
const DUE_WHILE_DOWN = 30;

const toolsMissing = ['pg_dump', 'pg_restore', 'psql'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
const skipReason = toolsMissing.length > 0 ? `${toolsMissing.join(', ')} not installed (Debian: postgresql-client)`
  : await unreachableReason() ?? await dumpTooOld();
if (skipReason) console.log(`[backup-restore] SKIPPED: ${skipReason}`);

async function dumpTooOld(): Promise<string | undefined> {
  const server = new pg.Client({ connectionString: adminUrl });
  await server.connect();
  const major = Math.floor(Number((await server.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v) / 10000);
  await server.end();
  const client = Number(/(\d+)/.exec(spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).stdout)?.[1]);
  return client < major ? `pg_dump ${client} cannot dump the PostgreSQL ${major} at ${new URL(adminUrl).host}` : undefined;
}

const newDatabase = () => createDatabaseOn(adminUrl, 'rr_backup');

function script(name: 'backup' | 'restore', ...args: string[]) {
  const r = spawnSync(path.join(ROOT, 'scripts', name), args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(skipReason)('backup and restore', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rr-backup-'));
  const databases: string[] = [];
  let connector: FakeConnector;
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await connector?.stop();
    for (const url of databases) await dropDatabaseOn(adminUrl, url);
  });
  beforeAll(async () => { connector = await new FakeConnector().start(); });

  it('brings back every reminder that was due, each delivered once, none sent twice', { timeout: 120_000 }, async () => {
    const original = await newDatabase();
    databases.push(original);
    const people = colleagues(5, 'bkp');
    const first = await TestBot.start({ databaseUrl: original, connector });
    for (const p of people) await first.say(p, 'hi');
    await schedule(first.db, people.flatMap((p, pi) => [reviewReminder(p.aadObjectId, pi * 100, new Date(Date.now() - 60_000)), reviewReminder(p.aadObjectId, pi * 100 + 1, new Date(Date.now() - 59_000))]));
    await waitFor('the first reminders delivered', () => (new Set(connector.delivered.map(notificationIdOf)).size >= SENT_BEFORE ? true : undefined));
    await first.stop();

    // While the app is down, more reminders fall due (scheduled by another instance, say): they are only in the database.
    const down = new pg.Pool({ connectionString: original, max: 1 });
    await schedule(down, people.flatMap((p, pi) => Array.from({ length: DUE_WHILE_DOWN / people.length }, (_, i) => reviewReminder(p.aadObjectId, pi * 100 + 10 + i, new Date(Date.now() - 1_000)))));
    await down.end();

    const file = path.join(dir, 'nightly.dump');
    const backup = script('backup', original, file);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/backup: .*nightly\.dump/);

    const restored = await newDatabase();
    databases.push(restored);
    const restore = script('restore', file, restored);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toContain(`${DUE_WHILE_DOWN} reminders pending`);

    const deliveredBefore = connector.delivered.length;
    const again = await TestBot.start({ databaseUrl: restored, connector });
    try {
      await waitFor('the reminders due while down delivered', () => (connector.delivered.length - deliveredBefore >= DUE_WHILE_DOWN ? true : undefined), 60_000);
      await new Promise((r) => setTimeout(r, 1_500)); // anything sent twice would arrive now
      const after = connector.delivered.slice(deliveredBefore);
      const perId = countBy(after, notificationIdOf);
      expect(after).toHaveLength(DUE_WHILE_DOWN);
      expect([...perId.values()].every((n) => n === 1)).toBe(true);
      const reminders = await again.db.query(`SELECT status, count(*)::int AS n FROM reminders GROUP BY status`);
      expect(reminders.rows).toEqual([{ status: 'sent', n: SENT_BEFORE + DUE_WHILE_DOWN }]);
    } finally {
      await again.stop();
    }
  });

  it('refuses a target that already holds data, and a damaged backup', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'nightly.dump');
    const occupied = databases[1]!;
    const refused = script('restore', file, occupied);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('restore only into a new, empty database');

    const fresh = await newDatabase();
    databases.push(fresh);
    appendFileSync(file, 'x');
    const damaged = script('restore', file, fresh);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toContain('does not match its checksum');
  });
});
