// The bursts that once hung the whole app, fired at the real bot over HTTP
// with a pool smaller than the burst: every transaction that took a second
// connection from the pool while holding a row lock waited for a connection
// held by a transaction waiting for that lock. Each burst must be answered in
// full, with the right card for every press, while /readyz stays green.
// (The pool now refuses to be used from inside a transaction: see
// test/foundation/db-guard.test.ts.)
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, action, onlyCard, textOf, type Activity } from '../support/harness.js';
import { gradeIPractitioner, hubManager, leadPractitioner, socialWorker, socialWorkerB } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { book, bookingId, lastCardFor, press, setDutyWeek, setHubWeek, statusOf } from '../booking/helpers.js';
import { startCheck, press as pressCard } from '../check/walk.js';
import { fileRequest, MON_2_MAR_2099_1000, requestRow } from '../request/support.js';
import { waitFor } from '../support/wait.js';

const POOL = 4;
const MON_0900_GMT_8_MAR_2027 = new Date('2027-03-08T09:00:00Z'); // duty week 2027-W10
const MON_0800_GMT_15_MAR_2027 = new Date('2027-03-15T08:00:00Z'); // OSR week 2027-W11
const clock = new ManualClock(MON_0900_GMT_8_MAR_2027);
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ clock, env: { DB_POOL_MAX: String(POOL) } });
});
afterAll(async () => { await bot?.stop(); });

/** Polls /readyz until stopped; returns every status it saw. */
function watchReadiness(): { stop(): Promise<number[]> } {
  const seen: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      seen.push((await fetch(`${bot.url}/readyz`)).status);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return { stop: async () => { running = false; await loop; return seen; } };
}

async function refusalsSince(action: string, since: number): Promise<number> {
  const r = await bot.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND outcome = 'refused' AND id > $2`, [action, since]);
  return r.rows[0].n as number;
}

async function lastAuditId(): Promise<number> {
  return Number((await bot.db.query('SELECT coalesce(max(id), 0) AS n FROM audit_log')).rows[0].n);
}

const texts = (replies: Activity[][]) => replies.map((r) => textOf(onlyCard(r)));

describe('bursts that once deadlocked the pool', () => {
  it('answers ten booking accepts arriving together, the first accepts after a start', async () => {
    await setDutyWeek(bot, '2027-W10');
    await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner, cap: 10 });
    clock.set(MON_0800_GMT_15_MAR_2027);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      // A time each: the lead responder is never booked twice at once (issue 12).
      await book(bot, socialWorker, { caseRef: `LCS4000${i}`, date: i < 7 ? '2027-03-16' : '2027-03-17', time: `${String(9 + (i % 7)).padStart(2, '0')}:00` });
      ids.push(await bookingId(bot, `LCS4000${i}`));
    }
    const cards = await Promise.all(ids.map((id) => lastCardFor(bot, leadPractitioner, id)));
    // The signing key of the calendar link is read on the first accept after a start.
    await bot.restart();

    const readiness = watchReadiness();
    const replies = await Promise.all(cards.map((card) => press(bot, leadPractitioner, card, 'Accept')));
    const statuses = await readiness.stop();

    expect(replies.map((c) => textOf(c).includes('Visit accepted'))).toEqual(ids.map(() => true));
    for (const id of ids) expect(await statusOf(bot, id)).toBe('accepted');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('answers forty presses on someone else\'s check card, each refused and audited', async () => {
    const safety = await startCheck(bot, socialWorker);
    const involvement = await pressCard(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const since = await lastAuditId();

    const readiness = watchReadiness();
    const continueData = action(involvement, 'Continue').data!;
    const replies = await Promise.all(Array.from({ length: 40 }, () => bot.submit(socialWorkerB, continueData, { existingInvolvement: 'none', allocatedWorker: 'false' })));
    const statuses = await readiness.stop();

    expect(texts(replies).filter((t) => t.includes('belongs to someone else'))).toHaveLength(40);
    expect(await refusalsSince('check.access', since)).toBe(40);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('answers presses whose permission is re-checked under the row lock and refused there', async () => {
    clock.set(MON_2_MAR_2099_1000);
    const { requestId } = await fileRequest(bot, socialWorker);
    expect(textOf(onlyCard(await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId })))).toContain('Allocated to Demo Lead Practitioner');

    // Hold the request's row so that every press below passes its first look
    // (the practitioner is still allocated) and then queues behind the
    // manager's re-allocation, which takes the lock first.
    const holder = new pg.Client({ connectionString: bot.app.config.DATABASE_URL });
    await holder.connect();
    const since = await lastAuditId();
    const readiness = watchReadiness();
    let replies: Activity[][] = [];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [requestId]);
      const lockWaiters = async () => Number((await holder.query(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name = 'right-response'`)).rows[0].n);
      const reallocation = bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: gradeIPractitioner.aadObjectId });
      await waitFor('the re-allocation to wait for the row', async () => (await lockWaiters()) === 1, 10_000, 10);
      const starts = Promise.all(Array.from({ length: 20 }, () => bot.submit(leadPractitioner, { verb: 'request.begin', requestId }, { startDate: '2099-03-02' })));
      // As many presses as the pool has connections for are now queued on the row lock.
      await waitFor('the presses to queue behind it', async () => (await lockWaiters()) >= POOL - 1, 10_000, 10);
      await holder.query('COMMIT');
      expect(textOf(onlyCard(await reallocation))).toContain('Allocated to Demo Senior Practitioner');
      replies = await starts;
    } finally {
      await holder.end();
    }
    const statuses = await readiness.stop();

    expect(texts(replies).filter((t) => t.includes("You don't have access to this request"))).toHaveLength(20);
    expect(await refusalsSince('request.start', since)).toBe(20);
    expect(await requestRow(bot, requestId)).toMatchObject({ status: 'allocated', allocated_to: gradeIPractitioner.aadObjectId });
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
