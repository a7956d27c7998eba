// The reminder use cases and the delivery job on real PostgreSQL with an
// injected clock and no job runner: each step is called directly, so the
// test decides when a job "runs".
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMigrations } from 'graphile-worker';
import { createTestDatabase } from '../support/database.js';
import { createPool, withTransaction, type Db, type Tx } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createLogger } from '../../src/log/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { loadDirectory } from '../../src/config/load-directory.js';
import { loadPolicy } from '../../src/config/load-policies.js';
import { ManualClock } from '../../src/app/clock.js';
import { renderCardJson } from '../../src/teams/cards/render.js';
import { fireReminder, planDigests, type ReminderDeps } from '../../src/app/reminders/fire.js';
import { snoozeReminder } from '../../src/app/reminders/actions.js';
import { scheduleReminders } from '../../src/app/reminders/schedule.js';
import { flushRecipient } from '../../src/jobs/flush-notifications.js';
import type { JobDeps } from '../../src/jobs/job-deps.js';
import type { ProactiveSender, SendOutcome } from '../../src/app/proactive.js';
import { planReminder, hubManagerOf } from '../../src/domain/reminders/planned-reminder.js';
import { saveUserReference } from '../../src/store/conversation-refs.js';
import { holdNotification } from '../../src/store/delivery-store.js';
import { createTurnClaims } from '../../src/store/turn-claims.js';
import { leadPractitioner, hubManager } from '../support/people.js';
import { reviewReminder, schedule, waitFor } from './support.js';

const log = createLogger('silent');
const directory = loadDirectory('config/directory.demo.json');
const WED_25_NOV_2026_NOON = new Date('2026-11-25T12:00:00Z');

