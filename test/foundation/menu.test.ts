import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, actionsOf, action } from '../support/harness.js';
import { socialWorker, hubManager, stranger } from '../support/people.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

describe('greeting and help', () => {
  it('answers "hi" with a welcome card offering what a social worker can do', async () => {
    const card = onlyCard(await bot.say(socialWorker, 'hi'));
    expect(textOf(card)).toContain('You are signed in as a social worker');
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Threshold check', '0–19 request', 'Book OSR joint visit', 'Rota', 'My reminders', 'Help']);
    expect(action(card, 'Threshold check').data).toEqual({ verb: 'check.start' });
  });

  it('greets a hub manager by role, and someone not in the directory as a guest', async () => {
    expect(textOf(onlyCard(await bot.say(hubManager, 'Hello!')))).toContain('a hub team manager');
    expect(textOf(onlyCard(await bot.say(stranger, 'hi')))).toContain('a guest');
  });

  it('answers unknown text with the help card, never silence', async () => {
    const card = onlyCard(await bot.say(socialWorker, 'what is the weather'));
    expect(textOf(card)).toContain("I didn't recognise that");
    expect(textOf(card)).toContain('check: Start a threshold and eligibility check');
  });

  it('answers an unknown button with the help card', async () => {
    const card = onlyCard(await bot.submit(socialWorker, { verb: 'no.such.verb' }));
    expect(textOf(card)).toContain('That button is no longer recognised');
  });

  it('welcomes a user who installs the app', async () => {
    const replies = await bot.send(socialWorker, { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: `29:${socialWorker.aadObjectId}` }] });
    expect(textOf(onlyCard(replies))).toContain('Right Response');
  });

  it('answers a Teams resend of the same activity once', async () => {
    const id = 'resent-activity-1';
    const first = await bot.send(socialWorker, { id, text: 'help' });
    const second = await bot.send(socialWorker, { id, text: 'help' });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });
});
