// A database made by the previous version (migrations up to 020, rows as that
// version wrote them) is started by this one: every record with a case
// reference lands in its case, per area, however the reference was typed, and
// nothing is lost or changed on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../src/store/db.js';
import { listMigrations, migrate } from '../../src/store/migrate.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestDatabase } from '../support/database.js';
import { TestBot, onlyCard, textOf } from '../support/harness.js';
import { socialWorker, leadPractitioner, hubManager, socialWorkerB } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';

const log = createLogger('silent');
const CHECK = '10000000-0000-4000-8000-000000000001';
const REQUEST = '20000000-0000-4000-8000-000000000001';
const DRAFT = '20000000-0000-4000-8000-000000000002';
const BOOKING = '30000000-0000-4000-8000-000000000001';
const PLYMOUTH_BOOKING = '30000000-0000-4000-8000-000000000002';
const TABLES = ['checks', 'requests', 'request_status_history', 'bookings', 'hub_weeks', 'reminders', 'audit_log'];

/** The rows the previous version wrote for one Barnet family, and one Plymouth family that happens to have the same reference. */
async function previousVersionRows(db: Db): Promise<void> {
  const at = '2027-01-11T10:00:00Z';
  await db.query(
    `INSERT INTO checks (id, owner_aad, status, step, answers, level, case_ref, area, created_at, updated_at, completed_at)
     VALUES ($1, $2, 'completed', 'result', '{"area": "barnet", "caseRef": "LCS-300100"}', 2, 'LCS-300100', 'barnet', $3, $3, $3)`,
    [CHECK, socialWorker.aadObjectId, at]);
  await db.query(
    `INSERT INTO requests (id, idempotency_key, referrer_aad, hub_id, status, case_ref, level, source_check_id, allocated_to, allocated_at, created_at, updated_at, submitted_at)
     VALUES ($1, 'k1', $2, 'barnet-north', 'allocated', 'lcs 300100', 2, $3, $4, $5, $5, $5, $5)`,
    [REQUEST, socialWorker.aadObjectId, CHECK, leadPractitioner.aadObjectId, at]);
  await db.query(`INSERT INTO request_status_history (request_id, from_status, to_status, actor, at) VALUES ($1, 'draft', 'submitted', $2, $3), ($1, 'submitted', 'allocated', $4, $3)`,
    [REQUEST, socialWorker.aadObjectId, at, hubManager.aadObjectId]);
  // A draft has no hub: its area comes from the check it was started from.
  await db.query(`INSERT INTO requests (id, idempotency_key, referrer_aad, case_ref, source_check_id, created_at, updated_at) VALUES ($1, 'k2', $2, 'LCS-300100', $3, $4, $4)`,
    [DRAFT, socialWorker.aadObjectId, CHECK, at]);
  await db.query(`INSERT INTO hub_weeks (hub_id, week_id, lead_aad, default_cap) VALUES ('barnet-north', '2027-W03', $1, 3), ('plymouth-central', '2027-W03', NULL, 3)`, [leadPractitioner.aadObjectId]);
  for (const [id, hub, key] of [[BOOKING, 'barnet-north', 'b1'], [PLYMOUTH_BOOKING, 'plymouth-central', 'b2']] as const) {
    await db.query(
      `INSERT INTO bookings (id, idempotency_key, hub_id, week_id, dat_team_id, social_worker_aad, lead_responder_aad, assignee_aad, visit_type, visit_at,
         case_ref, purpose, risks, status, created_at, updated_at)
       VALUES ($1, $2, $3, '2027-W03', 'dat-barnet-a', $4, $5, $5, 'home-visit', '2027-01-19T10:00:00Z', 'LCS-300100', 'Joint assessment', 'None known', 'accepted', $6, $6)`,
      [id, key, hub, socialWorker.aadObjectId, leadPractitioner.aadObjectId, at]);
  }
  await db.query(`INSERT INTO reminders (job_key, cause, cause_id, recipient, recipient_spec, due_at, case_ref, template, data)
    VALUES ('r1', 'request-not-filed', $1, 'user=x', '{}', '2027-01-20T09:00:00Z', 'LCS-300100', 'request-not-filed', '{}')`, [BOOKING]);
}

async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  // Ordered by the row's content: linking records to cases rewrites them, which changes their order on disk.
  for (const t of TABLES) out[t] = (await db.query(`SELECT to_jsonb(t) - 'case_id' - 'continued_from_request_id' AS row FROM ${t} t ORDER BY (to_jsonb(t) - 'case_id' - 'continued_from_request_id')::text`)).rows.map((r) => r.row);
  return out;
}

let url: string;
let before: Record<string, unknown[]>;
let bot: TestBot;

