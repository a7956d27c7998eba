// Fixes from the review of the case work (issue 12), each through the real
// bot and real PostgreSQL: a step-down continuation gets its service's
// reminders like any filed request; lists group a case's records without
// hiding any (the hub queue never groups, a draft keeps its own line); a start
// with an older directory never unlinks a hub, and a hub moved to another
// area takes its records to their case there; a card held for someone who
// has not opened Right Response yet follows its record (a visit cancelled
// while it waits arrives as cancelled, without Accept and Decline);
// confirmations say who was reached, never a channel that is not linked;
// "Open the case" on a reminder whose case cannot be opened keeps the reminder card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestBot, onlyCard, textOf, actionsOf } from '../support/harness.js';
import { homeStartCoordinator, hubManager, leadPractitioner, socialWorker, socialWorkerB } from '../support/people.js';
import { book, bookingId, cardsFor, press, setDutyWeek, setHubWeek } from '../booking/helpers.js';
import { waitFor } from '../support/wait.js';
import { startBlank } from '../request/support.js';
import { reviewReminder, schedule } from '../reminders/support.js';
import { fixedClock, fillAll } from '../request/support.js';
import { action } from '../support/harness.js';
import { saveChannelReference } from '../../src/store/conversation-refs.js';
import { seedRequest } from '../reports/seed.js';
import { withTransaction } from '../../src/store/db.js';
import { syncHubAreasAndLink } from '../../src/store/case-store.js';
import { loadDirectory } from '../../src/config/load-directory.js';

let bot: TestBot;
const d = (iso: string) => new Date(iso);

beforeAll(async () => {
  bot = await TestBot.start({ clock: fixedClock() });
}, 120_000);
afterAll(async () => { await bot?.stop(); });

describe('a step-down continuation', () => {
  it('is planned the service\'s "support not started" reminders, like a filed request', async () => {
    // Home-Start sets a start target (4 weeks); the continuation is filed and allocated in one step.
    const closed = await seedRequest(bot.db, {
      caseRef: 'HS-7001', hubId: 'herts-home-start', referrer: socialWorker.aadObjectId, status: 'closed', submittedAt: d('2099-01-05T10:00:00Z'),
      allocatedAt: d('2099-01-06T10:00:00Z'), allocatedTo: homeStartCoordinator.aadObjectId, startDate: '2099-01-12', endedAt: d('2099-02-27T10:00:00Z'), endReason: 'stepped-down-eha',
    });
    const card = onlyCard(await bot.submit(homeStartCoordinator, { verb: 'case.continue', requestId: closed, continueKey: randomUUID() }));
    expect(textOf(card)).toContain('Demo Home-Start Coordinator continues with the family of HS-7001');
    const cont = await bot.db.query<{ id: string }>('SELECT id::text AS id FROM requests WHERE continued_from_request_id = $1', [closed]);
    const planned = await bot.db.query<{ recipient: string; status: string }>(
      `SELECT recipient, status FROM reminders WHERE cause = 'support-not-started' AND cause_id = $1 ORDER BY recipient`, [cont.rows[0]!.id]);
    expect(planned.rows).toEqual([
      { recipient: 'hub-manager=herts-home-start', status: 'pending' },
      { recipient: `user=${socialWorker.aadObjectId}`, status: 'pending' },
    ]);
  });
});

