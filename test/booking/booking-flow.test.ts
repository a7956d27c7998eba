// Booking a joint visit end to end over HTTP with the real bot, as the social
// worker, the lead responder, the cover and the hub manager: book, accept
// (with the calendar file), propose another time and agree, decline, reassign
// via the manager, cancel by each side, bad submits and double submits.
// Notifications are asserted in the outbox, where the use cases put them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, actionsOf, inputsOf, action } from '../support/harness.js';
import { socialWorker, leadPractitioner, gradeIPractitioner, hubManager, southHubManager, southPractitioner, stranger } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { auditByAction } from '../../src/store/audit-store.js';
import { waitFor } from '../support/wait.js';
import { book, bookingId, cardsFor, fill, lastCardFor, press, setDutyWeek, setHubWeek, statusOf } from './helpers.js';

const MON_0900_GMT_8_MAR_2027 = new Date('2027-03-08T09:00:00Z'); // duty week 2027-W10
const MON_0800_GMT_15_MAR_2027 = new Date('2027-03-15T08:00:00Z'); // OSR week 2027-W11
const clock = new ManualClock(MON_0900_GMT_8_MAR_2027);
let bot: TestBot;

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await setDutyWeek(bot, '2027-W10');
  // Generous places here so the scenarios do not crowd each other; the full hub is tested on its own below.
  await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner, cap: 10 });
  await setHubWeek(bot, '2027-W11', southPractitioner, { manager: southHubManager });
  clock.set(MON_0800_GMT_15_MAR_2027);
});
afterAll(async () => { await bot.stop(); });

async function acceptedVisit(caseRef: string, date = '2027-03-16', time = '10:00'): Promise<string> {
  await book(bot, socialWorker, { caseRef, date, time });
  const id = await bookingId(bot, caseRef);
  await press(bot, leadPractitioner, await lastCardFor(bot, leadPractitioner, id), 'Accept');
  expect(await statusOf(bot, id)).toBe('accepted');
  return id;
}

