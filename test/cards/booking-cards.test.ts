// A booking's card is updated for everyone who holds it (issue 13): the lead
// responder and the cover both get the new booking's card; when the lead
// accepts on theirs (updated in place), the cover's copy is redrawn through
// the connector to say "Accepted" and no longer offers Accept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, actionsOf, cardsOf, onlyCard, textOf, type Activity } from '../support/harness.js';
import { admin, gradeIPractitioner, hubManager, leadPractitioner, socialWorker, type DemoUser } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { book, bookingId, lastCardFor, press, setDutyWeek, setHubWeek } from '../booking/helpers.js';
import { waitFor } from '../support/wait.js';
import { waitForQuiescence } from '../support/quiescence.js';

const clock = new ManualClock(new Date('2027-03-08T09:00:00Z')); // duty week 2027-W10
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await setDutyWeek(bot, '2027-W10');
  await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner, cap: 10 });
  clock.set(new Date('2027-03-15T08:00:00Z')); // OSR week 2027-W11
  // Both responders have a personal chat with the bot, where their cards arrive.
  for (const who of [leadPractitioner, gradeIPractitioner]) await bot.say(who, 'hi');
});
afterAll(async () => { await bot.stop(); });

const bookingCardIn = (user: DemoUser, caseRef: string): Activity | undefined =>
  bot.chat(user).find((m) => cardsOf([m]).some((c) => textOf(c).includes(caseRef) && actionsOf(c).length > 0 && /OSR/.test(textOf(c))));