describe('one line per case, hiding nothing', () => {
  let draft = '';
  let first = '';
  let second = '';
  beforeAll(async () => {
    // Two requests for one family waiting in the same hub, and an older draft for the family.
    draft = await seedRequest(bot.db, { caseRef: 'Q-7002', hubId: 'barnet-north', referrer: socialWorkerB.aadObjectId, status: 'submitted', submittedAt: d('2099-02-20T10:00:00Z') });
    await bot.db.query(`UPDATE requests SET status = 'draft', submitted_at = NULL WHERE id = $1`, [draft]);
    first = await seedRequest(bot.db, { caseRef: 'Q-7002', hubId: 'barnet-north', referrer: socialWorkerB.aadObjectId, status: 'submitted', submittedAt: d('2099-02-23T10:00:00Z') });
    second = await seedRequest(bot.db, { caseRef: 'Q-7002', hubId: 'barnet-north', referrer: socialWorkerB.aadObjectId, status: 'submitted', submittedAt: d('2099-02-24T10:00:00Z') });
  });

  it('the hub queue shows every waiting request, each with Allocate', async () => {
    const queue = onlyCard(await bot.say(hubManager, 'hub queue'));
    expect(textOf(queue).match(/Q-7002/g)).toHaveLength(2);
    const allocate = actionsOf(queue).filter((a) => a.title === 'Allocate').map((a) => a.data?.requestId);
    expect(allocate).toEqual(expect.arrayContaining([first, second]));
    expect(textOf(queue)).not.toContain('more for this case');
  });

  it('my requests keeps the draft on its own line and says how many more the case has', async () => {
    const mine = onlyCard(await bot.say(socialWorkerB, 'my requests'));
    const text = textOf(mine);
    expect(text).toContain('Q-7002 · Draft');
    expect(text).toContain('Q-7002 · Submitted');
    expect(text.match(/Q-7002/g)).toHaveLength(2);
    expect(text).toContain('and 1 more for this case');
    expect(actionsOf(mine).filter((a) => a.data?.requestId === draft).map((a) => a.title)).toEqual(['Resume', 'Discard']);
    expect(actionsOf(mine).find((a) => a.title === 'Open')?.data?.requestId).toBe(second);
  });
});

describe('which area each hub is in', () => {
  const hubs = loadDirectory('config/directory.demo.json').hubs;
  const sync = (list: readonly { id: string; area: string }[]) => withTransaction(bot.db, (tx) => syncHubAreasAndLink(tx, list));
  const areaOf = async (id: string) => (await bot.db.query<{ area_id: string | null }>(
    'SELECT c.area_id FROM requests r LEFT JOIN cases c ON c.id = r.case_id WHERE r.id = $1', [id])).rows[0]!.area_id;
  afterAll(async () => { await sync(hubs); });

  it('an instance whose directory lacks a hub leaves it linked; a hub moved to another area takes its records along', async () => {
    const before = await seedRequest(bot.db, { caseRef: 'M-7003', hubId: 'barnet-north', referrer: socialWorkerB.aadObjectId, status: 'submitted', submittedAt: d('2099-02-24T10:00:00Z') });
    expect(await areaOf(before)).toBe('barnet');
    // An instance with an older directory starts (a rolling deploy): it does not know Barnet North.
    await sync(hubs.filter((h) => h.id !== 'barnet-north'));
    const during = await seedRequest(bot.db, { caseRef: 'M-7003', hubId: 'barnet-north', referrer: socialWorkerB.aadObjectId, status: 'submitted', submittedAt: d('2099-02-25T10:00:00Z') });
    expect(await areaOf(during)).toBe('barnet');
    // The directory moves the hub to another area: its records move to the family's case there.
    await sync(hubs.map((h) => (h.id === 'barnet-north' ? { ...h, area: 'enfield' } : h)));
    expect([await areaOf(before), await areaOf(during)]).toEqual(['enfield', 'enfield']);
    const cases = await bot.db.query('SELECT DISTINCT case_id FROM requests WHERE case_ref = $1', ['M-7003']);
    expect(cases.rowCount).toBe(1);
  });
});