describe('booking a joint visit', () => {
  it('offers the form for the OSR week, holds a place at once and tells the lead, the cover and the hub channel', async () => {
    const form = onlyCard(await bot.say(socialWorker, 'book'));
    expect(textOf(form)).toContain('Your OSR week is w/c Mon 15 Mar 2027');
    expect(JSON.stringify(form)).toContain('Barnet North 0-19 Hub (demo): 10 of 10 places left');
    const { answer } = await book(bot, socialWorker, { caseRef: 'lcs300001', date: '2027-03-16', time: '10:00', purpose: 'Support for Jane Doe *urgent*', risks: 'Dog in the house' });
    expect(textOf(answer)).toContain('Booking request sent');
    expect(textOf(answer)).toContain('Case reference: LCS300001');
    expect(textOf(answer)).toContain('When: Tue 16 Mar, 10:00 (60 minutes)');
    const id = await bookingId(bot, 'LCS300001');
    expect(await statusOf(bot, id)).toBe('requested');

    const [toLead] = await cardsFor(bot, leadPractitioner, id);
    expect(textOf(toLead!.card)).toContain('New OSR joint-visit request');
    expect(textOf(toLead!.card)).toContain('Support for Jane Doe *urgent*'); // a TextRun: shown literally, no markdown
    expect(actionsOf(toLead!.card).map((a) => a.title)).toEqual(expect.arrayContaining(['Accept', 'Propose another time', 'Decline', 'Ask manager to reassign']));
    expect(toLead!.summary).toBe('New OSR joint-visit request: case LCS300001');
    expect(await cardsFor(bot, gradeIPractitioner, id)).toHaveLength(1); // the cover responder

    const channel = await bot.db.query(`SELECT card_data, summary FROM notifications WHERE recipient_kind = 'channel' AND recipient_id = 'barnet-north'`);
    const posted = JSON.stringify(channel.rows);
    expect(posted).toContain('LCS300001');
    expect(posted).not.toMatch(/Jane Doe|Dog in the house|Demo Social Worker/);
    const reminders = await bot.db.query(`SELECT recipient FROM reminders WHERE cause = 'booking-not-answered' AND cause_id = $1`, [id]);
    expect(reminders.rows.map((r) => r.recipient).sort()).toEqual([`hub-manager=barnet-north`, `user=${leadPractitioner.aadObjectId}`]);
    expect((await auditByAction(bot.db, 'booking.create')).some((a) => a.record_id === id && a.outcome === 'ok')).toBe(true);
  });

  it('shows a bad submit again with every value kept and each problem named', async () => {
    const form = onlyCard(await bot.say(socialWorker, 'book'));
    const send = action(form, 'Send booking request');
    const bad = onlyCard(await bot.submit(socialWorker, send.data!, { ...fill(form, { caseRef: '', date: '2027-03-16', time: '10:00' }), purpose: 'Keep me' }));
    expect(textOf(bad)).toContain('Enter the case reference');
    expect(inputsOf(bad)).toMatchObject({ purpose: 'Keep me', visitDate: '2027-03-16', visitTime: '10:00' });
    const late = onlyCard(await bot.submit(socialWorker, send.data!, fill(form, { caseRef: 'LCS300002', date: '2027-03-16', time: '16:30' })));
    expect(textOf(late)).toContain('The whole visit (one hour) must be in working hours');
    const nextWeek = onlyCard(await bot.submit(socialWorker, send.data!, fill(form, { caseRef: 'LCS300002', date: '2027-03-22', time: '10:00' })));
    expect(textOf(nextWeek)).toContain('The visit must be in your OSR week');
    expect(inputsOf(nextWeek).caseRef).toBe('LCS300002');
    expect(await bot.db.query(`SELECT 1 FROM bookings WHERE case_ref = 'LCS300002'`).then((r) => r.rowCount)).toBe(0);
  });

  it('makes one booking from a double submit of the same card', async () => {
    const { form, key } = await book(bot, socialWorker, { caseRef: 'LCS300003', date: '2027-03-17', time: '11:00' });
    const again = onlyCard(await bot.submit(socialWorker, { verb: 'booking.submit', bookingKey: key, checkId: '' }, fill(form, { caseRef: 'LCS300003', date: '2027-03-17', time: '11:00' })));
    expect(textOf(again)).toContain('Already booked');
    expect(await bot.db.query(`SELECT 1 FROM bookings WHERE idempotency_key = $1`, [key]).then((r) => r.rowCount)).toBe(1);
  });

  it('lets the lead responder accept, and gives both sides a calendar invitation', async () => {
    const id = await bookingId(bot, 'LCS300001');
    const asked = await lastCardFor(bot, leadPractitioner, id);
    const reply = await press(bot, leadPractitioner, asked, 'Accept');
    expect(textOf(reply)).toContain('Visit accepted');
    const toSocialWorker = await lastCardFor(bot, socialWorker, id);
    expect(textOf(toSocialWorker)).toContain('Demo Lead Practitioner accepted the joint home visit on Tue 16 Mar, 10:00');
    const link = actionsOf(toSocialWorker).find((a) => a.title === 'Add to calendar') as unknown as { url: string };
    const path = new URL(link.url).pathname + new URL(link.url).search;
    const ics = await fetch(`${bot.url}${path}`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const text = await ics.text();
    expect(text).toContain('DTSTART:20270316T100000Z');
    expect(text).toContain('LCS300001');
    expect(text).toContain('STATUS:CONFIRMED');
    expect(text).not.toMatch(/Jane Doe|Dog in the house/);
    expect((await fetch(`${bot.url}${path.replace(/sig=./, 'sig=x')}`)).status).toBe(404);
    const job = await bot.db.query(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`booking-follow-up:${id}`]);
    expect(job.rows[0]?.run_at.toISOString()).toBe('2027-03-16T11:00:00.000Z');
    const visitReminders = await bot.db.query(`SELECT count(*)::int AS n FROM reminders WHERE cause = 'joint-visit' AND cause_id = $1`, [id]);
    expect(visitReminders.rows[0].n).toBeGreaterThan(0);
    // The cover has never opened Right Response: their card, still held, is redrawn as the booking is now.
    await waitFor('the cover\'s held card redrawn', async () => (JSON.stringify((await cardsFor(bot, gradeIPractitioner, id))[0]!.card).includes('"Accept"') ? undefined : true));
    // A second press (here the cover pressing Accept as first drawn) finds it already accepted.
    const late = onlyCard(await bot.submit(gradeIPractitioner, action(asked, 'Accept').data!));
    expect(textOf(late)).toContain('This booking is now "Accepted"');
  });

  it('lets the practitioner propose another time and the social worker agree to it', async () => {
    await book(bot, socialWorker, { caseRef: 'LCS300004', date: '2027-03-18', time: '10:00' });
    const id = await bookingId(bot, 'LCS300004');
    const card = await lastCardFor(bot, leadPractitioner, id);
    const saturday = await press(bot, leadPractitioner, card, 'Send the proposed time', { proposeDate: '2027-03-20', proposeTime: '10:00' });
    expect(textOf(saturday)).toContain('must be in working hours on a working day');
    expect(inputsOf(saturday)).toMatchObject({ proposeDate: '2027-03-20', proposeTime: '10:00' });
    const proposed = await press(bot, leadPractitioner, card, 'Send the proposed time', { proposeDate: '2027-03-19', proposeTime: '13:30' });
    expect(textOf(proposed)).toContain('Demo Social Worker has been asked to agree to it. The place stays held.');
    expect(await statusOf(bot, id)).toBe('time-proposed');
    const toSocialWorker = await lastCardFor(bot, socialWorker, id);
    expect(textOf(toSocialWorker)).toContain('proposes Fri 19 Mar, 13:30');
    const agreed = await press(bot, socialWorker, toSocialWorker, 'Agree to the new time');
    expect(textOf(agreed)).toContain('New time agreed');
    expect(textOf(agreed)).toContain('When: Fri 19 Mar, 13:30');
    expect(await statusOf(bot, id)).toBe('accepted');
    expect(textOf(await lastCardFor(bot, leadPractitioner, id))).toContain('agreed to Fri 19 Mar, 13:30');
  });

  it('lets the practitioner decline with a reason, which frees the place and tells the social worker', async () => {
    await book(bot, socialWorker, { caseRef: 'LCS300005', date: '2027-03-18', time: '11:00' });
    const id = await bookingId(bot, 'LCS300005');
    const card = await lastCardFor(bot, leadPractitioner, id);
    expect(textOf(await press(bot, leadPractitioner, card, 'Decline the booking', { declineReason: '' }))).toContain('Give a reason');
    const declined = await press(bot, leadPractitioner, card, 'Decline the booking', { declineReason: 'Court proceedings: we cannot do a viability assessment' });
    // Says who was actually reached (issue 12).
    expect(textOf(declined)).toMatch(/Demo Social Worker (has been told why|will see it when they open Right Response)/);
    expect(await statusOf(bot, id)).toBe('declined');
    const told = await lastCardFor(bot, socialWorker, id);
    expect(textOf(told)).toContain('Joint visit declined');
    expect(textOf(told)).toContain('Reason given: Court proceedings: we cannot do a viability assessment');
    expect(actionsOf(told).map((a) => a.title)).toContain('File the 0–19 request');
  });

  it('goes to the hub manager to reassign when the practitioner asks, and on to the new practitioner', async () => {
    await book(bot, socialWorker, { caseRef: 'LCS300006', date: '2027-03-18', time: '14:00' });
    const id = await bookingId(bot, 'LCS300006');
    const card = await lastCardFor(bot, leadPractitioner, id);
    expect(textOf(await press(bot, leadPractitioner, card, 'Send to my manager', {}))).toContain('Choose why another practitioner');
    const asked = await press(bot, leadPractitioner, card, 'Send to my manager', { reassignReason: 'leave', reassignNote: 'On leave Thursday' });
    expect(textOf(asked)).toContain('Demo Hub Manager has been asked to reassign this visit. Demo Social Worker has been told it is being reassigned.');
    expect(await statusOf(bot, id)).toBe('reassign-requested');
    expect(textOf(await lastCardFor(bot, socialWorker, id))).toContain('asked their hub manager to give this visit to a colleague');
    const toManager = await lastCardFor(bot, hubManager, id);
    expect(textOf(toManager)).toContain('annual leave');
    const stray = await press(bot, socialWorker, toManager, 'Reassign the visit', { practitioner: gradeIPractitioner.aadObjectId });
    expect(textOf(stray)).toContain('Only the social worker, the practitioner and the hub manager');
    const reassigned = await press(bot, hubManager, toManager, 'Reassign the visit', { practitioner: gradeIPractitioner.aadObjectId });
    expect(textOf(reassigned)).toMatch(/Demo Senior Practitioner (has been asked to accept it|will see it when they open Right Response)/);
    expect(textOf(reassigned)).toContain('Demo Lead Practitioner');
    expect(await statusOf(bot, id)).toBe('requested');
    expect(textOf(await lastCardFor(bot, socialWorker, id))).toContain('Your booking is now with Demo Senior Practitioner');
    expect(textOf(await lastCardFor(bot, leadPractitioner, id))).toContain('gave this booking to Demo Senior Practitioner');
    const toNew = await lastCardFor(bot, gradeIPractitioner, id);
    expect(textOf(toNew)).toContain('OSR joint visit reassigned to you');
    await press(bot, gradeIPractitioner, toNew, 'Accept');
    expect(await statusOf(bot, id)).toBe('accepted');
    const assignee = await bot.db.query('SELECT assignee_aad FROM bookings WHERE id = $1', [id]);
    expect(assignee.rows[0].assignee_aad).toBe(gradeIPractitioner.aadObjectId);
  });

  it('lets the social worker cancel, which frees the place and tells the practitioner', async () => {
    await book(bot, socialWorker, { caseRef: 'LCS300007', date: '2027-03-18', time: '15:00' });
    const id = await bookingId(bot, 'LCS300007');
    const mine = onlyCard(await bot.submit(socialWorker, { verb: 'booking.show', bookingId: id }));
    const done = await press(bot, socialWorker, mine, 'Cancel and free the place', { cancelReason: 'Family moved out of the area' });
    expect(textOf(done)).toContain('Booking cancelled');
    expect(await statusOf(bot, id)).toBe('cancelled');
    const told = await lastCardFor(bot, leadPractitioner, id);
    expect(textOf(told)).toContain('Demo Social Worker cancelled this booking');
    expect(textOf(told)).toContain('Reason given: Family moved out of the area');
    const reminders = await bot.db.query(`SELECT status FROM reminders WHERE cause = 'booking-not-answered' AND cause_id = $1`, [id]);
    expect(reminders.rows.every((r) => r.status === 'resolved')).toBe(true);
  });

  it('lets the practitioner cancel an accepted visit, telling the social worker', async () => {
    const id = await acceptedVisit('LCS300008', '2027-03-17', '15:00');
    const mine = onlyCard(await bot.submit(leadPractitioner, { verb: 'booking.show', bookingId: id }));
    await press(bot, leadPractitioner, mine, 'Cancel and free the place', { cancelReason: '' });
    expect(await statusOf(bot, id)).toBe('cancelled');
    expect(textOf(await lastCardFor(bot, socialWorker, id))).toContain('Demo Lead Practitioner cancelled this booking (no reason given)');
    expect(await bot.db.query(`SELECT 1 FROM graphile_worker.jobs WHERE key = $1`, [`booking-follow-up:${id}`]).then((r) => r.rowCount)).toBe(0);
  });

  it('refuses a stranger, and audits the refusal', async () => {
    const id = await bookingId(bot, 'LCS300004');
    expect(textOf(onlyCard(await bot.submit(stranger, { verb: 'booking.show', bookingId: id })))).toContain('can see it');
    expect(textOf(onlyCard(await bot.submit(stranger, { verb: 'booking.cancel', bookingId: id })))).toContain('can do that');
    const refused = (await auditByAction(bot.db, 'booking.cancel')).filter((a) => a.outcome === 'refused' && a.actor === stranger.aadObjectId);
    expect(refused).toHaveLength(1);
    expect(await statusOf(bot, id)).toBe('accepted');
  });

  it('lists a person\'s bookings', async () => {
    const list = onlyCard(await bot.say(socialWorker, 'my bookings'));
    expect(textOf(list)).toContain('LCS300004: Fri 19 Mar, 13:30');
  });
});
