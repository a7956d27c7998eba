// After an agreed visit: the job marks it done and gives the social worker
// "File the 0–19 request", whose button carries the booking for the request
// form to pre-fill from; the booking then shows whether the request was filed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, action } from '../support/harness.js';
import { socialWorker, leadPractitioner } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { followUpVisit } from '../../src/app/booking/follow-up.js';
import { FOLLOW_UP_TASK, followUpJobKey } from '../../src/app/booking/reminders.js';
import { book, bookingId, cardsFor, lastCardFor, press, setDutyWeek, setHubWeek, statusOf } from './helpers.js';
import { waitFor } from '../support/wait.js';

const MON_0900_GMT_8_MAR_2027 = new Date('2027-03-08T09:00:00Z');
const MON_0800_GMT_15_MAR_2027 = new Date('2027-03-15T08:00:00Z');
const TUE_1030_GMT_16_MAR_2027 = new Date('2027-03-16T10:30:00Z'); // during the 10:00 visit
const TUE_1105_GMT_16_MAR_2027 = new Date('2027-03-16T11:05:00Z'); // just after it
const clock = new ManualClock(MON_0900_GMT_8_MAR_2027);
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await setDutyWeek(bot, '2027-W10');
  await setHubWeek(bot, '2027-W11', leadPractitioner);
  clock.set(MON_0800_GMT_15_MAR_2027);
});
afterAll(async () => { await bot.stop(); });

describe('after the visit', () => {
  it('asks the social worker to file the 0–19 request, pre-filled from the booking', async () => {
    await book(bot, socialWorker, { caseRef: 'LCS500001', date: '2027-03-16', time: '10:00' });
    const id = await bookingId(bot, 'LCS500001');
    await press(bot, leadPractitioner, await lastCardFor(bot, leadPractitioner, id), 'Accept');
    const deps = { db: bot.db, directory: bot.app.directory, clock, config: bot.app.config };

    // A job that runs before the visit has ended (a clock ahead of ours) waits.
    clock.set(TUE_1030_GMT_16_MAR_2027);
    expect(await followUpVisit(deps, id)).toBe('not-yet');
    expect(await statusOf(bot, id)).toBe('accepted');

    clock.set(TUE_1105_GMT_16_MAR_2027);
    await bot.app.jobs.add(FOLLOW_UP_TASK, { bookingId: id }, { jobKey: followUpJobKey(id) }); // due now
    await waitFor('the follow-up job to complete the booking', async () => (await statusOf(bot, id)) === 'completed');
    const followUps = (await cardsFor(bot, socialWorker, id)).filter((c) => c.data.title === 'File the 0–19 request');
    expect(followUps).toHaveLength(1);
    const card = followUps[0]!.card;
    expect(textOf(card)).toContain('Follow it up with a 0–19 Request Form');
    expect(textOf(card)).toContain('0–19 request: Not filed yet');
    expect(action(card, 'File the 0–19 request').data).toEqual({ verb: 'request.start', bookingId: id });
    // The request form (issue 5) opens pre-filled from the booking.
    const requestForm = await press(bot, socialWorker, card, 'File the 0–19 request');
    expect(JSON.stringify(requestForm)).toContain('LCS500001');
    // Running again sends nothing more.
    expect(await followUpVisit(deps, id)).toBe('nothing-to-do');
    // The place still counts for the week: a visit done is a visit.
    expect(textOf(onlyCard(await bot.say(socialWorker, 'rota')))).toContain('2 of 3 places left');
  });

  it('shows on the booking whether the request was filed', async () => {
    const id = await bookingId(bot, 'LCS500001');
    const request = (status: string) => bot.db.query(
      `INSERT INTO requests (id, idempotency_key, referrer_aad, hub_id, status, case_ref, level, source_booking_id, created_at, updated_at, submitted_at)
       VALUES (gen_random_uuid(), gen_random_uuid()::text, $1, 'barnet-north', $2, 'LCS500001', 2, $3, now(), now(), CASE WHEN $2 = 'draft' THEN NULL ELSE now() END)`,
      [socialWorker.aadObjectId, status, id]);
    // The request form opened above left a draft from this booking: a draft is not filed.
    expect(await bot.db.query(`SELECT status FROM requests WHERE source_booking_id = $1`, [id]).then((r) => r.rows.map((x) => x.status))).toEqual(['draft']);
    expect(textOf(onlyCard(await bot.submit(socialWorker, { verb: 'booking.show', bookingId: id })))).toContain('0–19 request: Not filed yet');
    await request('submitted');
    const card = onlyCard(await bot.submit(socialWorker, { verb: 'booking.show', bookingId: id }));
    expect(textOf(card)).toContain('0–19 request: Filed: Submitted, waiting for allocation');
    expect(() => action(card, 'File the 0–19 request')).toThrow();
  });
});
