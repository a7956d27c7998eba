// One living card per task (issue 13): every press redraws the card that was
// pressed (the fake connector's PUT /v3/conversations/{id}/activities/{id},
// as Teams and the Agents Playground do it), a press that begins a new task
// leaves the pressed card as it was, and a whole check → request journey
// leaves only a few cards in the social worker's chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, action, cardsOf, inputsOf, onlyCard, textOf, type Activity, type Card } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import type { DemoUser } from '../support/people.js';
import { SECTIONS, validFamily, fixedClock } from '../request/support.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start({ clock: fixedClock() }); });
afterAll(async () => { await bot.stop(); });

/** Presses a button; returns the answer and the id of the message the button was on. */
async function pressOn(user: DemoUser, card: Card, title: string | RegExp, inputs: Record<string, string> = {}) {
  const data = action(card, title).data ?? {};
  const pressed = bot.messageWith(user, data);
  const answers = await bot.submit(user, data, { ...inputsOf(card), ...inputs });
  return { answers, pressed, card: onlyCard(answers) };
}

/** The answer replaced the pressed message and sent nothing new. */
function expectUpdatedInPlace(answers: Activity[], pressed: string) {
  expect(answers.map((a) => a.updated)).toEqual([pressed]);
}

const cardsInChat = (user: DemoUser) => bot.chat(user).filter((m) => cardsOf([m]).length > 0);

describe('living cards', () => {
  it('a full check → request journey, validation errors included, leaves at most 5 cards in the chat', async () => {
    const first = onlyCard(await bot.say(socialWorker, 'check'));
    let step = first;
    const next = async (title: string | RegExp, inputs: Record<string, string> = {}) => {
      const r = await pressOn(socialWorker, step, title, inputs);
      expectUpdatedInPlace(r.answers, r.pressed);
      step = r.card;
      return step;
    };
    // Safety with no answer: the same card, in place, with the problem named.
    await next('Continue', { area: '', immediateRisk: '' });
    expect(textOf(step)).toContain('Is any child at immediate risk of significant harm?');
    await next('Continue', { area: 'barnet', immediateRisk: 'no' });
    await next('Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
    // Family step with no children: shown again in place.
    await next('Continue', { children: '', multipleBirth: 'false', postcode: 'N11 1AA', caseRef: 'LCS-100200' });
    expect(textOf(step)).toContain('About the family');
    await next('Continue', { children: '4', multipleBirth: 'false', postcode: 'N11 1AA', caseRef: 'LCS-100200' });
    expect(textOf(step)).toContain('What needs are you seeing?');
    await next('Continue', { 'need.pc.routines-boundaries': 'true' });
    const result = await next('See the result', { informationSharingDiscussed: 'true', teamAroundFamily: 'none' });
    expect(textOf(result)).toMatch(/Suggested level/);
    expect(cardsInChat(socialWorker)).toHaveLength(1);

    // Requesting a service starts a new task: a new card, the result stays.
    const start = await pressOn(socialWorker, result, /^Request /);
    expect(start.answers.every((a) => a.updated === undefined)).toBe(true);
    expect(textOf(onlyCard([bot.chat(socialWorker).find((m) => m.id === start.pressed)!]))).toMatch(/Suggested level/);
    step = start.card;
    for (const section of SECTIONS) {
      if (section === 'family') {
        // A problem in the first section: the same section again, in place, values kept.
        await next(/^Continue/, { ...validFamily.family, 'children.0.dob': '' });
        expect(textOf(step)).toMatch(/problem/);
      }
      await next(/^Continue/, validFamily[section]);
    }
    expect(textOf(step)).toMatch(/Submit to|check and submit/i);
    const done = await next(/^Submit to /);
    expect(textOf(done)).toContain('Request submitted');

    const cards = cardsInChat(socialWorker);
    expect(cards.length).toBeLessThanOrEqual(5);
    // What is left: the check's result and the request as submitted.
    expect(cards.map((m) => textOf(onlyCard([m])))).toEqual([expect.stringMatching(/Suggested level/), expect.stringContaining('Request submitted')]);
  });

  it('a press with no message to update (deleted in Teams) still gets its answer as a new card', async () => {
    const answers = await bot.send(socialWorker, { value: { verb: 'check.list' }, replyToId: 'a-message-that-is-gone' });
    expect(answers.map((a) => a.updated)).toEqual([undefined]);
    expect(textOf(onlyCard(answers))).toMatch(/check/i);
  });
});
