// A record's card is updated for everyone who holds it (issue 13): when a
// request is allocated or declined, the hub channel's card is redrawn in place
// through the connector's update (PUT …/activities/{id}); a card pressed after
// its record moved on redraws itself as the record is now; the card's
// `refresh` (Action.Execute) answers with the current card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, actionsOf, cardsOf, onlyCard, textOf } from '../support/harness.js';
import { DEMO_TENANT, admin, hubManager, leadPractitioner, socialWorker } from '../support/people.js';
import { fixedClock, waitFor } from '../request/support.js';
import { waitForQuiescence } from '../support/quiescence.js';
import { CHANNEL, hubChannel } from './hub-channel.js';

let bot: TestBot;
const channel = hubChannel(() => bot);
const { inChannel, channelCard } = channel;
beforeAll(async () => {
  bot = await TestBot.start({ clock: fixedClock() });
  await inChannel(hubManager, { text: 'link channel' });
});
afterAll(async () => { await bot.stop(); });

async function postedToChannel(caseRef: string) {
  const { requestId, message, messageId } = await channel.postedToChannel(caseRef);
  const card = onlyCard([message]);
  expect(textOf(card)).toContain('Waiting for allocation');
  expect(actionsOf(card).map((a) => a.title)).toEqual(['View details', 'Allocate', 'Decline']);
  return { requestId, messageId };
}

