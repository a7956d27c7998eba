// Retention: each record type is purged once past its configured period and
// not a day before, with an audit row of the count only; the nightly job
// plans its next run; and the
// audit trail stays append-only for everything but the purge and erasure.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subDays, subYears, addDays } from 'date-fns';
import { TestBot } from '../support/harness.js';
import { createTestDatabase } from '../support/database.js';
import { ManualClock } from '../../src/app/clock.js';
import { createPool, type Queryable } from '../../src/store/db.js';
import { createLogger } from '../../src/log/logger.js';
import { migrate } from '../../src/store/migrate.js';
import { runRetentionPurge } from '../../src/app/privacy/retention.js';
import { loadRetentionPolicy, parseRetentionPolicy } from '../../src/config/load-retention.js';
import { RECORD_TYPES, nextPurgeAt } from '../../src/domain/privacy/retention.js';
import { RETENTION_TASK } from '../../src/jobs/retention-tasks.js';
import { writeAudit } from '../../src/store/audit-store.js';
import { waitFor } from '../support/wait.js';
import { socialWorker } from '../support/people.js';

const NOW = new Date('2027-01-12T09:00:00Z'); // a Tuesday, GMT
const policy = loadRetentionPolicy();
const silent = createLogger('silent');

let bot: TestBot;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(NOW);
  bot = await TestBot.start({ clock });
});
afterAll(async () => { await bot?.stop(); });

async function insert(q: Queryable, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await q.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => {
    const v = row[c];
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
  }));
}

const check = (status: string, updated: Date, caseRef: string | null = null) => ({
  id: randomUUID(), owner_aad: 'owner', status, step: status === 'completed' ? 'result' : 'family', answers: { area: 'barnet' },
  case_ref: caseRef, created_at: subDays(updated, 1), updated_at: updated, completed_at: status === 'completed' ? updated : null,
});
const request = (status: string, updated: Date, caseRef: string) => ({
  id: randomUUID(), idempotency_key: randomUUID(), referrer_aad: 'referrer', status, case_ref: caseRef, hub_id: status === 'draft' ? null : 'barnet-north',
  level: status === 'draft' ? null : 2, submitted_at: status === 'draft' ? null : subDays(updated, 30), created_at: subDays(updated, 40), updated_at: updated,
  ended_at: ['closed', 'declined', 'withdrawn'].includes(status) ? updated : null,
  decline_reason: status === 'declined' ? 'capacity' : null, decline_alternatives: status === 'declined' ? 'family hub' : null,
});
const booking = (visit: Date, caseRef: string) => ({
  id: randomUUID(), idempotency_key: randomUUID(), hub_id: 'barnet-north', week_id: '2024-W10', dat_team_id: 'dat-barnet-a', social_worker_aad: 'sw',
  lead_responder_aad: 'lead', assignee_aad: 'lead', visit_type: 'home-visit', visit_at: visit, case_ref: caseRef, purpose: 'p', risks: 'r',
  status: 'completed', created_at: subDays(visit, 7), updated_at: visit,
});
const reminder = (status: string, updated: Date, caseRef: string) => ({
  job_key: randomUUID(), cause: 'plan-review', cause_id: randomUUID(), recipient: 'user=x', recipient_spec: { kind: 'user' }, due_at: updated,
  status, case_ref: caseRef, template: 'reminder', created_at: updated, updated_at: updated,
});
const notification = (status: string, created: Date) => ({
  recipient_kind: 'user', recipient_id: 'x', card_template: 'notice', card_data: {}, summary: 'A card', status, created_at: created,
});