beforeAll(async () => {
  url = await createTestDatabase();
  const db = createPool(url, log, { max: 2 });
  try {
    await migrate(db, log, listMigrations().filter((m) => m.version <= 20));
    await previousVersionRows(db);
    before = await snapshot(db);
  } finally {
    await db.end();
  }
  bot = await TestBot.start({ databaseUrl: url, clock: new ManualClock(new Date('2027-01-18T10:00:00Z')) });
}, 120_000);
afterAll(async () => { await bot?.stop(); });

describe('a database made by the previous version', () => {
  it('keeps every row as it was', async () => {
    const after = await snapshot(bot.db);
    // Starting the app writes its own audit rows; the previous rows are all still there unchanged.
    for (const t of TABLES.filter((name) => name !== 'audit_log')) expect(after[t], t).toEqual(before[t]);
    expect(after.audit_log).toEqual(expect.arrayContaining(before.audit_log!));
  });

  it('puts each record in its case: one per area, whatever the spelling', async () => {
    const cases = await bot.db.query(`SELECT area_id, case_ref FROM cases ORDER BY area_id`);
    expect(cases.rows).toEqual([{ area_id: 'barnet', case_ref: 'LCS-300100' }, { area_id: 'plymouth', case_ref: 'LCS-300100' }]);
    const linked = await bot.db.query(
      `SELECT c.area_id, x.kind, x.id FROM (
         SELECT 'check' AS kind, id::text, case_id FROM checks UNION ALL SELECT 'request', id::text, case_id FROM requests
         UNION ALL SELECT 'booking', id::text, case_id FROM bookings) x LEFT JOIN cases c ON c.id = x.case_id ORDER BY x.id`);
    expect(linked.rows).toEqual([
      { area_id: 'barnet', kind: 'check', id: CHECK },
      { area_id: 'barnet', kind: 'request', id: REQUEST },
      { area_id: 'barnet', kind: 'request', id: DRAFT },
      { area_id: 'barnet', kind: 'booking', id: BOOKING },
      { area_id: 'plymouth', kind: 'booking', id: PLYMOUTH_BOOKING },
    ]);
  });

  it('shows the migrated case on its case card, to the people on it only', async () => {
    const card = onlyCard(await bot.say(socialWorker, 'case LCS-300100'));
    const text = textOf(card);
    expect(text).toContain('Case LCS-300100');
    expect(text).toContain('Where the family is: Visit booked');
    expect(text).toContain('Allocated practitioner');
    expect(text).toContain(leadPractitioner.name);
    expect(text).toContain('Request allocated to Demo Lead Practitioner');
    expect(text).toMatch(/Due next: .*Tue 19 Jan, 10:00/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // However it is typed; words that only start with "case" are not a reference.
    expect(textOf(onlyCard(await bot.say(socialWorker, 'case lcs 300100')))).toContain('Where the family is: Visit booked');
    expect(JSON.stringify(await bot.say(socialWorker, 'case conference on Tuesday'))).not.toContain("I can't show you a case");
    const refused = onlyCard(await bot.say(socialWorkerB, 'case LCS-300100'));
    expect(textOf(refused)).toContain("I can't show you a case for LCS-300100");
    const unknown = onlyCard(await bot.say(socialWorker, 'case LCS-999999'));
    expect(textOf(unknown)).toContain("I can't show you a case for LCS-999999");
    // A case that exists but is not yours reads exactly like one that does not exist: no probing which families are known.
    expect(JSON.stringify(refused).replaceAll('LCS-300100', 'REF')).toBe(JSON.stringify(unknown).replaceAll('LCS-999999', 'REF'));
    // Every look, seen or refused, is in the audit trail.
    const audit = await bot.db.query(`SELECT actor, outcome, detail->>'reason' AS reason FROM audit_log WHERE action = 'case.viewed' ORDER BY id`);
    expect(audit.rows).toEqual([
      { actor: socialWorker.aadObjectId, outcome: 'ok', reason: null },
      { actor: socialWorker.aadObjectId, outcome: 'ok', reason: null },
      { actor: socialWorkerB.aadObjectId, outcome: 'refused', reason: 'no-record-visible' },
      { actor: socialWorker.aadObjectId, outcome: 'refused', reason: 'not-found' },
    ]);
  });

  it('a later start links nothing twice, and removes a case none of whose records is left', async () => {
    // A draft discarded long ago left its case behind; one made a moment ago may be about to get its first record.
    await bot.db.query(`INSERT INTO cases (area_id, case_ref, created_at) VALUES ('barnet', 'LCS-300199', now() - interval '2 days'), ('barnet', 'LCS-300198', now())`);
    await bot.restart();
    const cases = await bot.db.query('SELECT case_ref FROM cases ORDER BY case_ref, area_id');
    expect(cases.rows.map((r) => r.case_ref)).toEqual(['LCS-300100', 'LCS-300100', 'LCS-300198']);
  });
});
