// The database comes back. The app runs on an embedded PostgreSQL of this
// test's own (the run's shared server must not be killed under the other test
// files), which is killed (immediate shutdown: every connection severed, crash
// recovery on restart) in the middle of a load of turns and started again.
// While it is down every turn is answered with "try again in a minute";
// afterwards the app answers normally, /readyz is green again and the job
// runner delivers, with no restart of the app; and every turn that was
// answered as done is in the database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, cardsOf, textOf, type Activity } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import { waitFor } from '../support/wait.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/store/embedded-postgres.js';
import { createLogger } from '../../src/log/logger.js';
import { startTestPostgres } from '../support/test-postgres.js';
import { withTransaction } from '../../src/store/db.js';
import { enqueueNotification } from '../../src/store/outbox.js';

const log = createLogger('warn');
const dir = mkdtempSync(path.join(tmpdir(), 'rr-db-restart-'));
let port: number;
let server: EmbeddedServer | undefined;
let bot: TestBot;

beforeAll(async () => {
  const started = await startTestPostgres(dir, log);
  ({ server, port } = started);
  await started.server.createDatabase('rr_restart');
  bot = await TestBot.start({ databaseUrl: started.server.url('rr_restart'), env: { DB_CONNECT_TIMEOUT_MS: '2000' } });
}, 180_000);

afterAll(async () => {
  await bot?.stop().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** Immediate shutdown of the postmaster: like a crash to every client (SIGQUIT; SIGKILL would orphan its backends). */
function killDatabase(): void {
  const pid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGQUIT');
}

type Outcome = { checkKey: string; kind: 'done' | 'try-again' | 'other'; text: string };

function classify(checkKey: string, replies: Activity[]): Outcome {
  const text = [...replies.map((r) => (typeof r.text === 'string' ? r.text : '')), ...cardsOf(replies).map(textOf)].join('\n');
  if (text.includes('Please try again in a minute')) return { checkKey, kind: 'try-again', text };
  if (text.includes('already open')) return { checkKey, kind: 'done', text };
  return { checkKey, kind: 'other', text };
}

/** One person starting checks back to back (the first step creates the check) until told to stop. */
async function keepStartingChecks(running: () => boolean, outcomes: Outcome[]): Promise<void> {
  while (running()) {
    const checkKey = randomUUID();
    const replies = await bot.submit(socialWorker, { verb: 'check.safety', checkKey }, { area: 'barnet', immediateRisk: 'no' });
    outcomes.push(classify(checkKey, replies));
  }
}

describe('when PostgreSQL dies and comes back', () => {
  it('answers "try again in a minute" meanwhile, recovers on its own and loses nothing it acknowledged', { timeout: 240_000 }, async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const load = Promise.all(Array.from({ length: 4 }, () => keepStartingChecks(() => running, outcomes)));

    await waitFor('some checks started before the crash', () => outcomes.filter((o) => o.kind === 'done').length >= 20, 60_000, 20);
    killDatabase();
    await waitFor('turns answered while the database is down', () => outcomes.filter((o) => o.kind === 'try-again').length >= 8, 60_000, 20);
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

    server = await startEmbeddedPostgres(dir, port, log);
    const doneAtRestart = outcomes.filter((o) => o.kind === 'done').length;
    await waitFor('/readyz green again', async () => (await fetch(`${bot.url}/readyz`)).status === 200, 90_000, 200);
    await waitFor('turns done again after the restart', () => outcomes.filter((o) => o.kind === 'done').length >= doneAtRestart + 20, 90_000, 20);
    running = false;
    await load;

    // Every answer was either the step it asked for or "try again"; no stack, no code, no apology for a bug.
    expect(outcomes.filter((o) => o.kind === 'other').map((o) => o.text.slice(0, 200))).toEqual([]);
    const tryAgain = outcomes.find((o) => o.kind === 'try-again')!;
    expect(tryAgain.text).not.toMatch(/Reference:|ECONN|57P|Error|at /);
    // Nothing acknowledged is lost: every check whose first step was answered exists.
    const done = outcomes.filter((o) => o.kind === 'done').map((o) => o.checkKey);
    const stored = await bot.db.query<{ id: string }>('SELECT id::text FROM checks WHERE id = ANY($1::uuid[])', [done]);
    expect(stored.rowCount).toBe(done.length);

    // The job runner works again: a queued notification is delivered to Teams.
    const marker = `after-restart-${randomUUID()}`;
    await withTransaction(bot.db, (tx) => enqueueNotification(tx, {
      to: { kind: 'user', aadObjectId: socialWorker.aadObjectId }, template: 'notice',
      data: { title: marker, message: 'The database came back.', color: 'Good', code: '', actions: [] }, summary: 'Back', dedupeKey: marker,
    }));
    await waitFor('the notification delivered', () => bot.connector.delivered.some((d) => JSON.stringify(d).includes(marker)), 60_000, 100);
  });
});
