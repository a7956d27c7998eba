// The edges of booking: outside the OSR week (explained, with the ordinary
// 0–19 request route offered), a full hub (said so, with other hubs' places
// this week and next week's), and pre-filling from a threshold check.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, actionsOf, inputsOf, action } from '../support/harness.js';
import { socialWorker, socialWorkerB, leadPractitioner, southHubManager, southPractitioner, hubManager } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { book, setDutyWeek, setHubWeek } from './helpers.js';

const MON_0900_GMT_8_MAR_2027 = new Date('2027-03-08T09:00:00Z'); // duty week 2027-W10
const MON_0800_GMT_15_MAR_2027 = new Date('2027-03-15T08:00:00Z'); // OSR week 2027-W11
const MON_0900_GMT_22_MAR_2027 = new Date('2027-03-22T09:00:00Z'); // 2027-W12, after it
const clock = new ManualClock(MON_0900_GMT_8_MAR_2027);
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await setDutyWeek(bot, '2027-W10');
  await setDutyWeek(bot, '2027-W13'); // a later duty week, so the next OSR week can be named
  await setHubWeek(bot, '2027-W11', leadPractitioner, { manager: hubManager });
  await setHubWeek(bot, '2027-W11', southPractitioner, { manager: southHubManager, cap: 1 });
  clock.set(MON_0800_GMT_15_MAR_2027);
});
afterAll(async () => { await bot.stop(); });

describe('outside the OSR week', () => {
  it('explains and offers the ordinary request route to a social worker whose team has no OSR week', async () => {
    const card = onlyCard(await bot.say(socialWorkerB, 'book'));
    expect(textOf(card)).toContain('Not your OSR week');
    expect(textOf(card)).toContain('Barnet DAT Team B (demo) is not in its OSR week');
    expect(textOf(card)).toContain('file a 0–19 Request Form to the hub that covers the family');
    expect(action(card, 'File a 0–19 request').data).toEqual({ verb: 'request.start' });
  });

  it('names the team\'s next OSR week once this one is over, and keeps a check for the request form', async () => {
    clock.set(MON_0900_GMT_22_MAR_2027);
    try {
      const card = onlyCard(await bot.submit(socialWorker, { verb: 'booking.start', checkId: 'c0ffee00-0000-4000-8000-000000000001' }));
      expect(textOf(card)).toContain("Your team's next OSR week is w/c Mon 5 Apr 2027");
      expect(action(card, 'File a 0–19 request').data).toEqual({ verb: 'request.start', checkId: 'c0ffee00-0000-4000-8000-000000000001' });
    } finally {
      clock.set(MON_0800_GMT_15_MAR_2027);
    }
  });
});

describe('a full hub', () => {
  it('says so, keeps what was typed, and shows other hubs with places this week and next week\'s places', async () => {
    // Next week only Barnet South has a lead responder: only its places can be offered for then.
    await setHubWeek(bot, '2027-W12', southPractitioner, { manager: southHubManager });
    await book(bot, socialWorker, { caseRef: 'LCS400001', date: '2027-03-16', time: '10:00', hubId: 'barnet-south' });
    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS400002', date: '2027-03-16', time: '11:00', hubId: 'barnet-south', purpose: 'Keep this text' });
    const text = textOf(answer);
    expect(text).toContain('Barnet South 0-19 Hub (demo) is full for the OSR week w/c Mon 15 Mar 2027: its one place is taken.');
    expect(text).toContain('Other hubs with places this week:');
    expect(text).toContain('Barnet North 0-19 Hub (demo): 3 of 3 places left this week');
    expect(text).not.toContain('Barnet West 0-19 Hub (demo): 3 of 3 places left this week'); // no lead responder set there
    expect(text).toContain("Next week's places:");
    expect(text).toContain('Barnet South 0-19 Hub (demo): 3 of 3 places (w/c Mon 22 Mar 2027)');
    expect(text).not.toContain('Barnet North 0-19 Hub (demo): 3 of 3 places (w/c Mon 22 Mar 2027)'); // no lead responder next week
    expect(inputsOf(answer)).toMatchObject({ caseRef: 'LCS400002', purpose: 'Keep this text', hubId: 'barnet-south' });
    expect(await bot.db.query(`SELECT 1 FROM bookings WHERE case_ref = 'LCS400002'`).then((r) => r.rowCount)).toBe(0);
    // The same card sent to a hub with places goes through.
    const retry = onlyCard(await bot.submit(socialWorker, action(answer, 'Send booking request').data!, { ...inputsOf(answer), hubId: 'barnet-north' }));
    expect(textOf(retry)).toContain('Booking request sent');
    expect(textOf(onlyCard(await bot.say(socialWorker, 'rota')))).toContain('Barnet South 0-19 Hub (demo): Lead: Demo South Practitioner. 0 of 1 places left.');
  });

  it('says when a hub has no lead responder for the week', async () => {
    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS400003', date: '2027-03-16', time: '10:00', hubId: 'barnet-west' });
    expect(textOf(answer)).toContain('Barnet West 0-19 Hub (demo) has no lead responder for w/c Mon 15 Mar 2027 yet');
  });
});

describe('pre-filling from a threshold check', () => {
  it('takes the case reference and postcode of the social worker\'s own check, and suggests the hub', async () => {
    const checkId = randomUUID();
    await bot.db.query(
      `INSERT INTO checks (id, owner_aad, status, step, answers, created_at, updated_at) VALUES ($1, $2, 'completed', 'result', $3, now(), now())`,
      [checkId, socialWorker.aadObjectId, JSON.stringify({ caseRef: 'EHM555111', postcode: 'nw4 1aa', area: 'barnet' })]);
    const form = onlyCard(await bot.submit(socialWorker, { verb: 'booking.start', checkId }));
    expect(inputsOf(form)).toMatchObject({ caseRef: 'EHM555111', postcode: 'nw4 1aa', hubId: 'barnet-south' });
    expect(action(form, 'Send booking request').data).toMatchObject({ checkId });
    // Someone else's check pre-fills nothing.
    const theirs = randomUUID();
    await bot.db.query(
      `INSERT INTO checks (id, owner_aad, status, step, answers, created_at, updated_at) VALUES ($1, $2, 'completed', 'result', $3, now(), now())`,
      [theirs, socialWorkerB.aadObjectId, JSON.stringify({ caseRef: 'EHM999000', postcode: 'N11 1AA' })]);
    expect(inputsOf(onlyCard(await bot.submit(socialWorker, { verb: 'booking.start', checkId: theirs })))).toMatchObject({ caseRef: '', postcode: '' });
  });

  it('suggests the hub from a typed postcode, keeping the other values', async () => {
    const form = onlyCard(await bot.say(socialWorker, 'book'));
    const suggested = onlyCard(await bot.submit(socialWorker, action(form, 'Suggest hub from postcode').data!, { ...inputsOf(form), postcode: 'N11 2BB', caseRef: 'LCS400009' }));
    expect(inputsOf(suggested)).toMatchObject({ hubId: 'barnet-north', caseRef: 'LCS400009', postcode: 'N11 2BB' });
    const elsewhere = onlyCard(await bot.submit(socialWorker, action(form, 'Suggest hub from postcode').data!, { ...inputsOf(form), postcode: 'PL1 1AA' }));
    expect(textOf(elsewhere)).toContain('No hub in your area covers that postcode');
    expect(actionsOf(elsewhere).map((a) => a.title)).toContain('File a 0–19 request instead');
  });
});
