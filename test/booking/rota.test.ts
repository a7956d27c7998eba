// Rota set-up by managers, over HTTP with the real bot: the DAT manager's
// duty weeks (OSR week follows), the hub manager's lead responder, cover and
// places, the grade H/I check, and a cap lowered below what is booked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, actionsOf, inputsOf } from '../support/harness.js';
import { datManager, hubManager, leadPractitioner, gradeIPractitioner, gradeGPractitioner, southPractitioner, socialWorker } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { auditByAction } from '../../src/store/audit-store.js';
import { book, setDutyWeek, setHubWeek } from './helpers.js';

const MON_0900_GMT_8_MAR_2027 = new Date('2027-03-08T09:00:00Z'); // 2027-W10
const MON_0900_GMT_15_MAR_2027 = new Date('2027-03-15T09:00:00Z'); // 2027-W11
const clock = new ManualClock(MON_0900_GMT_8_MAR_2027);
let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start({ clock }); });
afterAll(async () => { await bot.stop(); });

describe('the OSR rota', () => {
  it('lets the DAT manager set a duty week, the OSR week being the week after, and tells the team and the hub managers', async () => {
    const form = onlyCard(await bot.submit(datManager, { verb: 'booking.duty.start' }));
    expect(inputsOf(form)).toMatchObject({ datTeamId: 'dat-barnet-a', dutyWeek: '2027-W10' });
    const done = await setDutyWeek(bot, '2027-W10');
    expect(textOf(done)).toContain('Duty week w/c Mon 8 Mar 2027; OSR week w/c Mon 15 Mar 2027');
    const told = await bot.db.query(`SELECT recipient_id FROM notifications WHERE card_data->>'title' = 'OSR rota' ORDER BY id`);
    expect(told.rows.map((r) => r.recipient_id)).toEqual(expect.arrayContaining([socialWorker.aadObjectId, hubManager.aadObjectId]));
    // The confirmation names who was told, now or when they first open Right Response (never a blanket "everyone has been told").
    expect(textOf(done)).toMatch(/Demo Social Worker[^.]*(has|have) been told|Demo Social Worker[^.]*will see it when/);
    expect(textOf(done)).toContain('Demo Hub Manager');
    expect(textOf(done)).not.toContain('Your social workers and the hub managers have been told');
    const again = await setDutyWeek(bot, '2027-W10');
    expect(textOf(again)).toContain('Already set');
    expect(textOf(again)).not.toMatch(/been told|will see it/);
  });

  it('refuses duty weeks from anyone but the DAT manager, and audits the refusal', async () => {
    const card = onlyCard(await bot.submit(socialWorker, { verb: 'booking.duty.set' }, { datTeamId: 'dat-barnet-a', dutyWeek: '2027-W12' }));
    expect(textOf(card)).toContain("Only the team's DAT manager");
    const refused = await auditByAction(bot.db, 'rota.duty-week.set');
    expect(refused.some((a) => a.outcome === 'refused' && a.actor === socialWorker.aadObjectId)).toBe(true);
  });

  it('lets the hub manager name a grade H lead responder and a grade I cover for a week', async () => {
    const form = onlyCard(await bot.submit(hubManager, { verb: 'booking.hubWeek.start' }));
    const choices = JSON.stringify(form);
    expect(choices).toContain(leadPractitioner.aadObjectId);
    expect(choices).toContain(gradeIPractitioner.aadObjectId);
    expect(choices).not.toContain(gradeGPractitioner.aadObjectId); // only H and I are offered
    const saved = await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner });
    expect(textOf(saved)).toContain('Lead responder set for w/c Mon 15 Mar 2027, with 3 places');
    const told = await bot.db.query(`SELECT recipient_id FROM notifications WHERE card_data->>'message' LIKE '%lead responder for w/c Mon 15 Mar 2027%'`);
    expect(told.rows.map((r) => r.recipient_id)).toEqual([leadPractitioner.aadObjectId]);
  });

  it('refuses a grade G lead responder, or one from another hub, re-showing the form with the values kept', async () => {
    const card = await setHubWeek(bot, '2027-W12', gradeGPractitioner, { cap: 4 });
    expect(textOf(card)).toContain('The lead responder must be a grade H or I practitioner (Demo Family Practitioner is not)');
    expect(inputsOf(card)).toMatchObject({ weekId: '2027-W12', lead: gradeGPractitioner.aadObjectId, cap: '4' });
    expect(textOf(await setHubWeek(bot, '2027-W12', southPractitioner))).toContain('must be a practitioner of Barnet North');
    expect(textOf(await setHubWeek(bot, '2027-W12', leadPractitioner, { cover: gradeGPractitioner }))).toContain('The cover responder must be a grade H or I');
    const row = await bot.db.query(`SELECT lead_aad FROM hub_weeks WHERE hub_id = 'barnet-north' AND week_id = '2027-W12'`);
    expect(row.rows[0]?.lead_aad ?? null).toBeNull();
  });

  it('refuses rota changes from a practitioner', async () => {
    const card = onlyCard(await bot.submit(leadPractitioner, { verb: 'booking.hubWeek.set' }, { weekId: '2027-W11', lead: leadPractitioner.aadObjectId, cover: 'none', cap: '' }));
    expect(textOf(card)).toContain('Only a hub team manager');
  });

  it('shows everyone this and next week: who is on OSR, the lead responders and the places left', async () => {
    const card = onlyCard(await bot.say(socialWorker, 'rota'));
    const text = textOf(card);
    expect(text).toContain('This week: w/c Mon 8 Mar 2027');
    expect(text).toContain('Next week: w/c Mon 15 Mar 2027');
    expect(text).toContain('On OSR: Barnet DAT Team A (demo)');
    expect(text).toContain('Barnet North 0-19 Hub (demo): Lead: Demo Lead Practitioner; cover: Demo Senior Practitioner. 3 of 3 places left.');
    expect(text).toContain('Barnet South 0-19 Hub (demo): No lead responder set, so nothing can be booked yet.');
    expect(actionsOf(card).map((a) => a.title)).toContain('Book a joint visit');
    expect(actionsOf(onlyCard(await bot.say(hubManager, 'rota'))).map((a) => a.title)).toContain('Set lead responder and places');
  });

  it('refuses a cap below the places already booked, listing the bookings by case reference only', async () => {
    clock.set(MON_0900_GMT_15_MAR_2027);
    await book(bot, socialWorker, { caseRef: 'LCS200001', date: '2027-03-16', time: '10:00', purpose: 'Talk to Jane Doe about routines' });
    await book(bot, socialWorker, { caseRef: 'LCS200002', date: '2027-03-17', time: '14:00' });
    const refused = await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner, cap: 1 });
    const text = textOf(refused);
    expect(text).toContain('2 places are already held for w/c Mon 15 Mar 2027, so the cap cannot go down to 1');
    expect(text).toContain('LCS200001: Tue 16 Mar, 10:00');
    expect(text).toContain('LCS200002: Wed 17 Mar, 14:00');
    expect(text).not.toContain('Jane Doe');
    expect(inputsOf(refused).cap).toBe('1');
    expect(textOf(await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner, cap: 2 }))).toContain('with 2 places');
    expect(textOf(onlyCard(await bot.say(socialWorker, 'rota')))).toContain('0 of 2 places left');
  });
});
