// Issue 14 through the real bot over HTTP: a described family flows into a
// pre-filled check, risk words bring the safety question and the front door
// first, the needs step ticks needs from the practitioner's own words, and
// what nothing understood gets the help card with the closest commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, cardsOf, textOf, action, inputsOf, type Card } from '../support/harness.js';
import { socialWorker, DEMO_TENANT } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { press } from '../check/walk.js';

let bot: TestBot;
const clock = new ManualClock(new Date('2027-03-10T10:00:00Z'));
const MUM_LOW = "mum's been really low since the baby, the 7-year-old is missing school and they might lose the flat. They live in SG1 9ZZ.";

beforeAll(async () => { bot = await TestBot.start({ clock }); }, 120_000);
afterAll(async () => { await bot?.stop(); });

const say = async (text: string) => onlyCard(await bot.say(socialWorker, text));
const checkRows = () => bot.db.query(`SELECT id, status, step, answers FROM checks WHERE owner_aad = $1 ORDER BY created_at`, [socialWorker.aadObjectId]);

describe('a described family', () => {
  it('answers with each suggested need and its words, ages and area, and says it does not decide a level', async () => {
    const card = await say(MUM_LOW);
    const text = textOf(card);
    expect(text).toContain('Here is what I understood');
    expect(text).toContain('Postnatal isolation or low mood: “since the baby”');
    expect(text).toContain('Low school attendance: “missing school”');
    expect(text).toContain('Risk of homelessness: “lose the flat”');
    expect(text).toContain('Age: 7');
    expect(text).toContain('Area: Hertfordshire (from “SG1 9ZZ”)');
    expect(text).toContain('I do not decide a level');
    expect(text).not.toMatch(/pc\.|cd\.|fe\./);
    expect(inputsOf(card).area).toBe('hertfordshire');
    // Nothing is stored until the practitioner starts the check.
    expect((await checkRows()).rowCount).toBe(0);
  });

  it('starts a check pre-filled with what was understood, confirmed step by step', async () => {
    const understood = await say(MUM_LOW);
    const involvement = await press(bot, socialWorker, understood, 'Start the check with these', { immediateRisk: 'no' });
    expect(textOf(involvement)).toContain('already open');
    const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
    expect(inputsOf(family)).toMatchObject({ children: '7', postcode: 'SG1 9ZZ' });
    const needs = await press(bot, socialWorker, family, 'Continue');
    const ticks = inputsOf(needs);
    expect(ticks).toMatchObject({ 'need.pc.postnatal-isolation': 'true', 'need.cd.school-attendance-low': 'true', 'need.fe.homelessness-risk': 'true', 'need.pc.neglect': 'false' });
    expect(ticks.description).toBe(MUM_LOW);
    // The practitioner changes a suggestion: the check keeps their answer.
    const context = await press(bot, socialWorker, needs, 'Continue', { 'need.fe.homelessness-risk': 'false' });
    expect(textOf(context)).toContain('Context and consent');
    const rows = await checkRows();
    expect(rows.rows.at(-1).answers.needs).toEqual(['cd.school-attendance-low', 'pc.postnatal-isolation']);
    expect(rows.rows.at(-1).answers.description).toBe(MUM_LOW);
    const audit = await bot.db.query(`SELECT action FROM audit_log WHERE action = 'check.prefilled'`);
    expect(audit.rowCount).toBe(1);
  });

  it('brings the safety question and the front door first for risk words, and keeps nothing when there is risk', async () => {
    const before = (await checkRows()).rowCount;
    const card = await say('Dad hit her with a belt last night, she has marks on her legs. She is 9. Stevenage.');
    const first = (card.body ?? [])[0] as Card;
    expect(textOf(first)).toContain('First: is a child in danger now?');
    expect(textOf(first)).toContain('“hit her”');
    expect(textOf(first)).toContain('call 999 now, then the Hertfordshire Targeted Advice Service (TAS) duty desk on 01438 737511');
    const order = textOf(card);
    expect(order.indexOf('Is any child at immediate risk')).toBeLessThan(order.indexOf('What else I understood'));
    const stop = await press(bot, socialWorker, card, 'Start the check with these', { immediateRisk: 'yes' });
    expect(textOf(stop)).toContain('999');
    expect((await checkRows()).rowCount).toBe(before);
    const stored = await bot.db.query(`SELECT count(*)::int AS n FROM checks WHERE answers::text LIKE '%belt%'`);
    expect(stored.rows[0].n).toBe(0);
  });

  it('re-shows the understood card with the values kept when the safety answer is missing', async () => {
    const understood = await say(MUM_LOW);
    const again = await press(bot, socialWorker, understood, 'Start the check with these', { immediateRisk: '', area: 'hertfordshire' });
    expect(textOf(again)).toContain('Answer yes or no');
    expect(textOf(again)).toContain('Low school attendance: “missing school”');
    expect(inputsOf(again).area).toBe('hertfordshire');
  });

  it('never echoes a family described in a channel', async () => {
    const replies = await bot.send(socialWorker, { text: MUM_LOW, conversation: { id: '19:barnet-north@thread.tacv2;messageid=9', conversationType: 'channel', tenantId: DEMO_TENANT } });
    const text = cardsOf(replies).map(textOf).join('\n');
    expect(text).toContain('one-to-one chat');
    expect(text).not.toContain('missing school');
  });
});

