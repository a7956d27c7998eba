// A card in a channel or group chat is everyone's (issue 13, hostile review):
// one person's press never turns it into their refusal, help, rota or form.
// Allocate and Decline pressed on the hub channel's card open the form in the
// presser's personal chat; the channel card only changes when the request
// does, drawn by the record-card redraw job with no names and nothing typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, actionsOf, cardsOf, onlyCard, textOf } from '../support/harness.js';
import { hubManager, leadPractitioner, type DemoUser } from '../support/people.js';
import { auditRows, fixedClock, waitFor } from '../request/support.js';
import { waitForQuiescence } from '../support/quiescence.js';
import { CHANNEL, hubChannel } from './hub-channel.js';

let bot: TestBot;
const { inChannel, channelCard, postedToChannel } = hubChannel(() => bot);
beforeAll(async () => {
  bot = await TestBot.start({ clock: fixedClock() });
  await inChannel(hubManager, { text: 'link channel' });
});
afterAll(async () => { await bot.stop(); });

/** A press on a channel card comes from that card's thread and names the card (replyToId). */
function pressInChannel(user: DemoUser, messageId: string, value: Record<string, unknown>) {
  return inChannel(user, { value, replyToId: messageId });
}

/** The channel card is still the waiting request's card, for everyone. */
function expectChannelCardUntouched(caseRef: string) {
  const card = onlyCard([channelCard(caseRef)!]);
  expect(textOf(card)).toContain('Waiting for allocation');
  expect(actionsOf(card).map((a) => a.title)).toEqual(['View details', 'Allocate', 'Decline']);
}

const everythingSentToChannel = () => JSON.stringify(bot.connector.calls.filter((c) => c.conversationId?.startsWith(CHANNEL)).map((c) => c.body))
  + JSON.stringify(bot.conversation(CHANNEL));

