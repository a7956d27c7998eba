// OSR weeks are London weeks: they start at Monday 00:00 on London clocks,
// which is Sunday 23:00 UTC in summer time. These conversations run across
// the spring (28 March 2027) and autumn (31 October 2027) clock changes and
// show the bot's "this week", the bookable week and visit times follow
// London, not UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, action } from '../support/harness.js';
import { socialWorker, leadPractitioner } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { book, bookingId, lastCardFor, press, setDutyWeek, setHubWeek } from './helpers.js';

const utc = (iso: string) => new Date(iso);
const clock = new ManualClock(utc('2027-03-15T09:00:00Z'));
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  // Duty in 2027-W11 → OSR in W12, the week that ends with the spring change.
  await setDutyWeek(bot, '2027-W11');
  await setHubWeek(bot, '2027-W12', leadPractitioner);
  // Duty in 2027-W42 → OSR in W43, the 169-hour week that ends with the autumn change.
  // Set in the duty week itself: the rota forms offer only the next few weeks.
  clock.set(utc('2027-10-18T09:00:00Z'));
  await setDutyWeek(bot, '2027-W42');
  await setHubWeek(bot, '2027-W43', leadPractitioner);
});
afterAll(async () => { await bot.stop(); });

describe('across the spring clock change', () => {
  it('keeps the OSR week until Sunday 23:59 BST and ends it at Monday 00:00 BST (Sunday 23:00 UTC)', async () => {
    clock.set(utc('2027-03-28T22:59:00Z')); // Sunday 23:59 BST
    expect(textOf(onlyCard(await bot.say(socialWorker, 'book')))).toContain('Your OSR week is w/c Mon 22 Mar 2027');
    clock.set(utc('2027-03-28T23:00:00Z')); // Monday 00:00 BST, still Sunday in UTC
    expect(textOf(onlyCard(await bot.say(socialWorker, 'book')))).toContain('Not your OSR week');
    expect(textOf(onlyCard(await bot.say(socialWorker, 'rota')))).toContain('This week: w/c Mon 29 Mar 2027');
  });
});

describe('across the autumn clock change', () => {
  it('starts the OSR week at Monday 00:00 BST (Sunday 23:00 UTC) and reads visit times as London time', async () => {
    clock.set(utc('2027-10-24T23:30:00Z')); // Monday 00:30 BST
    expect(textOf(onlyCard(await bot.say(socialWorker, 'rota')))).toContain('This week: w/c Mon 25 Oct 2027');
    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS600001', date: '2027-10-25', time: '09:00' });
    expect(textOf(answer)).toContain('When: Mon 25 Oct, 09:00');
    const id = await bookingId(bot, 'LCS600001');
    const stored = await bot.db.query('SELECT visit_at FROM bookings WHERE id = $1', [id]);
    expect(stored.rows[0].visit_at.toISOString()).toBe('2027-10-25T08:00:00.000Z'); // 09:00 BST
    await press(bot, leadPractitioner, await lastCardFor(bot, leadPractitioner, id), 'Accept');
    const link = action(await lastCardFor(bot, socialWorker, id), 'Add to calendar') as unknown as { url: string };
    const ics = await (await fetch(`${bot.url}${new URL(link.url).pathname}${new URL(link.url).search}`)).text();
    expect(ics).toContain('DTSTART:20271025T080000Z');
  });

  it('runs the 169-hour week to Monday 00:00 GMT, and a visit after the change is on GMT', async () => {
    clock.set(utc('2027-10-27T09:00:00Z'));
    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS600002', date: '2027-11-01', time: '10:00' });
    expect(textOf(answer)).toContain('The visit must be in your OSR week');
    clock.set(utc('2027-10-31T23:59:00Z')); // Sunday 23:59 GMT: still the OSR week
    expect(textOf(onlyCard(await bot.say(socialWorker, 'book')))).toContain('Your OSR week is w/c Mon 25 Oct 2027');
    clock.set(utc('2027-11-01T00:00:00Z')); // Monday 00:00 GMT
    expect(textOf(onlyCard(await bot.say(socialWorker, 'book')))).toContain('Not your OSR week');
  });
});
