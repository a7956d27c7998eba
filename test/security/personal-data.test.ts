// Nothing personal in logs, channel cards or notification summaries: one
// synthetic family with distinctive details is taken through every journey the
// bot has (journeys.ts, one line each), with logging at trace, and then every
// captured log line, every channel card and every summary is searched for any
// piece of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { ManualClock } from '../../src/app/clock.js';
import { JOURNEYS, drainOutbox, runJourneys, type Typed } from './journeys.js';

/** A synthetic family: every value is distinctive so any leak is found, and none is a real person or place. */
const FAMILY: Typed = {
  child: 'Zephyrina Quillfeather',
  carer: 'Bartholomew Quillfeather',
  dob: '2095-07-23',
  postcode: 'N11 1ZZ',
  address: '7 Imaginary Mews',
  town: 'Quillbury',
  phone: '07700 900731',
  note: 'UNIQUE-NOTE-7731 Zephyrina is scared of the dark',
  goals: 'GOAL-QX-5521 Zephyrina sleeps through',
  risks: 'RISK-QX-8813 large dog at 7 Imaginary Mews',
  reason: 'REASON-QX-2207 Bartholomew is struggling',
  purpose: 'PURPOSE-QX-3307 meet Zephyrina and Bartholomew',
  override: 'OVERRIDE-QX-4410 Zephyrina disclosed more at school',
  decline: 'DECLINE-QX-6120 Bartholomew refused',
  professionals: 'PROF-QX-9001 Dr Quillfeather GP',
};
/** What must never appear: the values, and the fragments a log might cut them into. */
const NEEDLES = [
  ...Object.values(FAMILY), 'Zephyrina', 'Quillfeather', 'Bartholomew', 'N111ZZ', 'n11 1zz', '07700900731', '900731', 'Imaginary Mews', 'Quillbury',
  'UNIQUE-NOTE-7731', 'QX-',
];

let bot: TestBot;
const clock = new ManualClock(new Date('2027-03-08T09:00:00Z'));
const ran: string[] = [];

beforeAll(async () => {
  bot = await TestBot.start({ clock, env: { LOG_LEVEL: 'trace' } });
  ran.push(...(await runJourneys(bot, clock, FAMILY)));
  // Let the outbox deliver what it can, so delivery logging is searched too.
  await drainOutbox(bot);
}, 240_000);
afterAll(async () => { await bot?.stop(); });

const leaks = (text: string) => NEEDLES.filter((n) => text.toLowerCase().includes(n.toLowerCase()));

describe('personal data stays out of logs, channel cards and notification summaries', () => {
  it('ran every journey, with the family typed into the database (so the test would see a leak)', async () => {
    expect(ran).toEqual(JOURNEYS.map((j) => j.name));
    const stored = await bot.db.query(`SELECT (SELECT count(*) FROM checks WHERE answers::text LIKE '%UNIQUE-NOTE-7731%') AS checks,
      (SELECT count(*) FROM requests WHERE form::text LIKE '%Zephyrina%') AS requests, (SELECT count(*) FROM bookings WHERE purpose LIKE '%PURPOSE-QX%') AS bookings`);
    expect(Number(stored.rows[0].checks)).toBeGreaterThan(0);
    expect(Number(stored.rows[0].requests)).toBeGreaterThan(0);
    expect(Number(stored.rows[0].bookings)).toBeGreaterThan(0);
    // Every step ran as the people allowed to take it, without a fault.
    expect(bot.logs.lines.filter((l) => l.includes('turn failed'))).toEqual([]);
    const audit = await bot.db.query(`SELECT action, outcome, count(*)::int AS n FROM audit_log GROUP BY action, outcome ORDER BY action`);
    expect(audit.rows.filter((r) => r.outcome !== 'ok')).toEqual([]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['check.level-overridden', 'privacy.erased', 'privacy.exported']));
    expect(bot.logs.lines.length).toBeGreaterThan(100);
    expect(bot.logs.lines.some((l) => l.includes('"level":20'))).toBe(true); // debug lines were captured
    console.info(`personal data: ${ran.length} journeys, ${bot.logs.lines.length} log lines, ${audit.rows.reduce((a, r) => a + r.n, 0)} audit rows (${audit.rows.map((r) => r.action).join(', ')})`);
  });

  it('logs none of it, at trace level', () => {
    const bad = bot.logs.lines.filter((l) => leaks(l).length > 0);
    expect(bad.map((l) => `${leaks(l).join('|')} in ${l.slice(0, 300)}`)).toEqual([]);
  });

  it('puts none of it in a hub-channel card or in any notification summary', async () => {
    const channel = await bot.db.query(`SELECT card_template, card_data, summary FROM notifications WHERE recipient_kind = 'channel'`);
    expect(channel.rowCount).toBeGreaterThan(0);
    expect(channel.rows.filter((r) => leaks(JSON.stringify(r)).length > 0)).toEqual([]);
    const summaries = await bot.db.query(`SELECT card_template, summary FROM notifications`);
    expect(summaries.rowCount).toBeGreaterThan(5);
    expect(summaries.rows.filter((r) => leaks(r.summary).length > 0)).toEqual([]);
    // And what actually went out to channels.
    const posted = bot.connector.delivered.filter((c) => (c.conversationId ?? '').startsWith('19:'));
    expect(posted.filter((c) => leaks(JSON.stringify(c.body)).length > 0).map((c) => c.conversationId)).toEqual([]);
  });
});