describe('a card held until first contact follows its record', () => {
  it('a joint visit cancelled while its card waits arrives as cancelled, without Accept or Decline', { timeout: 120_000 }, async () => {
    await setDutyWeek(bot, '2099-W10');
    await setHubWeek(bot, '2099-W11', leadPractitioner); // who has never opened Right Response
    await book(bot, socialWorker, { caseRef: 'LCS-7004', date: '2099-03-10', time: '10:00' });
    const id = await bookingId(bot, 'LCS-7004');
    const heldCards = async () => (await bot.db.query<{ id: string; status: string }>(
      `SELECT id::text AS id, status FROM notifications WHERE recipient_id = $1 AND card_data->>'bookingId' = $2 ORDER BY id`, [leadPractitioner.aadObjectId, id])).rows;
    await waitFor('the request to the lead held', async () => ((await heldCards())[0]?.status === 'held' ? true : undefined), 60_000);
    const asked = (await cardsFor(bot, leadPractitioner, id))[0]!;
    expect(JSON.stringify(asked.card)).toContain('"Accept"');

    const mine = onlyCard(await bot.submit(socialWorker, { verb: 'booking.show', bookingId: id }));
    await press(bot, socialWorker, mine, 'Cancel and free the place', { cancelReason: 'Family moved out of the area' });
    // The held request is drawn again as the visit is now; the cancellation notice keeps its own words.
    await waitFor('the held request redrawn', async () => {
      const first = (await cardsFor(bot, leadPractitioner, id))[0]!;
      return JSON.stringify(first.card).includes('"Accept"') ? undefined : first;
    }, 60_000);
    const [redrawn, notice] = await cardsFor(bot, leadPractitioner, id);
    expect(textOf(redrawn!.card)).toContain('Cancelled');
    expect(JSON.stringify(redrawn!.card)).not.toMatch(/"(Accept|Decline)"/);
    expect(textOf(notice!.card)).toContain('Demo Social Worker cancelled this booking');

    // Their first visit brings both, as they are now.
    await bot.say(leadPractitioner, 'hi');
    await waitFor('the held cards delivered', async () => ((await heldCards()).every((c) => c.status === 'sent') ? true : undefined), 60_000);
    const toLead = bot.connector.delivered.filter((c) => c.conversationId === `a:personal-${leadPractitioner.aadObjectId}` && JSON.stringify(c.body).includes('LCS-7004'));
    expect(toLead.length).toBeGreaterThanOrEqual(2);
    expect(toLead.some((c) => /"title":"(Accept|Decline)"/.test(JSON.stringify(c.body)))).toBe(false);
  });
});

describe('confirmations say who was reached', () => {
  const submit = async (caseRef: string) => {
    const { requestId } = await startBlank(bot, socialWorkerB);
    const review = await fillAll(bot, socialWorkerB, requestId, { family: { caseRef } });
    return textOf(onlyCard(await bot.submit(socialWorkerB, action(review, /^Submit to /).data!)));
  };

  it('a request sent to a hub with no linked channel names the managers it reached; with a channel, the channel', { timeout: 120_000 }, async () => {
    await bot.say(hubManager, 'hub queue'); // the manager has a chat with the bot
    const unlinked = await submit('LCS-7005');
    expect(unlinked).toContain('Request submitted');
    expect(unlinked).not.toContain("The hub's channel has been told");
    expect(unlinked).toContain('Demo Hub Manager has been told.');
    await saveChannelReference(bot.db, 'barnet-north', { serviceUrl: bot.connector.url, conversation: { id: '19:barnet-north@thread.tacv2', conversationType: 'channel' } });
    expect(await submit('LCS-7006')).toContain("The hub's channel has been told (case reference only, no names).");
  });
});

describe('"Open the case" on a reminder about no case this person can open', () => {
  it('lists their reminders on the case in a new card; the reminder card keeps its Done and Snooze', async () => {
    await schedule(bot.db, [reviewReminder(socialWorkerB.aadObjectId, 7008, d('2099-03-09T09:00:00Z'))]);
    const reminder = await bot.db.query<{ id: string }>(`SELECT id::text AS id FROM reminders WHERE case_ref = 'EHM-107008'`);
    const answer = await bot.submit(socialWorkerB, { verb: 'reminder.open', reminderId: reminder.rows[0]!.id });
    expect(answer.some((a) => a.updated)).toBe(false);
    expect(textOf(onlyCard(answer))).toContain('Case EHM-107008');
  });
});