describe('the needs step in your own words', () => {
  const toNeeds = async () => {
    const safety = onlyCard(await bot.submit(socialWorker, { verb: 'check.start', fresh: 'true' }));
    const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
    return press(bot, socialWorker, family, 'Continue', { children: '4', postcode: '', caseRef: '' });
  };

  it('ticks the needs it recognises beside those already ticked, and says which words did it', async () => {
    const needs = await toNeeds();
    const after = await press(bot, socialWorker, needs, 'Tick needs from my words', { 'need.pc.neglect': 'true', description: 'Parents argue constantly and there is no routine at bedtime. No concerns about school.' });
    const ticks = inputsOf(after);
    expect(ticks).toMatchObject({ 'need.pc.neglect': 'true', 'need.fe.parental-conflict': 'true', 'need.pc.routines-boundaries': 'true', 'need.cd.school-attendance-low': 'false' });
    expect(textOf(after)).toContain('Parental conflict (“Parents argue”)');
    expect(textOf(after)).toContain('I do not decide a level');
    expect(ticks.description).toContain('no routine at bedtime');
  });

  it('asks the risk question first for risk words; "yes" stops the check and keeps nothing', async () => {
    const needs = await toNeeds();
    const risk = await press(bot, socialWorker, needs, 'Tick needs from my words', { description: 'the toddler was left alone overnight' });
    expect(textOf(risk)).toContain('First: is a child in danger now?');
    expect(textOf(risk)).toContain('“left alone”');
    const stop = await press(bot, socialWorker, risk, 'Continue', { immediateRisk: 'yes' });
    expect(textOf(stop)).toContain('999');
    const stored = await bot.db.query(`SELECT count(*)::int AS n FROM checks WHERE answers::text LIKE '%overnight%'`);
    expect(stored.rows[0].n).toBe(0);
  });

  it('"no" to the risk question ticks the needs and carries on', async () => {
    const needs = await toNeeds();
    const risk = await press(bot, socialWorker, needs, 'Tick needs from my words', { description: 'he was left alone overnight last month; mum drinks heavily' });
    const after = await press(bot, socialWorker, risk, 'Continue', { immediateRisk: 'no' });
    expect(inputsOf(after)).toMatchObject({ 'need.pc.neglect': 'true', 'need.pc.parent-substance-misuse': 'true' });
  });
});

describe('not understood', () => {
  it('gets the help card led by the closest commands', async () => {
    const card = await say('remindrs pls');
    expect(textOf(card)).toContain("I didn't recognise that. Closest: \"my reminders\"");
    expect(action(card, 'Threshold check')).toBeTruthy();
  });
});