describe('cards shared in a channel', () => {
  it('a manager who has never opened the bot is told, in a new message, to open their personal chat; the card stays', async () => {
    const { messageId } = await postedToChannel('LCS-820001');
    const answers = await pressInChannel(hubManager, messageId, { verb: 'request.allocate.show', requestId: (await bot.db.query("SELECT id FROM requests WHERE case_ref = 'LCS-820001'")).rows[0].id });
    expect(answers.filter((a) => a.updated)).toEqual([]);
    expect(textOf(onlyCard(answers))).toContain('Open Right Response in your personal chat and type hub queue to allocate it');
    expect(textOf(onlyCard(answers))).not.toContain('LCS-820001');
    expectChannelCardUntouched('LCS-820001');
    await waitForQuiescence(bot.db);
    expect(bot.chat(hubManager)).toEqual([]);
  });

  it("a practitioner's Allocate on the channel card is refused in a new message, in words that fit, and the card stays", async () => {
    const { requestId, messageId } = await postedToChannel('LCS-820002');
    const answers = await pressInChannel(leadPractitioner, messageId, { verb: 'request.allocate.show', requestId });
    expect(answers.filter((a) => a.updated)).toEqual([]);
    expect(textOf(onlyCard(answers))).toContain('Only the hub manager can allocate or decline a request.');
    expect(textOf(onlyCard(answers))).not.toContain('Only its referrer and the hub it was sent to');
    expectChannelCardUntouched('LCS-820002');
    // The same for Decline, and a forged allocate: each refusal audited.
    const declined = await pressInChannel(leadPractitioner, messageId, { verb: 'request.decline.show', requestId });
    expect(declined.filter((a) => a.updated)).toEqual([]);
    expect(textOf(onlyCard(declined))).toContain('Only the hub manager can allocate or decline a request.');
    const forged = await pressInChannel(leadPractitioner, messageId, { verb: 'request.allocate', requestId, practitioner: leadPractitioner.aadObjectId });
    expect(forged.filter((a) => a.updated)).toEqual([]);
    expect(textOf(onlyCard(forged))).toContain('Only the hub manager can allocate or decline a request.');
    expectChannelCardUntouched('LCS-820002');
    const refused = (await auditRows(bot, 'request.allocate')).filter((r) => r.outcome === 'refused' && r.actor === leadPractitioner.aadObjectId);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect((await auditRows(bot, 'request.decline')).filter((r) => r.outcome === 'refused' && r.actor === leadPractitioner.aadObjectId)).toHaveLength(1);
  });

  it('Show rota, help and an unknown button pressed on the channel card answer in a new message; the card stays', async () => {
    const { messageId } = await postedToChannel('LCS-820003');
    for (const value of [{ verb: 'booking.rota' }, { verb: 'help.show' }, { verb: 'no.such.button' }]) {
      const answers = await pressInChannel(leadPractitioner, messageId, value);
      expect(answers.length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.updated)).toEqual([]);
      expectChannelCardUntouched('LCS-820003');
    }
  });

  it("Allocate on the channel card opens the form in the manager's personal chat; allocating there redraws the channel card", async () => {
    await bot.say(hubManager, 'hi');
    const { requestId, messageId } = await postedToChannel('LCS-820004');
    const answers = await pressInChannel(hubManager, messageId, { verb: 'request.allocate.show', requestId });
    expect(answers.filter((a) => a.updated)).toEqual([]);
    expect(textOf(onlyCard(answers))).toContain('in your personal chat with me');
    expectChannelCardUntouched('LCS-820004');
    // Caseloads are for the manager only: the form arrives in private, never in the channel.
    const form = await waitFor('allocate form in the personal chat', () => bot.chat(hubManager).find((m) => cardsOf([m]).some((c) => textOf(c).includes('Allocate LCS-820004'))));
    expect(textOf(onlyCard([form]))).toMatch(/open cases?/);
    expect(everythingSentToChannel()).not.toMatch(/open cases?/);
    const done = await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    expect(done.map((a) => a.updated)).toEqual([form.id]);
    expect(textOf(onlyCard(done))).toContain('Allocated to Demo Lead Practitioner');
    const redrawn = await waitFor('channel card redrawn by the job', () => {
      const card = onlyCard([channelCard('LCS-820004')!]);
      return textOf(card).includes('Allocated to Demo Lead Practitioner') ? card : undefined;
    });
    expect(actionsOf(redrawn).map((a) => a.title)).toEqual(['View details']);
  });

  it("Decline's reason is typed in private: a bad submit keeps it there, and the channel never shows it", async () => {
    const { requestId, messageId } = await postedToChannel('LCS-820005');
    await pressInChannel(hubManager, messageId, { verb: 'request.decline.show', requestId });
    expectChannelCardUntouched('LCS-820005');
    await waitFor('decline form in the personal chat', () => bot.chat(hubManager).find((m) => cardsOf([m]).some((c) => textOf(c).includes('Decline LCS-820005'))));
    const reason = 'Mother Alice Smith has asked us not to visit';
    const bad = await bot.submit(hubManager, { verb: 'request.decline', requestId }, { reason, alternatives: '' });
    expect(bad.filter((a) => a.updated)).toHaveLength(1);
    expect(JSON.stringify(onlyCard(bad))).toContain(reason);
    // A form pressed in the channel before forms went private: a bad submit there goes to private too.
    const old = await pressInChannel(hubManager, messageId, { verb: 'request.decline', requestId, reason, alternatives: '' });
    expect(old.filter((a) => a.updated)).toEqual([]);
    expect(JSON.stringify(old)).not.toContain(reason);
    await bot.submit(hubManager, { verb: 'request.decline', requestId }, { reason, alternatives: 'Refer to Targeted Support via the front door' });
    await waitFor('channel card redrawn as declined', () => textOf(onlyCard([channelCard('LCS-820005')!])).includes('Declined') || undefined);
    await waitForQuiescence(bot.db);
    expect(everythingSentToChannel()).not.toContain('Alice Smith');
    expect(everythingSentToChannel()).not.toContain('Targeted Support via the front door');
  });
});
