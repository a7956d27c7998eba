// No clashes (issue 12): a lead responder cannot be booked for two joint
// visits at overlapping times, even when two social workers press "Send" for
// the same slot at the same moment; the one refused is offered the nearest
// free times on the form, with everything they typed kept. And the weekly
// places a hub manager sets are checked, with the value kept and the problem named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestBot, onlyCard, textOf, action, inputsOf } from '../support/harness.js';
import { socialWorker, leadPractitioner } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { fill, setDutyWeek, setHubWeek } from '../booking/helpers.js';

const clock = new ManualClock(new Date('2027-03-08T09:00:00Z'));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await setDutyWeek(bot, '2027-W10');
  await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: 10 });
  clock.set(new Date('2027-03-15T08:00:00Z')); // Monday of the OSR week
}, 120_000);
afterAll(async () => { await bot?.stop(); });

const openAt = async (iso: string) => (await bot.db.query(
  `SELECT case_ref FROM bookings WHERE visit_at = $1 AND booking_is_open(status)`, [iso])).rows.map((r) => r.case_ref as string);

describe('the lead responder is never booked twice at once', () => {
  it('two bookings for the same slot at the same moment: one wins, the other is offered the nearest free times', async () => {
    const forms = [onlyCard(await bot.say(socialWorker, 'book')), onlyCard(await bot.say(socialWorker, 'book'))];
    const visits = [{ caseRef: 'LCS-610001', date: '2027-03-16', time: '10:00' }, { caseRef: 'LCS-610002', date: '2027-03-16', time: '10:30' }];
    const answers = await Promise.all(forms.map((form, i) => bot.submit(socialWorker, action(form, 'Send booking request').data!, fill(form, visits[i]!)).then(onlyCard)));
    const refused = answers.filter((a) => textOf(a).includes('already has a joint visit at that time'));
    expect(refused).toHaveLength(1);
    const refusal = refused[0]!;
    expect(textOf(refusal)).toContain('Demo Lead Practitioner already has a joint visit at that time. The nearest free times this week:');
    // The free times are around the visit that won, never overlapping it.
    const won = (await bot.db.query(`SELECT visit_at FROM bookings WHERE booking_is_open(status)`)).rows.map((r) => (r.visit_at as Date).toISOString());
    expect(won).toHaveLength(1);
    const offered = /free times this week: ([^.]+)\./.exec(textOf(refusal))![1]!.split('; ');
    expect(offered).toHaveLength(3);
    expect(offered).not.toContain(won[0] === '2027-03-16T10:00:00.000Z' ? 'Tue 16 Mar, 10:00' : 'Tue 16 Mar, 10:30');
    expect(offered[0]).toMatch(/^Tue 16 Mar, (09|11|11:30|09:30)/);
    // Everything typed is kept on the refused form, to change the time and send again.
    const kept = inputsOf(refusal);
    expect(['LCS-610001', 'LCS-610002']).toContain(kept.caseRef);
    expect(kept.purpose).toBe('Agree a parenting plan with the family');

    // Sending again at an offered time books it.
    const [, hh, mm] = /, (\d\d):(\d\d)$/.exec(offered[0]!)!;
    const again = onlyCard(await bot.submit(socialWorker, action(refusal, 'Send booking request').data!, { ...kept, visitTime: `${hh}:${mm}` }));
    expect(textOf(again)).not.toContain('already has a joint visit');
    expect(await openAt(`2027-03-16T${hh}:${mm}:00Z`)).toEqual([kept.caseRef]);
  });

  it('the database refuses an overlapping visit even from a writer that skips the app', async () => {
    const insert = (caseRef: string, at: string) => bot.db.query(
      `INSERT INTO bookings (id, idempotency_key, hub_id, week_id, dat_team_id, social_worker_aad, lead_responder_aad, assignee_aad,
         visit_type, visit_at, case_ref, purpose, risks, status, created_at, updated_at)
       VALUES ($1, $2, 'barnet-north', '2027-W11', 'dat-barnet-a', $3, $4, $4, 'home-visit', $5, $6, 'p', 'r', 'requested', now(), now())`,
      [randomUUID(), randomUUID(), socialWorker.aadObjectId, leadPractitioner.aadObjectId, at, caseRef]);
    await insert('LCS-610010', '2027-03-18T13:00:00Z');
    await expect(insert('LCS-610011', '2027-03-18T13:59:00Z')).rejects.toMatchObject({ constraint: 'bookings_responder_no_overlap' });
    // Back to back is fine: a visit ends when the next begins.
    await insert('LCS-610012', '2027-03-18T14:00:00Z');
    // A cancelled visit frees its time.
    await bot.db.query(`UPDATE bookings SET status = 'cancelled' WHERE case_ref = 'LCS-610010'`);
    await insert('LCS-610013', '2027-03-18T13:00:00Z');
  });
});

describe('weekly places', () => {
  it('must be a whole number in range and not below what is booked, with the value kept and the problem named', async () => {
    for (const typed of ['2.5', '-1', '51']) {
      const card = await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: typed as unknown as number });
      expect(textOf(card), typed).toContain('Places must be a whole number from 0 to 50');
      expect(inputsOf(card).cap, typed).toBe(typed);
    }
    const booked = Number((await bot.db.query(`SELECT count(*) AS n FROM bookings WHERE week_id = '2027-W11' AND booking_holds_place(status)`)).rows[0].n);
    expect(booked).toBeGreaterThan(1);
    const below = await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: booked - 1 });
    expect(textOf(below)).toContain(`${booked} places are already held for`);
    expect(textOf(below)).toContain(`cannot go down to ${booked - 1}`);
    expect(inputsOf(below).cap).toBe(String(booked - 1));
    const saved = await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: booked });
    expect(textOf(saved)).toContain(`with ${booked} places`);
  });
});
