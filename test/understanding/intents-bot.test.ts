// Requests in words through the real bot: each goes to its journey's card
// with what was said filled in, for the practitioner to confirm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, cardsOf, textOf, inputsOf, action } from '../support/harness.js';
import { socialWorker, leadPractitioner, socialWorkerB } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { book, setDutyWeek, setHubWeek } from '../booking/helpers.js';

let bot: TestBot;
const clock = new ManualClock(new Date('2027-03-08T09:00:00Z')); // Monday of duty week 2027-W10

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await setDutyWeek(bot, '2027-W10');
  await setHubWeek(bot, '2027-W11', leadPractitioner, { cap: 5 });
  clock.set(new Date('2027-03-15T08:00:00Z')); // Monday of the OSR week, 08:00 GMT
}, 120_000);
afterAll(async () => { await bot?.stop(); });

describe('requests in words', () => {
  it('"book a joint visit for LCS-204518 on Tuesday at 2pm with Barnet North" fills the booking form to confirm', async () => {
    const replies = await bot.say(socialWorker, 'book a joint visit for LCS-204518 on Tuesday at 2pm with Barnet North');
    expect(replies.find((r) => typeof r.text === 'string')?.text).toContain('case LCS-204518, Tue 16 Mar at 14:00');
    const form = onlyCard(replies);
    expect(inputsOf(form)).toMatchObject({ caseRef: 'LCS-204518', visitDate: '2027-03-16', visitTime: '14:00', hubId: 'barnet-north' });
    // Nothing is booked until the social worker presses the button.
    expect((await bot.db.query('SELECT 1 FROM bookings')).rowCount).toBe(0);
    expect(action(form, 'Send booking request')).toBeTruthy();
  });

  it('names a day outside the OSR week instead of filling it in', async () => {
    const form = onlyCard(await bot.say(socialWorker, 'book a joint visit for LCS-204518 next Tuesday'));
    expect(textOf(form)).toContain('You said "next Tuesday" (Tue 23 Mar), which is not a working day of your OSR week');
    expect(inputsOf(form).visitDate).not.toBe('2027-03-23');
  });

  it('"status of LCS-204600" opens the case card for those who may see it, and nothing to others', async () => {
    await book(bot, socialWorker, { caseRef: 'LCS-204600', date: '2027-03-17', time: '10:00' });
    const card = onlyCard(await bot.say(socialWorker, 'status of lcs 204600'));
    expect(textOf(card)).toContain('Case LCS-204600');
    expect(textOf(card)).toContain('Where the family is: Visit booked');
    expect(textOf(card)).toContain('Joint home visit booked for Wed 17 Mar, 10:00');
    expect(action(card, 'Open the joint visit').data).toMatchObject({ verb: 'booking.show' });
    const other = onlyCard(await bot.say(socialWorkerB, 'status of LCS-204600'));
    expect(textOf(other)).toContain("I can't show you a case for");
    expect(textOf(other)).not.toContain('Visit booked');
    const audit = await bot.db.query(`SELECT actor, outcome FROM audit_log WHERE action = 'case.viewed' AND case_ref = 'LCS-204600' ORDER BY id`);
    expect(audit.rows).toEqual([{ actor: socialWorker.aadObjectId, outcome: 'ok' }, { actor: socialWorkerB.aadObjectId, outcome: 'refused' }]);
  });

  it('"who\'s lead responder at Barnet North" names this week\'s lead responder', async () => {
    const card = onlyCard(await bot.say(socialWorker, "who's lead responder at Barnet North?"));
    expect(textOf(card)).toContain('Lead responder: Barnet North');
    expect(textOf(card)).toContain(`This week (w/c Mon 15 Mar 2027): ${leadPractitioner.name}`);
  });

  it('"what\'s due this week" lists reminders due before the week ends', async () => {
    const card = onlyCard(await bot.say(leadPractitioner, "what's due this week?"));
    expect(textOf(card)).toContain('Due this week');
  });

  it('"I need to refer a family to Home-Start" offers the eligibility check and the request', async () => {
    const card = onlyCard(await bot.say(socialWorker, 'I need to refer a family to Home-Start'));
    expect(textOf(card)).toContain('Refer a family to Home-Start Hertfordshire');
    expect(action(card, 'Check eligibility first').data).toMatchObject({ verb: 'check.start' });
    expect(action(card, 'File a 0–19 request').data).toMatchObject({ verb: 'request.start' });
  });

  it('risk words in a request bring the safety question first', async () => {
    const cards = cardsOf(await bot.say(socialWorker, 'book a visit for LCS-204518, dad threatened to kill mum last night'));
    expect(textOf(cards[0])).toMatch(/^First: is a child in danger now\?/);
  });
});