/** One row just past its period (purged) and one a day inside it (kept), per record type. */
async function seed(q: Queryable): Promise<void> {
  const past = (keep: (d: Date) => Date) => subDays(keep(NOW), 1);
  const inside = (keep: (d: Date) => Date) => addDays(keep(NOW), 1);
  for (const when of [past, inside]) {
    const tag = when === past ? 'OLD' : 'NEW';
    await insert(q, 'checks', check('cancelled', when((d) => subDays(d, 30))));
    await insert(q, 'checks', check('in-progress', when((d) => subDays(d, 90))));
    await insert(q, 'checks', check('completed', when((d) => subYears(d, 2)), `LCS-CHK-${tag}`));
    await insert(q, 'requests', request('draft', when((d) => subDays(d, 90)), `LCS-DRAFT-${tag}`));
    await insert(q, 'requests', request('closed', when((d) => subYears(d, 6)), `LCS-REQ-${tag}`));
    await insert(q, 'requests', request('declined', when((d) => subYears(d, 6)), `LCS-DEC-${tag}`));
    await insert(q, 'bookings', booking(when((d) => subYears(d, 2)), `LCS-BKG-${tag}`));
    await insert(q, 'reminders', reminder('resolved', when((d) => subYears(d, 1)), `LCS-REM-${tag}`));
    await insert(q, 'notifications', notification('sent', when((d) => subDays(d, 90))));
    await insert(q, 'processed_activities', { activity_key: randomUUID(), received_at: when((d) => subDays(d, 7)) });
  }
  // Live records are never purged, however old: an open request, a pending notification.
  await insert(q, 'requests', request('allocated', subYears(NOW, 10), 'LCS-LIVE'));
  await insert(q, 'notifications', notification('pending', subYears(NOW, 1)));
  // Audit rows: past 7 years about a record still held (kept), about nothing left (purged), about no case (purged), recent (kept).
  const old = subDays(subYears(NOW, 7), 1);
  await writeAudit(q, { actor: 'a', action: 'request.allocated', caseRef: 'LCS-LIVE' }, old);
  await writeAudit(q, { actor: 'a', action: 'request.closed', caseRef: 'LCS-GONE' }, old);
  await writeAudit(q, { actor: 'a', action: 'check.started' }, old);
  await writeAudit(q, { actor: 'a', action: 'check.started' }, subYears(NOW, 6));
}

const count = async (sql: string, params: unknown[] = []) => Number((await bot.db.query(sql, params)).rows[0]!.n);