describe('record cards', () => {
  it('allocating a request redraws the hub channel card for everyone: "Allocated to …", no Allocate button', async () => {
    const { requestId, messageId } = await postedToChannel('LCS-810001');
    const putsBefore = bot.connector.calls.filter((c) => c.method === 'PUT').length;
    // Allocated from the manager's personal chat (the hub queue), not from the channel card.
    await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    const redrawn = await waitFor('channel card redrawn', () => {
      const card = onlyCard([channelCard('LCS-810001')!]);
      return textOf(card).includes('Allocated to Demo Lead Practitioner') ? card : undefined;
    }, 90_000);
    expect(actionsOf(redrawn).map((a) => a.title)).toEqual(['View details']);
    // An update of the same message, not a new one.
    const puts = bot.connector.calls.filter((c) => c.method === 'PUT').slice(putsBefore);
    expect(puts.map((c) => [c.conversationId, c.activityId, c.status])).toContainEqual([CHANNEL, messageId, 200]);
    expect(bot.conversation(CHANNEL).filter((m) => cardsOf([m]).some((c) => textOf(c).includes('LCS-810001')))).toHaveLength(1);
    // The job marks the card redrawn just after the connector's answer: wait for it to finish.
    await waitForQuiescence(bot.db);
    const held = await bot.db.query('SELECT redrawn_at FROM record_cards WHERE record_id = $1 AND conversation_id = $2', [requestId, CHANNEL]);
    expect(held.rows[0].redrawn_at).not.toBeNull();
  });

  it("a redraw for the change a card already shows leaves it alone: the manager's confirmation keeps who was told until the request moves on", async () => {
    const { requestId } = await postedToChannel('LCS-810007');
    const done = await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    const copyId = done.find((a) => a.updated)!.updated as string;
    const copy = () => textOf(onlyCard([bot.chat(hubManager).find((m) => m.id === copyId)!]));
    expect(copy()).toMatch(/Allocated to Demo Lead Practitioner[\s\S]*been told/);
    await waitForQuiescence(bot.db);
    // A redraw of the same state landing after the answer (a job that ran late, or again): the words stay.
    const putsBefore = bot.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === copyId).length;
    await bot.db.query(`SELECT graphile_worker.add_job('redraw-record-cards', json_build_object('recordType', 'request', 'recordId', $1::text))`, [requestId]);
    await waitForQuiescence(bot.db);
    expect(bot.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === copyId)).toHaveLength(putsBefore);
    expect(copy()).toMatch(/been told/);
    // The channel's copy, drawn before the allocation, was brought up to date as ever.
    expect(textOf(onlyCard([channelCard('LCS-810007')!]))).toContain('Allocated to Demo Lead Practitioner');
    // The next change redraws the manager's copy as the request now is; the old words go with it.
    await bot.submit(socialWorker, { verb: 'request.withdraw', requestId }, { reason: 'consent-withdrawn', note: '' });
    await waitFor("the manager's copy redrawn as withdrawn", () => copy().includes('Withdrawn') || undefined);
    expect(copy()).not.toMatch(/been told/);
  });

  it('the hub card pressed after its request was declined redraws itself as it is now', async () => {
    const { requestId } = await postedToChannel('LCS-810002');
    await bot.submit(hubManager, { verb: 'request.decline', requestId }, { reason: 'Needs are above our level', alternatives: 'Refer to Targeted Support via the front door' });
    await waitForQuiescence(bot.db);
    const pressed = await inChannel(hubManager, { value: { verb: 'request.allocate.show', requestId } });
    const card = onlyCard(pressed);
    expect(textOf(card)).toContain('Declined');
    expect(textOf(card)).toContain('moved on since this card was sent');
    expect(textOf(card)).not.toMatch(/out of date/i);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['View details']);
  });

  it("the card's refresh (Action.Execute) answers with the card as the request is now, only where the card is held", async () => {
    const { requestId } = await postedToChannel('LCS-810003');
    const card = onlyCard([channelCard('LCS-810003')!]);
    const refresh = (card as { refresh?: { action: { verb: string; data: Record<string, unknown> } } }).refresh!.action;
    expect(refresh.verb).toBe('card.refresh');
    await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    const conversation = { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel', tenantId: DEMO_TENANT };
    const now = await bot.execute(hubManager, refresh, { conversation, trigger: 'automatic' });
    expect(now.status).toBe(200);
    expect(textOf(now.card)).toContain('Allocated to Demo Lead Practitioner');
    // A personal chat that was never sent this card gets nothing about the request.
    const elsewhere = await bot.execute(socialWorker, refresh);
    expect(textOf(elsewhere.card)).not.toContain('LCS-810003');
  });

  it("a manager who left the hub stops getting the request's updates: their own copy is cleared once, the channel's is redrawn", async () => {
    const { requestId } = await postedToChannel('LCS-810006');
    const done = await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    const copyId = done.find((a) => a.updated)!.updated as string;
    await waitForQuiescence(bot.db);
    // The directory now has them in another hub (they moved on); restored after.
    const me = bot.app.directory.people.find((p) => p.aadObjectId === hubManager.aadObjectId)!;
    const hubWas = me.hubId;
    me.hubId = 'barnet-elsewhere';
    try {
      await bot.submit(socialWorker, { verb: 'request.withdraw', requestId }, { reason: 'consent-withdrawn', note: '' });
      await waitFor('channel card redrawn as withdrawn', () => textOf(onlyCard([channelCard('LCS-810006')!])).includes('Withdrawn') || undefined);
      const cleared = await waitFor("the manager's copy cleared", () => {
        const card = onlyCard([bot.chat(hubManager).find((m) => m.id === copyId)!]);
        return textOf(card).includes('This is no longer with you') ? card : undefined;
      });
      expect(textOf(cleared)).not.toContain('LCS-810006');
      await waitForQuiescence(bot.db);
      const held = await bot.db.query('SELECT 1 FROM record_cards WHERE record_id = $1 AND activity_id = $2', [requestId, copyId]);
      expect(held.rowCount).toBe(0);
    } finally {
      me.hubId = hubWas;
    }
  });

  it("erasing a case clears its cards in Teams: the channel's card becomes a neutral removed card, with nothing of the case", async () => {
    const { requestId, messageId } = await postedToChannel('LCS-810005');
    // The manager also holds the request's card in their personal chat (from allocating there).
    await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    await waitForQuiescence(bot.db);
    const personal = bot.chat(hubManager).filter((m) => cardsOf([m]).some((c) => textOf(c).includes('LCS-810005')));
    expect(personal.length).toBeGreaterThan(0);
    await bot.say(admin, 'erase case LCS-810005');
    const done = await bot.submit(admin, { verb: 'privacy.erase', caseRef: 'LCS-810005' }, { confirm: 'LCS-810005' });
    expect(textOf(onlyCard(done))).toContain('erased');
    const cleared = await waitFor('channel card cleared', () => {
      const m = bot.conversation(CHANNEL).find((a) => a.id === messageId);
      const card = m ? onlyCard([m]) : undefined;
      return card && textOf(card).includes('This record has been removed') ? card : undefined;
    });
    expect(actionsOf(cleared)).toEqual([]);
    await waitForQuiescence(bot.db);
    // Nothing left in Teams shows the case, in the channel or in the manager's chat.
    expect(JSON.stringify(bot.conversation(CHANNEL))).not.toContain('LCS-810005');
    expect(JSON.stringify(bot.chat(hubManager).filter((m) => personal.some((p) => p.id === m.id)))).not.toContain('LCS-810005');
  });
});