describe('reminders without a job runner', () => {
  let db: Db;
  let clock: ManualClock;
  let deps: ReminderDeps;
  let n = 1000;
  const next = () => (n += 1);

  beforeAll(async () => {
    // A long lock wait: one test pauses a flush on a table lock while a first contact lands, on a machine that may be busy.
    db = createPool(await createTestDatabase(), log, { max: 4, lockTimeoutMs: 60_000 });
    await migrate(db, log);
    await runMigrations({ pgPool: db, logger: undefined });
  });
  beforeEach(() => {
    clock = new ManualClock(WED_25_NOV_2026_NOON);
    deps = { db, directory, clock, log, config: loadConfig({ APP_ENV: 'test' }) };
  });
  afterAll(async () => db?.end());

  const reminderRow = async (jobKey: string) => (await db.query('SELECT * FROM reminders WHERE job_key = $1', [jobKey])).rows[0];
  const jobFor = async (jobKey: string) => (await db.query('SELECT run_at, queue_name FROM graphile_worker.jobs WHERE key = $1', [`reminder:${jobKey}`])).rows[0];

  describe('firing', () => {
    it('enqueues one card and marks the reminder sent; running the job again does nothing', async () => {
      const r = reviewReminder(leadPractitioner.aadObjectId, next(), new Date(Date.now() - 1_000));
      await schedule(db, [r]);
      expect(await fireReminder(deps, r.jobKey)).toBe('sent');
      expect(await fireReminder(deps, r.jobKey)).toBe('skipped');
      const row = await reminderRow(r.jobKey);
      const cards = await db.query('SELECT card_template, card_data, summary FROM notifications WHERE reminder_id = $1', [row.id]);
      expect(cards.rows).toHaveLength(1);
      expect(cards.rows[0].card_template).toBe('reminder');
      expect(cards.rows[0].card_data.today).toBe('2026-11-25');
      expect(row.status).toBe('sent');
    });

    it('a reminder moved later since its job was placed is not sent early: its job is placed again at the new time', async () => {
      const r = reviewReminder(leadPractitioner.aadObjectId, next(), new Date(Date.now() + 3_600_000));
      await schedule(db, [r]);
      expect(await fireReminder(deps, r.jobKey)).toBe('not-due');
      expect((await reminderRow(r.jobKey)).status).toBe('pending');
      expect(new Date((await jobFor(r.jobKey)).run_at).getTime()).toBe(r.dueAt.getTime());
      expect((await jobFor(r.jobKey)).queue_name).toBe(`remind:user=${leadPractitioner.aadObjectId}`);
    });

    it('a role reminder goes to each person in the role; with nobody in it, the reminder is undeliverable', async () => {
      const due = new Date(Date.now() - 1_000);
      const toManager = planReminder({ cause: 'support-not-started', causeId: `req-${next()}`, occurrence: 'once', recipient: hubManagerOf('barnet-north'), dueAt: due, escalation: 0, template: 'support-not-started-manager', data: { caseRef: 'EHM-1', startDueBy: '2026-11-20' } });
      const toNobody = planReminder({ ...toManager, causeId: `req-${next()}`, recipient: hubManagerOf('plymouth-north') });
      await withTransaction(db, (tx) => scheduleReminders(tx, [toManager, toNobody]));
      expect(await fireReminder(deps, toManager.jobKey)).toBe('sent');
      expect(await fireReminder(deps, toNobody.jobKey)).toBe('no-recipient');
      const sent = await db.query('SELECT recipient_id FROM notifications WHERE reminder_id = $1', [(await reminderRow(toManager.jobKey)).id]);
      expect(sent.rows).toEqual([{ recipient_id: hubManager.aadObjectId }]);
      expect((await reminderRow(toNobody.jobKey)).status).toBe('undeliverable');
    });

    it('scheduling an already-sent reminder again leaves it alone (the same key never goes twice)', async () => {
      const r = reviewReminder(leadPractitioner.aadObjectId, next(), new Date(Date.now() - 1_000));
      await schedule(db, [r]);
      await fireReminder(deps, r.jobKey);
      const result = await withTransaction(db, (tx) => scheduleReminders(tx, [{ ...r, dueAt: new Date(Date.now() + 60_000) }]));
      expect(result).toEqual({ scheduled: [], unchanged: [r.jobKey] });
      expect((await reminderRow(r.jobKey)).status).toBe('sent');
    });
  });

  describe('snoozing (London working days, bank holidays skipped)', () => {
    const sentReminder = async (dueAt: Date) => {
      const r = reviewReminder(leadPractitioner.aadObjectId, next(), dueAt);
      await schedule(db, [r]);
      return (await reminderRow(r.jobKey)).id as string;
    };

    it('1 day on a Friday afternoon comes back on Monday at the same time', async () => {
      clock.set(new Date('2026-12-18T15:30:00Z')); // Fri 18 Dec 2026, 15:30 GMT
      const id = await sentReminder(new Date('2026-12-18T09:00:00Z'));
      const result = await snoozeReminder(deps, leadPractitioner.aadObjectId, id, '1d');
      expect(result.kind === 'snoozed' && result.until.toISOString()).toBe('2026-12-21T15:30:00.000Z');
    });

    it('1 day on Christmas Eve skips Christmas, the weekend and the Boxing Day substitute holiday', async () => {
      clock.set(new Date('2026-12-24T10:00:00Z')); // Thu 24 Dec 2026
      const id = await sentReminder(new Date('2026-12-24T09:00:00Z'));
      const result = await snoozeReminder(deps, leadPractitioner.aadObjectId, id, '1d');
      expect(result.kind === 'snoozed' && result.until.toISOString()).toBe('2026-12-29T10:00:00.000Z');
    });

    it('1 week across the October clock change keeps the London wall-clock time', async () => {
      clock.set(new Date('2026-10-21T13:00:00Z')); // Wed 21 Oct 2026, 14:00 BST
      const id = await sentReminder(new Date('2026-10-21T08:00:00Z'));
      const result = await snoozeReminder(deps, leadPractitioner.aadObjectId, id, '1w');
      expect(result.kind === 'snoozed' && result.until.toISOString()).toBe('2026-10-28T14:00:00.000Z'); // 14:00 GMT
    });
  });

  describe('weekly digest', () => {
    it('is planned for Monday 09:00 London for every hub, and moved by configuration', async () => {
      await planDigests(deps);
      const rows = await db.query(`SELECT cause_id, occurrence, due_at, recipient FROM reminders WHERE cause = 'weekly-digest' ORDER BY cause_id`);
      expect(rows.rows.map((r) => r.cause_id)).toEqual(directory.hubs.map((h) => h.id).sort());
      expect(rows.rows.every((r) => new Date(r.due_at).toISOString() === '2026-11-30T09:00:00.000Z' && r.occurrence === '2026-W49')).toBe(true);
      expect(rows.rows[0].recipient).toMatch(/^hub-manager=/);

      await db.query(`DELETE FROM reminders WHERE cause = 'weekly-digest'`);
      await planDigests({ ...deps, config: loadConfig({ APP_ENV: 'test', DIGEST_WEEKDAY: '2', DIGEST_HOUR: '10' }) });
      const moved = await db.query(`SELECT DISTINCT due_at FROM reminders WHERE cause = 'weekly-digest'`);
      expect(moved.rows.map((r) => new Date(r.due_at).toISOString())).toEqual(['2026-12-01T10:00:00.000Z']);
      await db.query(`DELETE FROM reminders WHERE cause = 'weekly-digest'`);
    });

    it('on a bank holiday Monday comes on Tuesday at 09:00 (British Summer Time)', async () => {
      clock.set(new Date('2027-05-26T12:00:00Z')); // the following Monday, 31 May 2027, is the Spring bank holiday
      await planDigests(deps);
      const due = await db.query(`SELECT DISTINCT due_at FROM reminders WHERE cause = 'weekly-digest'`);
      expect(due.rows.map((r) => new Date(r.due_at).toISOString())).toEqual(['2027-06-01T08:00:00.000Z']);
      await db.query(`DELETE FROM reminders WHERE cause = 'weekly-digest'`);
    });

    it('carries the hub\'s figures, and plans next week\'s digest when sent', async () => {
      // An overdue review for the hub: its manager's copy of a plan-review reminder, review date passed.
      await withTransaction(db, (tx) => scheduleReminders(tx, [planReminder({
        cause: 'plan-review', causeId: `plan-${next()}`, occurrence: 'review-1', recipient: hubManagerOf('barnet-north'), dueAt: new Date(Date.now() + 3_600_000),
        escalation: 0, template: 'plan-review-due-manager', data: { caseRef: 'EHM-9', reviewDueOn: '2026-11-20', reviewNumber: 1 },
      })]));
      const digest = planReminder({ cause: 'weekly-digest', causeId: 'barnet-north', occurrence: '2026-W48', recipient: hubManagerOf('barnet-north'), dueAt: new Date(Date.now() - 1_000), escalation: 0, template: 'weekly-digest', data: { hubId: 'barnet-north', weekId: '2026-W48' } });
      await withTransaction(db, (tx) => scheduleReminders(tx, [digest]));
      expect(await fireReminder(deps, digest.jobKey)).toBe('sent');
      const card = (await db.query(`SELECT card_template, card_data FROM notifications WHERE card_template = 'weekly-digest'`)).rows[0];
      expect(card.card_data).toMatchObject({ hubName: 'Barnet North 0-19 Hub (demo)', weekLabel: 'w/c Mon 23 Nov 2026', placesUsed: '0 of 3', pendingBookings: '0', unallocatedRequests: '0', overdueReviews: '1', startsAtRisk: '0', attention: true });
      const nextWeek = await db.query(`SELECT occurrence, status FROM reminders WHERE cause = 'weekly-digest' AND cause_id = 'barnet-north' ORDER BY occurrence`);
      expect(nextWeek.rows).toEqual([{ occurrence: '2026-W48', status: 'sent' }, { occurrence: '2026-W49', status: 'pending' }]);
    });
  });

  describe('the delivery job', () => {
    const person = { aadObjectId: '22222222-0000-0000-0000-000000000001' };
    const key = `user:${person.aadObjectId}`;
    let outcomes: SendOutcome[];
    let sends: number;
    // Runs after a send has given its answer and before the flush acts on it (to place a first contact in between).
    let afterSend: (() => Promise<void>) | undefined;
    const sender: ProactiveSender = {
      send: async () => {
        sends += 1;
        const outcome = outcomes.shift() ?? { ok: true as const, activityId: '1', conversationId: 'c' };
        await afterSend?.();
        return outcome;
      },
      update: async () => ({ ok: false, kind: 'no-reference' }),
    };
    const jobDeps = (): JobDeps => ({
      config: loadConfig({ APP_ENV: 'test' }), db, log, clock, directory, policy: loadPolicy('policies'), sender, renderCard: renderCardJson,
      deliveryPolicy: { transientBaseMs: 1, maxTransientFailures: 3, retryAfterJitterMs: 0 }, random: () => 0,
    });
    const enqueue = async (to: string = person.aadObjectId) => {
      const r = reviewReminder(to, next(), new Date(Date.now() - 1_000));
      await schedule(db, [r]);
      await fireReminder(deps, r.jobKey);
      return (await db.query('SELECT n.id FROM notifications n JOIN reminders r ON r.id = n.reminder_id WHERE r.job_key = $1', [r.jobKey])).rows[0].id as string;
    };
    const statusOf = async (id: string) => (await db.query('SELECT status, attempts, last_error FROM notifications WHERE id = $1', [id])).rows[0];
    /** A transaction that does `work` and then stays open until `finish()`, which commits it and gives work's result. */
    const keptOpen = <T>(work: (tx: Tx) => Promise<T>) => {
      let finish!: () => void;
      const finished = new Promise<void>((r) => { finish = r; });
      let done!: () => void;
      const workDone = new Promise<void>((r) => { done = r; });
      const committed = withTransaction(db, async (tx) => { const result = await work(tx); done(); await finished; return result; });
      // Rejects with work's error instead of waiting for ever.
      const started = Promise.race([workDone, committed.then(() => undefined)]);
      return { started, finish: () => { finish(); return committed; } };
    };
    /** Their first activity, claimed as the turn guard claims it: it must see no held card, and be their first contact. */
    const firstContactSeesNothingHeld = async (aadObjectId: string) => {
      const contact = await createTurnClaims(db).claim({ dedupeKey: `a:conv|${randomUUID()}`, user: { aadObjectId, reference: { serviceUrl: 'http://127.0.0.1:9/' } } });
      expect(contact).toEqual({ claimed: true, released: 0, firstContact: true });
    };

    beforeAll(async () => saveUserReference(db, person.aadObjectId, { serviceUrl: 'http://127.0.0.1:9/' }));
    beforeEach(async () => {
      outcomes = [];
      sends = 0;
      afterSend = undefined;
      await db.query(`UPDATE notifications SET status = 'sent' WHERE recipient_id = $1 AND status = 'pending'`, [person.aadObjectId]);
      await db.query('DELETE FROM delivery_backoff');
    });

    it('a 429 pauses the person: nothing is sent to them until Retry-After has passed', async () => {
      const id = await enqueue();
      outcomes = [{ ok: false, kind: 'throttled', retryAfterMs: 1_500 }];
      expect(await flushRecipient(jobDeps(), key)).toEqual({ sent: 0, stoppedBy: 'throttled' });
      // Woken early by anything (here: the flush job queued when the card was enqueued), it sends nothing…
      expect(await flushRecipient(jobDeps(), key)).toEqual({ sent: 0, stoppedBy: 'backoff' });
      expect(sends).toBe(1);
      // …and with no earlier wake pending, the next flush is placed at Retry-After or later.
      await db.query(`SELECT graphile_worker.remove_job($1)`, [`flush:${key}`]);
      expect(await flushRecipient(jobDeps(), key)).toEqual({ sent: 0, stoppedBy: 'backoff' });
      const flush = await db.query(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`flush:${key}`]);
      const block = await db.query(`SELECT blocked_until FROM delivery_backoff WHERE recipient_key = $1`, [key]);
      expect(new Date(flush.rows[0].run_at).getTime()).toBeGreaterThanOrEqual(new Date(block.rows[0].blocked_until).getTime());
      expect((await statusOf(id)).status).toBe('pending');
      await db.query(`UPDATE delivery_backoff SET blocked_until = now() - interval '1 second'`);
      expect(await flushRecipient(jobDeps(), key)).toEqual({ sent: 1, stoppedBy: 'empty' });
      expect((await statusOf(id)).status).toBe('sent');
    });

    it('repeated 5xx: retried with backoff, then dead-lettered, and the next card still goes', async () => {
      const dead = await enqueue();
      const after = await enqueue();
      outcomes = [{ ok: false, kind: 'transient', status: 503 }, { ok: false, kind: 'transient', status: 502 }, { ok: false, kind: 'transient', status: 503 }];
      for (let i = 0; i < 3; i += 1) {
        // Until the (1 ms) test backoff has passed by the database's clock, which decides.
        await waitFor('the test backoff to pass', async () => (await db.query(`SELECT bool_and(blocked_until <= now()) AS over FROM delivery_backoff`)).rows[0].over !== false);
        await flushRecipient(jobDeps(), key);
      }
      expect(await statusOf(dead)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'HTTP 503 after 3 tries' });
      expect((await statusOf(after)).status).toBe('sent');
    });

    it('a first contact between "no reference" and the hold: the card is not held, and goes out on the next flush', async () => {
      const newcomer = '22222222-0000-0000-0000-000000000002';
      const newcomerKey = `user:${newcomer}`;
      const id = await enqueue(newcomer);
      const othersCards = async () => (await db.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id <> $1`, [newcomer])).rows[0].n as number;
      const othersBefore = await othersCards();
      outcomes = [{ ok: false, kind: 'no-reference' }];
      // They open Right Response after the send found no reference and before the flush holds the card:
      // their first contact writes the reference and releases held cards (none are held yet).
      afterSend = async () => {
        afterSend = undefined;
        await saveUserReference(db, newcomer, { serviceUrl: 'http://127.0.0.1:9/' });
        await db.query(`UPDATE notifications SET status = 'pending' WHERE status = 'held' AND recipient_id = $1`, [newcomer]);
      };
      expect(await flushRecipient(jobDeps(), newcomerKey)).toEqual({ sent: 0, stoppedBy: 'later' });
      expect((await statusOf(id)).status).toBe('pending');
      // Delivery was woken, and the next flush sends it.
      expect((await db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [`flush:${newcomerKey}`])).rows[0].n).toBe(1);
      expect(await flushRecipient(jobDeps(), newcomerKey)).toEqual({ sent: 1, stoppedBy: 'empty' });
      expect((await statusOf(id)).status).toBe('sent');
      // No manager was told the card was held.
      expect(await othersCards()).toBe(othersBefore);
    });

    it('a first contact while a card is being held: it cannot see the hold, so it wakes delivery, and the woken flush sends the card', async () => {
      const newcomer = '22222222-0000-0000-0000-000000000003';
      const newcomerKey = `user:${newcomer}`;
      const id = await enqueue(newcomer);
      // The flush holding the card: its hold is written but not yet committed…
      const holding = keptOpen((tx) => holdNotification(tx, id, 'no-reference'));
      try {
        await holding.started;
        // …when their first activity stores their reference and releases what it can see as held: nothing.
        await firstContactSeesNothingHeld(newcomer);
      } finally {
        holding.finish().catch(() => undefined);
      }
      expect(await holding.finish()).toBe(true);
      expect((await statusOf(id)).status).toBe('held');
      // A first contact wakes their delivery (the turn guard); one flush per person at a time, so it runs after the holding one.
      expect(await flushRecipient(jobDeps(), newcomerKey)).toEqual({ sent: 1, stoppedBy: 'empty' });
      expect((await statusOf(id)).status).toBe('sent');
    });

    it('a first contact while the flush is holding the card: the flush looks again once its hold is committed, and the card goes out', async () => {
      const newcomer = '22222222-0000-0000-0000-000000000004';
      const newcomerKey = `user:${newcomer}`;
      const id = await enqueue(newcomer);
      outcomes = [{ ok: false, kind: 'no-reference' }];
      // Pauses the flush inside its hold, after the card is marked held and before that commits: the hold's
      // audit row waits for this lock on the audit table (nothing else here writes audit rows).
      const auditPaused = keptOpen(async (tx) => { await tx.query('LOCK TABLE audit_log IN SHARE MODE'); });
      let flushing: Promise<unknown> | undefined;
      try {
        await auditPaused.started;
        flushing = flushRecipient(jobDeps(), newcomerKey);
        await waitFor('the hold to wait for its audit row', async () => ((await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'relation' AND query LIKE 'INSERT INTO audit_log%'`)).rowCount ? true : undefined), 30_000);
        // Their first activity now: it cannot see the card being held (not committed), so it releases nothing.
        await firstContactSeesNothingHeld(newcomer);
      } finally {
        await auditPaused.finish();
        await flushing?.catch(() => undefined);
      }
      // The flush, its hold committed, sees the reference: the card is pending again and the next flush sends it.
      expect(await flushing).toEqual({ sent: 0, stoppedBy: 'later' });
      expect((await statusOf(id)).status).toBe('pending');
      expect(await flushRecipient(jobDeps(), newcomerKey)).toEqual({ sent: 1, stoppedBy: 'empty' });
      expect((await statusOf(id)).status).toBe('sent');
    });

    it('once a card is held, the later ones are held behind it unsent, and all go out in order when the person can be reached', async () => {
      const newcomer = '22222222-0000-0000-0000-000000000005';
      const newcomerKey = `user:${newcomer}`;
      const first = await enqueue(newcomer);
      const second = await enqueue(newcomer);
      // Only the first send finds no reference; a second send would succeed (the person reachable a moment later).
      outcomes = [{ ok: false, kind: 'no-reference' }];
      await flushRecipient(jobDeps(), newcomerKey);
      expect(sends).toBe(1);
      expect([(await statusOf(first)).status, (await statusOf(second)).status]).toEqual(['held', 'held']);
      await saveUserReference(db, newcomer, { serviceUrl: 'http://127.0.0.1:9/' });
      const order: string[] = [];
      const { rows } = await db.query<{ id: string }>(`SELECT id::text AS id FROM notifications WHERE recipient_id = $1 ORDER BY id`, [newcomer]);
      afterSend = async () => { order.push(...(await db.query<{ id: string }>(`SELECT id::text AS id FROM notifications WHERE recipient_id = $1 AND sending_since IS NOT NULL`, [newcomer])).rows.map((r) => r.id)); };
      expect(await flushRecipient(jobDeps(), newcomerKey)).toEqual({ sent: 2, stoppedBy: 'empty' });
      expect(order).toEqual(rows.map((r) => r.id));
    });

    it('a card with a not-before time waits for it without holding back cards due now', async () => {
      const { enqueueNotification } = await import('../../src/store/outbox.js');
      const later = await withTransaction(db, (tx) => enqueueNotification(tx, { to: { kind: 'user', aadObjectId: person.aadObjectId }, template: 'notice', data: { title: 'T', message: 'M', color: 'Default', code: '', actions: [] }, summary: 'Later', notBefore: new Date(Date.now() + 3_600_000) }));
      const now = await enqueue();
      expect(await flushRecipient(jobDeps(), key)).toEqual({ sent: 1, stoppedBy: 'later' });
      expect((await statusOf(now)).status).toBe('sent');
      expect((await statusOf(later!)).status).toBe('pending');
      await db.query(`UPDATE notifications SET status = 'cancelled' WHERE id = $1`, [later]);
    });

    it('a card that cannot be rendered is dead-lettered at once instead of blocking the queue', async () => {
      const id = await enqueue();
      await db.query(`UPDATE notifications SET card_template = 'no-such-card' WHERE id = $1`, [id]);
      const after = await enqueue();
      await flushRecipient(jobDeps(), key);
      expect((await statusOf(id)).status).toBe('dead');
      expect((await statusOf(after)).status).toBe('sent');
      expect(sends).toBe(1);
    });
  });
});