describe('booking cards', () => {
  it("the lead accepts on their card (in place); the cover's copy is redrawn (Accepted, no Accept button); the social worker's older card points to the newer one", async () => {
    const { answer } = await book(bot, socialWorker, { caseRef: 'LCS300901', date: '2027-03-16', time: '10:00' });
    expect(textOf(answer)).toContain('Booking request sent');
    const id = await bookingId(bot, 'LCS300901');
    // The form became the booking's card in the social worker's chat.
    const socialWorkers = bookingCardIn(socialWorker, 'LCS300901')!;
    expect(socialWorkers).toBeDefined();
    const leads = await waitFor("lead's card delivered", () => bookingCardIn(leadPractitioner, 'LCS300901'));
    const covers = await waitFor("cover's card delivered", () => bookingCardIn(gradeIPractitioner, 'LCS300901'));
    expect(actionsOf(onlyCard([covers])).map((a) => a.title)).toContain('Accept');

    const accept = actionsOf(onlyCard([leads])).find((a) => a.title === 'Accept')!;
    const answers = await bot.submit(leadPractitioner, accept.data!);
    expect(answers.map((a) => a.updated)).toEqual([leads.id]);
    expect(textOf(onlyCard(answers))).toContain('Visit accepted');

    const redrawn = await waitFor("cover's card redrawn", () => {
      const card = onlyCard([bot.chat(gradeIPractitioner).find((m) => m.id === covers.id)!]);
      return textOf(card).includes('Accepted') ? card : undefined;
    });
    expect(textOf(redrawn)).toContain('OSR booking: case LCS300901');
    expect(actionsOf(redrawn).map((a) => a.title)).not.toContain('Accept');
    // The social worker is told with the booking's card at the foot of their chat ("Joint visit accepted"),
    // and their older card of it (the form the booking was made on) becomes one line pointing there:
    // one living card per booking per chat, never two full copies redrawn side by side.
    // (A redraw for the acceptance leaves the notice as it is: it already shows the booking as it now is; see the last test.)
    const notice = await waitFor('"Joint visit accepted" delivered', () => bot.chat(socialWorker).find((m) => m.id !== socialWorkers.id
      && cardsOf([m]).some((c) => textOf(c).includes('LCS300901') && /Joint visit accepted|Accepted/.test(textOf(c)))));
    expect(textOf(onlyCard([notice]))).toContain('LCS300901');
    const collapsed = await waitFor("social worker's older card collapsed", () => {
      const card = onlyCard([bot.chat(socialWorker).find((m) => m.id === socialWorkers.id)!]);
      return textOf(card).includes('Moved down the chat') ? card : undefined;
    });
    expect(textOf(collapsed)).toContain('The joint visit for case LCS300901 has a newer card further down this chat');
    expect(actionsOf(collapsed)).toHaveLength(0);
    const fullCards = () => bot.chat(socialWorker).filter((m) => cardsOf([m]).some((c) => textOf(c).includes('LCS300901') && actionsOf(c).length > 0));
    expect(fullCards().map((m) => m.id)).toEqual([notice.id]);
    // Once every job has run, the older card still shows its one line (the redraw did not draw it back).
    await waitForQuiescence(bot.db);
    expect(textOf(onlyCard([bot.chat(socialWorker).find((m) => m.id === socialWorkers.id)!]))).toContain('Moved down the chat');
    // One card about this booking in each responder's chat: updated, never repeated.
    for (const who of [leadPractitioner, gradeIPractitioner]) {
      expect(bot.chat(who).filter((m) => cardsOf([m]).some((c) => textOf(c).includes('LCS300901'))).map((m) => textOf(onlyCard([m])).slice(0, 80)), who.name).toHaveLength(1);
    }
    // The cover presses Accept on the card as it was before (a slow client): it is redrawn as the booking is now.
    const stale = await bot.submit(gradeIPractitioner, { verb: 'booking.accept', bookingId: id });
    expect(textOf(onlyCard(stale))).toContain('This booking has moved on');
    expect(textOf(onlyCard(stale))).not.toMatch(/out of date/i);
    expect(actionsOf(onlyCard(stale)).map((a) => a.title)).not.toContain('Accept');
    const held = await bot.db.query('SELECT count(*)::int AS n FROM record_cards WHERE record_id = $1 AND redrawn_at IS NOT NULL', [id]);
    expect(held.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it("a lead whose visit was reassigned stops getting its updates: their copy is cleared or moved, and forgotten", async () => {
    await book(bot, socialWorker, { caseRef: 'LCS300902', date: '2027-03-16', time: '11:00' });
    const id = await bookingId(bot, 'LCS300902');
    const leads = await waitFor("lead's card delivered", () => bookingCardIn(leadPractitioner, 'LCS300902'));
    await press(bot, leadPractitioner, onlyCard([leads]), 'Send to my manager', { reassignReason: 'leave', reassignNote: 'On leave Tuesday' });
    await press(bot, hubManager, await lastCardFor(bot, hubManager, id), 'Reassign the visit', { practitioner: gradeIPractitioner.aadObjectId });
    await waitForQuiescence(bot.db);
    // The lead's card no longer offers the visit: it is cleared ("This is no longer with you"), or, when the
    // "reassigned" notice reached their chat first, it is a "moved down the chat" line and the notice tells them.
    const first = onlyCard([bot.chat(leadPractitioner).find((m) => m.id === leads.id)!]);
    expect(textOf(first)).toMatch(/This is no longer with you|Moved down the chat/);
    expect(actionsOf(first)).toEqual([]);
    const offersTheVisit = () => bot.chat(leadPractitioner).flatMap((m) => cardsOf([m]))
      .filter((c) => textOf(c).includes('LCS300902') && actionsOf(c).some((a) => /Accept|Decline|Propose|Send to my manager/.test(a.title)));
    expect(offersTheVisit()).toEqual([]);
    // The new practitioner accepts: the lead's chat never shows the visit as it now is, and they hold no living copy.
    const theirs = await lastCardFor(bot, gradeIPractitioner, id);
    await press(bot, gradeIPractitioner, theirs, 'Accept');
    await waitForQuiescence(bot.db);
    for (const m of bot.chat(leadPractitioner)) {
      for (const c of cardsOf([m]).filter((card) => textOf(card).includes('LCS300902'))) expect(textOf(c)).not.toContain('Accepted');
    }
    expect(offersTheVisit()).toEqual([]);
    // (A copy a newer card superseded is kept only so erasure can clear it.)
    const leadCopies = await bot.db.query('SELECT activity_id FROM record_cards WHERE record_id = $1 AND recipient_id = $2 AND superseded_at IS NULL', [id, leadPractitioner.aadObjectId]);
    expect(leadCopies.rows).toEqual([]);
    // Teams refreshing the lead's old card learns nothing about the visit either.
    const refresh = (onlyCard([leads]) as { refresh?: { action: { verb: string; data: Record<string, unknown> } } }).refresh!.action;
    const refreshed = await bot.execute(leadPractitioner, refresh, { trigger: 'automatic' });
    expect(refreshed.status).toBe(200);
    expect(textOf(refreshed.card)).not.toContain('LCS300902');
  });

  it("erasing the case clears the social worker's older card too, not only the living one", async () => {
    // From the first test: the social worker's chat holds LCS300901's older card ("moved down the chat") and the newer one.
    await waitForQuiescence(bot.db);
    const holding = bot.chat(socialWorker).filter((m) => JSON.stringify(m).includes('LCS300901'));
    expect(holding.length).toBeGreaterThanOrEqual(2);
    await bot.say(admin, 'erase case LCS300901');
    const done = await bot.submit(admin, { verb: 'privacy.erase', caseRef: 'LCS300901' }, { confirm: 'LCS300901' });
    expect(textOf(onlyCard(done))).toContain('erased');
    await waitFor('every card of the case cleared', () => !JSON.stringify(bot.chat(socialWorker)).includes('LCS300901'));
    for (const m of holding) expect(textOf(onlyCard([bot.chat(socialWorker).find((x) => x.id === m.id)!]))).toContain('This record has been removed');
  });
  it("the social worker's 'Joint visit accepted' keeps its headline through a redraw of the booking as it already shows it (its data came back from the outbox's jsonb)", async () => {
    await book(bot, socialWorker, { caseRef: 'LCS300904', date: '2027-03-16', time: '14:00' });
    const leads = await waitFor("lead's card delivered", () => bookingCardIn(leadPractitioner, 'LCS300904'));
    await bot.submit(leadPractitioner, actionsOf(onlyCard([leads])).find((a) => a.title === 'Accept')!.data!);
    const notice = await waitFor('"Joint visit accepted" delivered', () => bot.chat(socialWorker).find((m) => cardsOf([m]).some((c) => textOf(c).includes('LCS300904') && textOf(c).includes('Joint visit accepted'))));
    await waitForQuiescence(bot.db);
    const shown = () => textOf(onlyCard([bot.chat(socialWorker).find((m) => m.id === notice.id)!]));
    expect(shown()).toContain('Joint visit accepted');
    const putsOnNotice = () => bot.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === notice.id).length;
    const before = putsOnNotice();
    const id = await bookingId(bot, 'LCS300904');
    await bot.db.query(`SELECT graphile_worker.add_job('redraw-record-cards', json_build_object('recordType', 'booking', 'recordId', $1::text))`, [id]);
    await waitForQuiescence(bot.db);
    expect(putsOnNotice()).toBe(before);
    expect(shown()).toContain('Joint visit accepted');
  });
});
