// Validation gaps (issue 16 part 5): numbers are whole numbers written in
// digits and within range (no hexadecimal, exponents or decimals slipping
// through JavaScript's Number()), a week can only be one the card offered,
// and no place is offered, or counted as free, at a hub-week with no lead
// responder (nobody could take it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf } from '../support/harness.js';
import { hubManager, leadPractitioner, socialWorker, datManager } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { book, setDutyWeek, setHubWeek } from './helpers.js';
import { walkToResult, press } from '../check/walk.js';

const MON_0900_GMT_8_MAR_2027 = new Date('2027-03-08T09:00:00Z'); // 2027-W10
const clock = new ManualClock(MON_0900_GMT_8_MAR_2027);
let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start({ clock }); });
afterAll(async () => { await bot.stop(); });

const capOf = async (weekId: string) => (await bot.db.query('SELECT cap_override FROM hub_weeks WHERE hub_id = $1 AND week_id = $2', ['barnet-north', weekId])).rows[0]?.cap_override ?? null;
const hubWeekRows = async () => Number((await bot.db.query('SELECT count(*) AS n FROM hub_weeks')).rows[0].n);
const dutyRows = async () => Number((await bot.db.query('SELECT count(*) AS n FROM dat_duty_weeks')).rows[0].n);

describe('numbers typed into cards', () => {
  it.each(['0x10', '1e1', '2.0', '+3', '3 places', '٣', '999999999999999999999', '-1', '51'])('a cap of "%s" is refused with the field named, nothing saved', async (cap) => {
    const card = onlyCard(await bot.submit(hubManager, { verb: 'booking.hubWeek.set' }, { weekId: '2027-W11', lead: leadPractitioner.aadObjectId, cover: 'none', cap }));
    expect(textOf(card)).toMatch(/Places (must be a whole number from 0 to 50|can be at most 50|must be 0 or more)/);
    expect(await capOf('2027-W11')).toBeNull();
  });

  it('a cap written plainly, with spaces around it, is taken', async () => {
    expect(textOf(await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: ' 4 ' as unknown as number }))).toContain('with 4 places');
    expect(await capOf('2027-W11')).toBe(4);
  });

  it.each(['0x3', '3.0', '3e0', ' 3', '03', '5', '0'])('an override level of "%s" is refused and the level stays', async (level) => {
    const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '4', needs: ['pc.routines-boundaries'] });
    const again = await press(bot, socialWorker, result, 'Save override', { overrideLevel: level, overrideReason: 'The family asked for more help than this.' });
    expect(textOf(again)).toMatch(/Choose the level you judge right \(1 to 4\)/);
    const row = (await bot.db.query(`SELECT override_level FROM checks WHERE owner_aad = $1 ORDER BY updated_at DESC LIMIT 1`, [socialWorker.aadObjectId])).rows[0];
    expect(row.override_level).toBeNull();
  });
});

describe('weeks the card did not offer', () => {
  it.each([['eight weeks ahead', '2027-W18'], ['years ahead', '2099-W01'], ['a week that does not exist', '2027-W54']])('a hub week %s is refused, nothing saved', async (_label, weekId) => {
    const before = await hubWeekRows();
    const card = onlyCard(await bot.submit(hubManager, { verb: 'booking.hubWeek.set' }, { weekId, lead: leadPractitioner.aadObjectId, cover: 'none', cap: '' }));
    expect(textOf(card)).toMatch(/Choose a week from the list/);
    expect(await hubWeekRows()).toBe(before);
  });

  it.each([['eight weeks ahead', '2027-W18'], ['years ahead', '2099-W01']])('a duty week %s is refused, nothing saved', async (_label, dutyWeek) => {
    const before = await dutyRows();
    const card = await setDutyWeek(bot, dutyWeek, datManager);
    expect(textOf(card)).toMatch(/Choose (the duty week|a week) from the list/);
    expect(await dutyRows()).toBe(before);
  });

  it('the last week the form offers is accepted', async () => {
    expect(textOf(await setHubWeek(bot, '2027-W17', leadPractitioner))).toContain('Rota saved');
  });

  it('opening the hub-week form for a week it does not offer shows the first week it does', async () => {
    const form = onlyCard(await bot.submit(hubManager, { verb: 'booking.hubWeek.start', weekId: '2099-W01' }));
    expect(JSON.stringify(form)).not.toContain('2099-W01');
  });
});

describe('places at a hub-week without a lead responder', () => {
  it('are not shown as free on the rota', async () => {
    const rota = textOf(onlyCard(await bot.say(hubManager, 'rota')));
    const line = rota.split('\n').find((l) => l.includes('No lead responder set')) ?? '';
    expect(line).not.toBe('');
    expect(line).not.toMatch(/places left/);
  });

  it('are not offered as next week\'s alternative when a hub is full', async () => {
    await setDutyWeek(bot, '2027-W10');              // OSR week 2027-W11
    clock.set(new Date('2027-03-15T09:00:00Z'));     // Monday of 2027-W11
    await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: 1 });
    await book(bot, socialWorker, { caseRef: 'LCS-GAP-1', date: '2027-03-16', time: '10:00' });
    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS-GAP-2', date: '2027-03-17', time: '10:00' });
    const text = textOf(answer);
    expect(text).toMatch(/full/i);
    // Next week (2027-W12) has no lead responder at any hub: nothing may be offered there.
    expect(text).not.toMatch(/w\/c Mon 22 Mar 2027/);
  });
});
