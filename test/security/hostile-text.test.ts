// Hostile text is data, never markup or a crash (issue 16 part 3). Characters
// PostgreSQL cannot store (NUL, lone UTF-16 surrogates) are cleaned as the
// activity arrives and refused by the form with a message that names the
// field, while the rest of what was typed is kept; text a user controls
// (their Teams display name, what they typed) never reaches a TextBlock as a
// live markdown link, and a validation message never repeats what was typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, inputsOf, textOf, type Card } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import { fixedClock, saveSection, startBlank, validFamily } from '../request/support.js';
import { startCheck, press } from '../check/walk.js';
import { markdownLinksIn } from '../support/card-schema.js';

const NUL = '\u0000';
const LONE_HIGH = '\ud83d'; // the first half of an emoji, without its second half
const LINK = '[Open your case](https://evil.example/steal)';
const REPLACEMENT = '\ufffd';

let bot: TestBot;

beforeAll(async () => { bot = await TestBot.start({ clock: fixedClock() }); });
afterAll(async () => { await bot?.stop(); });

const turnFailures = () => bot.logs.lines.filter((l) => l.includes('turn failed'));

describe('characters that cannot be stored', () => {
  it('a NUL in a request section is refused with a message on that field; the section is kept and nothing fails', async () => {
    const { requestId } = await startBlank(bot, socialWorker);
    const before = turnFailures().length;
    const typed = { ...validFamily.family, 'children.0.name': `Sam${NUL}Example` };
    const card = await saveSection(bot, socialWorker, requestId, 'family', typed);
    expect(turnFailures().slice(before)).toEqual([]);
    expect(textOf(card)).toMatch(/cannot be saved/);
    const kept = inputsOf(card);
    expect(kept.caseRef).toBe(validFamily.family.caseRef);
    expect(kept['carers.0.name']).toBe(validFamily.family['carers.0.name']);
    expect(kept['children.0.name']).toBe(`Sam${REPLACEMENT}Example`);
  });

  it('a broken emoji (a lone surrogate) in a request section is refused the same way', async () => {
    const { requestId } = await startBlank(bot, socialWorker);
    const before = turnFailures().length;
    const card = await saveSection(bot, socialWorker, requestId, 'need', { ...validFamily.need, reason: `Struggling ${LONE_HIGH} with routines` });
    expect(turnFailures().slice(before)).toEqual([]);
    expect(textOf(card)).toMatch(/cannot be saved/);
    expect(inputsOf(card).reason).toBe(`Struggling ${REPLACEMENT} with routines`);
  });

  it('a NUL in the threshold check note is refused with a message, the ticks kept', async () => {
    const safety = await startCheck(bot, socialWorker);
    const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
    const needs = await press(bot, socialWorker, family, 'Continue', { children: '4', multipleBirth: 'false', postcode: '', caseRef: '' });
    const before = turnFailures().length;
    const again = await press(bot, socialWorker, needs, 'Continue', { 'need.pc.routines-boundaries': 'true', note: `Bedtime${NUL} is hard` });
    expect(turnFailures().slice(before)).toEqual([]);
    expect(textOf(again)).toContain('What needs are you seeing?');
    expect(textOf(again)).toMatch(/cannot be saved/);
    expect(inputsOf(again)['need.pc.routines-boundaries']).toBe('true');
  });

  it('Back on a step whose note holds a NUL keeps the draft and fails nothing', async () => {
    const safety = await startCheck(bot, socialWorker);
    const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
    const before = turnFailures().length;
    const back = await press(bot, socialWorker, family, 'Back', { children: `4${NUL}`, postcode: '' });
    expect(turnFailures().slice(before)).toEqual([]);
    expect(textOf(back)).toContain('already open');
  });
});

describe('text a user controls reaches no TextBlock as markup', () => {
  it('a display name with a markdown link is greeted as plain text', async () => {
    const name = '[Sam](https://evil.example/steal) Example'; // the greeting uses the first word
    const card = onlyCard(await bot.send(socialWorker, { text: 'hi', from: { id: `29:${socialWorker.aadObjectId}`, aadObjectId: socialWorker.aadObjectId, name } }));
    expect(textOf(card)).toContain('Sam');
    expect(markdownLinksIn(card)).toEqual([]);
  });

  it('a validation message never repeats what was typed', async () => {
    const safety = await startCheck(bot, socialWorker);
    const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
    const again: Card = await press(bot, socialWorker, family, 'Continue', { children: `4, ${LINK}`, postcode: '', caseRef: '' });
    expect(textOf(again)).toMatch(/not an age/);
    expect(markdownLinksIn(again)).toEqual([]);
    expect(textOf(again)).not.toContain('evil.example');
  });
});