describe('retention purge', () => {
  it('deletes each record type past its period, keeps the rest, and audits counts only', async () => {
    await bot.db.query(`INSERT INTO hub_weeks (hub_id, week_id, default_cap) VALUES ('barnet-north', '2024-W10', 3)`);
    await seed(bot.db);
    const outcome = await runRetentionPurge({ db: bot.db, clock, log: silent }, policy);

    expect(outcome.failed).toEqual({});
    expect(outcome.purged).toEqual({
      'check.cancelled': 1, 'check.abandoned': 1, 'check.completed': 1, 'request.draft': 1, 'request.ended': 2, 'booking.past': 1,
      'reminder.closed': 1, 'notification.finished': 1, 'activity.dedupe': 1, 'audit.expired': 2,
    });
    // What is left: every NEW row, the live request and the pending notification.
    expect(await count(`SELECT count(*) AS n FROM checks`)).toBe(3);
    expect((await bot.db.query(`SELECT case_ref FROM requests ORDER BY case_ref`)).rows.map((r) => r.case_ref)).toEqual(['LCS-DEC-NEW', 'LCS-DRAFT-NEW', 'LCS-LIVE', 'LCS-REQ-NEW']);
    expect((await bot.db.query(`SELECT case_ref FROM bookings`)).rows.map((r) => r.case_ref)).toEqual(['LCS-BKG-NEW']);
    expect(await count(`SELECT count(*) AS n FROM notifications`)).toBe(2);
    expect((await bot.db.query(`SELECT action, case_ref FROM audit_log WHERE actor = 'a' ORDER BY at`)).rows).toEqual([
      { action: 'request.allocated', case_ref: 'LCS-LIVE' }, { action: 'check.started', case_ref: null },
    ]);

    const audits = (await bot.db.query(`SELECT * FROM audit_log WHERE action = 'retention.purged' ORDER BY id`)).rows;
    expect(audits.map((a) => a.record_type)).toEqual([...RECORD_TYPES]);
    for (const a of audits) {
      expect(a.actor).toBe('system:retention');
      expect(a.at).toEqual(NOW);
      expect(Object.keys(a.detail).sort()).toEqual(['count', 'keep', 'olderThan', 'recordType']);
      expect(a.before).toBeNull();
      expect(a.after).toBeNull();
      expect(a.case_ref).toBeNull();
    }
    const run = (await bot.db.query(`SELECT * FROM audit_log WHERE action = 'retention.run'`)).rows;
    expect(run).toHaveLength(1);
    expect(run[0].outcome).toBe('ok');
    // Nothing from a purged row reached the audit trail.
    expect(JSON.stringify(audits)).not.toMatch(/LCS-/);
  });

  it("clears in Teams the cards of the requests and bookings it purges, as erasure does, and keeps a live record's", async () => {
    await bot.say(socialWorker, 'hi');
    const ref = await bot.db.query(`SELECT reference->'conversation'->>'id' AS id FROM conversation_refs WHERE aad_object_id = $1`, [socialWorker.aadObjectId]);
    const conversationId = ref.rows[0].id as string;
    const old = request('closed', subDays(subYears(NOW, 6), 2), 'LCS-CARD-OLD');
    const live = request('allocated', subYears(NOW, 10), 'LCS-CARD-LIVE');
    for (const r of [old, live]) await insert(bot.db, 'requests', r);
    for (const [r, activityId] of [[old, 'card-of-old-request'], [live, 'card-of-live-request']] as const) {
      await insert(bot.db, 'record_cards', { record_type: 'request', record_id: r.id, template: 'request-hub', recipient_kind: 'user', recipient_id: socialWorker.aadObjectId, conversation_id: conversationId, activity_id: activityId });
    }
    await runRetentionPurge({ db: bot.db, clock, log: silent }, policy);
    const cleared = await waitFor('the purged request\'s card updated', () => bot.connector.calls.find((c) => c.method === 'PUT' && c.activityId === 'card-of-old-request'));
    expect(JSON.stringify(cleared.body)).toContain('This record has been removed');
    expect(JSON.stringify(cleared.body)).not.toContain('LCS-CARD-OLD');
    expect((await bot.db.query('SELECT activity_id FROM record_cards WHERE activity_id LIKE $1', ['card-of-%'])).rows.map((r) => r.activity_id)).toEqual(['card-of-live-request']);
    expect(bot.connector.calls.some((c) => c.activityId === 'card-of-live-request')).toBe(false);
  });

  it('purges nothing more when run again the same day, and the next day only what has newly expired', async () => {
    const again = await runRetentionPurge({ db: bot.db, clock, log: silent }, policy);
    expect(Object.values(again.purged).every((n) => n === 0)).toBe(true);
    clock.set(addDays(NOW, 2));
    const later = await runRetentionPurge({ db: bot.db, clock, log: silent }, policy);
    expect(later.purged['check.cancelled']).toBe(1);
    expect(later.purged['notification.finished']).toBe(1);
    expect(later.purged['request.ended']).toBe(2);
    clock.set(NOW);
  });

  it('runs as the nightly job on the injected clock and plans its next run for 02:00 London', async () => {
    const runs = () => count(`SELECT count(*) AS n FROM audit_log WHERE action = 'retention.run'`);
    const before = await runs();
    await bot.app.jobs.add(RETENTION_TASK, {});
    await waitFor('the nightly purge job to run', async () => (await runs()) > before);
    expect(await runs()).toBe(before + 1);
    const run = (await bot.db.query(`SELECT at FROM audit_log WHERE action = 'retention.run' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(run.at).toEqual(NOW);

    const planned = await waitFor('the next purge to be planned', async () =>
      (await bot.db.query<{ run_at: Date; now: Date }>(`SELECT run_at, now() AS now FROM graphile_worker.jobs WHERE key = $1`, [RETENTION_TASK])).rows[0]);
    const next = nextPurgeAt(NOW, policy.purgeHour);
    expect(next.toISOString()).toBe('2027-01-13T02:00:00.000Z');
    // Never sooner than an hour of database time, so a test clock cannot make it loop.
    const expected = Math.max(next.getTime(), planned.now.getTime() + 3600_000);
    expect(Math.abs(planned.run_at.getTime() - expected)).toBeLessThan(5_000);
  });

  it('keeps going when one record type cannot be purged, and records the failure without content', async () => {
    const db = createPool(await createTestDatabase(), silent, { max: 2 });
    try {
      await migrate(db, silent);
      const blocked = check('completed', subYears(NOW, 3), 'LCS-BLOCKED');
      await insert(db, 'checks', blocked);
      await insert(db, 'checks', check('cancelled', subDays(NOW, 31)));
      // A (future) table that refers to checks without ON DELETE: the completed check cannot go yet.
      await db.query('CREATE TABLE check_followups (check_id uuid REFERENCES checks (id))');
      await db.query('INSERT INTO check_followups VALUES ($1)', [blocked.id]);
      const outcome = await runRetentionPurge({ db, clock: new ManualClock(NOW), log: silent }, policy);
      expect(outcome.failed).toEqual({ 'check.completed': '23503' });
      expect(outcome.purged['check.cancelled']).toBe(1);
      const run = (await db.query(`SELECT outcome, detail FROM audit_log WHERE action = 'retention.run'`)).rows[0];
      expect(run.outcome).toBe('failed');
      expect(JSON.stringify(run.detail)).not.toContain('LCS-BLOCKED');
    } finally {
      await db.end();
    }
  });
});

describe('the retention file', () => {
  const file = () => JSON.parse(JSON.stringify({ purgeHour: 2, recordTypes: Object.fromEntries(RECORD_TYPES.map((t) => [t, { keep: '2 years', why: 'a reason of some length' }])) }));
  const problems = (raw: unknown) => {
    try {
      parseRetentionPolicy(raw);
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('shipped with a period and a reason for every record type', () => {
    expect(Object.keys(policy.recordTypes).sort()).toEqual([...RECORD_TYPES].sort());
    expect(problems(file())).toBe('');
  });

  it('refuses a missing or unknown record type, a bad period, and an audit trail kept under a year', () => {
    const missing = file();
    delete missing.recordTypes['request.ended'];
    expect(problems(missing)).toMatch(/recordTypes\.request\.ended: missing/);
    const unknown = file();
    unknown.recordTypes['case.notes'] = { keep: '1 year', why: 'a reason of some length' };
    expect(problems(unknown)).toMatch(/recordTypes\.case\.notes: unknown record type/);
    const bad = file();
    bad.recordTypes['check.completed'].keep = 'forever';
    bad.recordTypes['check.cancelled'].keep = '0 days';
    expect(problems(bad)).toMatch(/check\.completed\.keep: a period such as/);
    expect(problems(bad)).toMatch(/check\.cancelled\.keep: a period must be at least 1 day/);
    const shortAudit = file();
    shortAudit.recordTypes['audit.expired'].keep = '6 months';
    expect(problems(shortAudit)).toMatch(/audit\.expired\.keep: keep the audit trail at least 1 year/);
  });
});

describe('the audit trail is append-only outside purge and erasure', () => {
  it('refuses UPDATE, DELETE and TRUNCATE from ordinary code paths', async () => {
    await writeAudit(bot.db, { actor: 'x', action: 'test.row' });
    await expect(bot.db.query(`UPDATE audit_log SET actor = 'y' WHERE action = 'test.row'`)).rejects.toThrow(/append-only/);
    await expect(bot.db.query(`DELETE FROM audit_log WHERE action = 'test.row'`)).rejects.toThrow(/append-only/);
    await expect(bot.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'test.row'`)).toBe(1);
  });
});
