// Notifications tell the truth (issue 12): a card for someone who has not
// opened Right Response yet is held, not given up; when they first do, their
// held cards go out in order and once, even when two app instances see their
// first activity at the same moment; a held card whose cause is resolved in
// the meantime never goes out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { colleagues, reviewReminder, schedule, notificationIdOf, waitFor } from '../reminders/support.js';
import { waitForQuiescence } from '../support/quiescence.js';
import { withTransaction } from '../../src/store/db.js';
import { resolveReminders } from '../../src/app/reminders/schedule.js';
import { saveChannelReference } from '../../src/store/conversation-refs.js';
import { onlyCard, textOf } from '../support/harness.js';
import { admin, socialWorker } from '../support/people.js';

const [newcomer, lateComer] = colleagues(2, 'held');
let a: TestBot;
let b: TestBot;

beforeAll(async () => {
  a = await TestBot.start();
  b = await TestBot.start({ databaseUrl: a.app.config.DATABASE_URL! });
}, 120_000);
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const statuses = async () => (await a.db.query<{ id: string; status: string }>(
  `SELECT id::text AS id, status FROM notifications WHERE recipient_id = $1 ORDER BY id`, [newcomer!.aadObjectId])).rows;

describe('held until first contact', () => {
  it('holds, expires with its cause, then delivers in order and once across two instances', { timeout: 120_000 }, async () => {
    const due = Date.now() - 5_000;
    await schedule(a.db, Array.from({ length: 6 }, (_, i) => reviewReminder(newcomer!.aadObjectId, 900 + i, new Date(due + i))));
    await waitFor('six cards held', async () => ((await statuses()).filter((s) => s.status === 'held').length === 6 ? true : undefined), 60_000);
    expect(a.connector.delivered.filter((c) => c.conversationId === `a:personal-${newcomer!.aadObjectId}`)).toEqual([]);

    // The fourth one's cause is dealt with while they are away: it must never reach them.
    await withTransaction(a.db, (tx) => resolveReminders(tx, 'plan-review', 'plan-903'));
    const afterResolve = await statuses();
    expect(afterResolve.map((s) => s.status)).toEqual(['held', 'held', 'held', 'cancelled', 'held', 'held']);

    // Their first activity reaches both instances at once (installation and a first message, say).
    await Promise.all([
      a.send(newcomer!, { type: 'conversationUpdate', membersAdded: [{ id: `29:member-${newcomer!.aadObjectId}` }], serviceUrl: a.connector.url } as never),
      b.send(newcomer!, { text: 'hi', serviceUrl: a.connector.url }),
    ]);
    const expected = afterResolve.filter((s) => s.status === 'held').map((s) => s.id);
    const mine = () => a.connector.delivered.filter((c) => c.conversationId === `a:personal-${newcomer!.aadObjectId}`).map(notificationIdOf).filter(Boolean);
    await waitFor('the five held cards delivered', () => (expected.every((id) => mine().includes(id)) ? true : undefined), 60_000);
    await waitForQuiescence(a.db);

    const delivered = mine();
    // Each once, in the order they were written (a duplicate would show twice here).
    expect(delivered).toEqual(expected);
    expect((await statuses()).map((s) => s.status)).toEqual(['sent', 'sent', 'sent', 'cancelled', 'sent', 'sent']);
  });
});

describe('a first contact wakes their delivery', () => {
  it('even when it released no held card, and a card waiting for them goes out', { timeout: 60_000 }, async () => {
    // As after a flush that was holding a card as they first wrote: the first contact could not see the hold,
    // so it released nothing. Stood in for by a queued card that nothing is delivering yet.
    const id = (await a.db.query<{ id: string }>(
      `INSERT INTO notifications (recipient_kind, recipient_id, card_template, card_data, summary)
       VALUES ('user', $1, 'notice', $2, 'Waiting for you') RETURNING id::text AS id`,
      [lateComer!.aadObjectId, JSON.stringify({ title: 'Waiting for you', message: 'A card queued before you first wrote.', color: 'Default', code: '', actions: [] })])).rows[0]!.id;
    await a.send(lateComer!, { text: 'hi', serviceUrl: a.connector.url });
    const statusOf = async () => (await a.db.query('SELECT status FROM notifications WHERE id = $1', [id])).rows[0]?.status as string;
    await waitFor('the card delivered after their first contact', async () => ((await statusOf()) === 'sent' ? true : undefined), 30_000);
    const theirs = a.connector.delivered.filter((c) => c.conversationId === `a:personal-${lateComer!.aadObjectId}`);
    expect(theirs.map((c) => JSON.stringify(c.body))).toEqual([expect.stringContaining('A card queued before you first wrote.')]);
  });
});

describe('hub channels, through which staff who never opened the bot are reached', () => {
  it('are checked at start, and an administrator can see which are linked', async () => {
    expect(a.logs.text).toContain('hub channels not linked');
    expect(textOf(onlyCard(await a.say(admin, 'hub channels')))).toContain('Barnet North 0-19 Hub (demo): not linked');
    await saveChannelReference(a.db, 'barnet-north', { serviceUrl: a.connector.url, conversation: { id: '19:barnet-north@thread.tacv2', conversationType: 'channel' } });
    const after = textOf(onlyCard(await a.say(admin, 'hub channels')));
    expect(after).toContain('Barnet North 0-19 Hub (demo): linked');
    expect(after).toContain('Barnet South 0-19 Hub (demo): not linked');
    expect(textOf(onlyCard(await a.say(socialWorker, 'hub channels')))).toContain('Only an administrator');
  });
});
