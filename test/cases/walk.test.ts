// One family walked through the whole bot (issue 12, "Done when"): check →
// 0–19 request → allocation → OSR joint visit booked and held → the visit and
// the request linked → support started with its reminders → closed with a
// step down. The case card is asserted at each stage, and so is every open
// reminder about the family: none may be wrong at any point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestBot, onlyCard, textOf, action, inputsOf, type Card } from '../support/harness.js';
import { socialWorker, leadPractitioner, hubManager, socialWorkerB, gradeIPractitioner } from '../support/people.js';
import type { DemoUser } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { walkToResult } from '../check/walk.js';
import { SECTIONS, validFamily, saveSection, requestIdOf, startBlank } from '../request/support.js';
import { bookingId, lastCardFor, press, setDutyWeek, setHubWeek, statusOf, cardsFor } from '../booking/helpers.js';
import { FOLLOW_UP_TASK, followUpJobKey } from '../../src/app/booking/reminders.js';
import { waitFor } from '../support/wait.js';

const CASE = 'LCS-204518';
const clock = new ManualClock(new Date('2027-03-08T09:00:00Z')); // Monday of the DAT duty week 2027-W10
let bot: TestBot;
let requestId = '';
let visitId = '';

beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await setDutyWeek(bot, '2027-W10');
  // The lead responder has never opened Right Response: the manager is told so, not that they were told.
  const rota = await setHubWeek(bot, '2027-W11', leadPractitioner);
  expect(textOf(rota)).toContain('Demo Lead Practitioner will see it when they open Right Response.');
}, 120_000);
afterAll(async () => { await bot?.stop(); });

async function caseCard(user: DemoUser = socialWorker): Promise<string> {
  return textOf(onlyCard(await bot.say(user, `case ${CASE}`)));
}

/** Every open reminder about the family, as "cause → recipient". */
async function openReminders(): Promise<string[]> {
  const r = await bot.db.query<{ cause: string; recipient: string }>(
    `SELECT cause, recipient FROM reminders WHERE upper(case_ref) = $1 AND status IN ('pending', 'snoozed', 'sent') ORDER BY cause, recipient`, [CASE]);
  const who: Record<string, string> = { [`user=${socialWorker.aadObjectId}`]: 'social worker', [`user=${leadPractitioner.aadObjectId}`]: 'practitioner' };
  return r.rows.map((x) => `${x.cause} → ${who[x.recipient] ?? x.recipient.replace(/=.*/, '')}`);
}

// The request fixtures' family, in 2027: a child of 3, consent given the week before.
const FAMILY_NOW: Partial<Record<string, Record<string, string>>> = {
  family: { caseRef: CASE, 'children.0.dob': '2023-05-14' },
  consent: { consentDate: '2027-03-05' },
};

const press2 = async (user: DemoUser, data: Record<string, unknown>, typed: Record<string, string> = {}): Promise<Card> => onlyCard(await bot.submit(user, data, typed));

describe(`one family, ${CASE}, through the whole bot`, () => {
  let checkLevel = 0;
  let suggestedLevel = 0;
  let checkResult: Card | undefined;

  it('1. checked: the case card shows the check and nothing due', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '4', postcode: 'N11 1AA', caseRef: CASE, needs: ['pc.routines-boundaries', 'cd.behaviour'] });
    const suggested = Number(/level (\d)/i.exec(textOf(result))?.[1]);
    checkLevel = suggested === 2 ? 3 : 2;
    const overridden = await press(bot, socialWorker, result, 'Save override', { overrideLevel: String(checkLevel), overrideReason: 'Health visitor reports escalating concerns' });
    expect(textOf(overridden)).toContain(`You changed the level to ${checkLevel}`);
    checkResult = overridden;
    suggestedLevel = suggested;

    const card = await caseCard();
    expect(card).toContain(`Case ${CASE}`);
    expect(card).toContain('Where the family is: Checked');
    expect(card).toContain('Social worker: Demo Social Worker');
    expect(card).toContain('Allocated practitioner: Not allocated yet');
    expect(card).toContain('Due next: Nothing due');
    expect(card).toContain(`Threshold check finished: level ${checkLevel}`);
    // Someone with no record of the family sees nothing of it.
    expect(await caseCard(socialWorkerB)).toContain("I can't show you a case for");
    expect(await openReminders()).toEqual([]);
  });

  it('2. requested: the request carries the check\'s level and needs in words; the case card follows', async () => {
    const suggested = suggestedLevel;
    const first = await press(bot, socialWorker, checkResult!, 'Request Barnet 0–19 Early Help hub');
    requestId = requestIdOf(first);
    let card: Card | undefined;
    for (const section of SECTIONS) {
      const values = { ...validFamily[section], ...FAMILY_NOW[section], ...(section === 'need' ? { level: String(checkLevel), levelReason: '' } : {}) };
      card = await saveSection(bot, socialWorker, requestId, section, values);
    }
    const review = textOf(card!);
    expect(review).toContain(`Agreed level ${checkLevel} (suggested ${suggested}, overridden: Health visitor reports escalating concerns)`);
    expect(review).toMatch(/Needs from the check: .*[a-z]/);
    expect(review).not.toContain('pc.routines-boundaries');
    const confirmation = onlyCard(await bot.submit(socialWorker, action(card!, /^Submit to /).data!));
    expect(textOf(confirmation)).toContain('Request submitted');

    const caseText = await caseCard();
    expect(caseText).toContain('Where the family is: Requested');
    expect(caseText).toContain('Hub: Barnet North 0-19 Hub (demo)');
    expect(caseText).toContain('Request sent to the hub');
    // The hub manager sees the case through the request sent to their hub.
    expect(await caseCard(hubManager)).toContain('Where the family is: Requested');
    expect(await openReminders()).toEqual([]);
  });

  it('3. allocated: the practitioner is named on the case, and the confirmation says who was reached', async () => {
    const done = await press2(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    // The practitioner has never opened Right Response: their card waits for them, and the manager is told so.
    expect(textOf(done)).toContain('Demo Social Worker has been told. Demo Lead Practitioner will see it when they open Right Response.');
    const toLead = async () => (await bot.db.query(`SELECT status FROM notifications WHERE recipient_id = $1 AND card_template = 'request-status' AND card_data->>'requestId' = $2`, [leadPractitioner.aadObjectId, requestId])).rows[0]?.status;
    await waitFor('the allocation card held for the practitioner', async () => ((await toLead()) === 'held' ? true : undefined));
    const card = await caseCard();
    expect(card).toContain('Where the family is: Allocated');
    expect(card).toContain('Allocated practitioner: Demo Lead Practitioner');
    expect(card).toContain('Request allocated to Demo Lead Practitioner');
    // Their first message (here, opening the case) delivers what was held.
    expect(await caseCard(leadPractitioner)).toContain('Where the family is: Allocated');
    await waitFor('the held allocation card delivered', async () => ((await toLead()) === 'sent' ? true : undefined));
    expect(bot.connector.delivered.some((c) => c.conversationId === `a:personal-${leadPractitioner.aadObjectId}` && JSON.stringify(c.body).includes('A case has been allocated to you'))).toBe(true);
  });

  it('4. joint visit booked: it knows the request is filed and nobody is asked to file it', async () => {
    clock.set(new Date('2027-03-15T08:00:00Z')); // Monday of the OSR week
    // Booked from the request: the form comes pre-filled from it.
    const details = onlyCard(await bot.submit(socialWorker, { verb: 'request.view', requestId }));
    const form = onlyCard(await bot.submit(socialWorker, action(details, 'Book a joint visit').data!));
    expect(inputsOf(form)).toMatchObject({ caseRef: CASE, hubId: 'barnet-north', postcode: 'N11 1AA', purpose: 'Follow up the 0–19 request: A consistent bedtime routine' });
    const answer = onlyCard(await bot.submit(socialWorker, action(form, 'Send booking request').data!, { ...inputsOf(form), visitDate: '2027-03-16', visitTime: '10:00', risks: 'None known' }));
    expect(textOf(answer)).toContain('Demo Lead Practitioner has been asked.');
    visitId = await bookingId(bot, CASE);
    await press(bot, leadPractitioner, await lastCardFor(bot, leadPractitioner, visitId), 'Accept');
    expect(await statusOf(bot, visitId)).toBe('accepted');
    // The social worker's "accepted" notice knows the request too (it said "Not filed yet").
    expect(textOf(await lastCardFor(bot, socialWorker, visitId))).toContain('0–19 request: Filed: Allocated');
    const visitCard = onlyCard(await bot.submit(socialWorker, { verb: 'booking.show', bookingId: visitId }));
    expect(textOf(visitCard)).toContain('0–19 request: Filed: Allocated');
    expect(() => action(visitCard, 'File the 0–19 request')).toThrow();

    const opened = onlyCard(await bot.submit(socialWorker, action(visitCard, 'Open the case').data!));
    expect(textOf(opened)).toContain('Where the family is: Visit booked');
    expect(textOf(opened)).toContain('Joint visit with: Demo Lead Practitioner');
    // The visit itself is what is due, not its reminder ("OSR joint visit tomorrow" would read as if the visit were then).
    expect(textOf(opened)).toContain('Due next: Joint home visit: Tue 16 Mar, 10:00');
    // The visit's own reminders only: no "request not filed" for the social worker or their DAT manager.
    const open = await openReminders();
    expect(open.filter((r) => r.startsWith('request-not-filed'))).toEqual([]);
    expect(open.every((r) => r.startsWith('joint-visit') || r.startsWith('support-not-started'))).toBe(true);
  });

  it('5. visit held: the follow-up says the request is already filed, and links the two', async () => {
    clock.set(new Date('2027-03-16T11:05:00Z'));
    await bot.app.jobs.add(FOLLOW_UP_TASK, { bookingId: visitId }, { jobKey: followUpJobKey(visitId) });
    await waitFor('the follow-up job to complete the visit', async () => (await statusOf(bot, visitId)) === 'completed');
    const followUps = (await cardsFor(bot, socialWorker, visitId)).map((c) => c.data.title);
    expect(followUps).toContain('Joint visit held');
    expect(followUps).not.toContain('File the 0–19 request');
    const linked = await bot.db.query('SELECT source_booking_id FROM requests WHERE id = $1', [requestId]);
    expect(linked.rows[0].source_booking_id).toBe(visitId);

    const card = await caseCard();
    expect(card).toContain('Where the family is: Visit held');
    expect(card).toContain('Joint home visit held');
    expect((await openReminders()).filter((r) => r.startsWith('request-not-filed'))).toEqual([]);
  });

  it('6. support started: the case moves on and what is due next is the service\'s', async () => {
    await press2(leadPractitioner, { verb: 'request.begin', requestId }, { startDate: '2027-03-16' });
    const card = await caseCard(leadPractitioner);
    expect(card).toContain('Where the family is: Support started');
    expect(card).toContain('Support started');
    const open = await openReminders();
    expect(open.filter((r) => r.startsWith('request-not-filed') || r.startsWith('support-not-started'))).toEqual([]);
  });

  it('7. reviews: six parenting sessions bring the review reminder, shown as what is due next', async () => {
    clock.set(new Date('2027-04-26T10:00:00Z')); // six weeks on
    for (const heldOn of ['2027-03-18', '2027-03-25', '2027-04-01', '2027-04-08', '2027-04-15', '2027-04-22']) {
      const done = await press2(leadPractitioner, { verb: 'case.parenting.session.record', requestId, sessionKey: randomUUID() }, { heldOn });
      expect(textOf(done)).not.toMatch(/can't|problem/i);
    }
    const open = await openReminders();
    expect(open).toContain('parenting-sessions → practitioner');
    expect(open.filter((r) => r.startsWith('request-not-filed'))).toEqual([]);
    const card = await caseCard(leadPractitioner);
    expect(card).toContain('Where the family is: Support started');
    expect(card).toMatch(/Due next: Parenting sessions: review due: /);
    // "Open the case" on the reminder card opens this case card.
    const reminder = await bot.db.query(`SELECT id::text AS id FROM reminders WHERE cause = 'parenting-sessions' AND recipient = $1 AND status IN ('pending', 'snoozed', 'sent')`, [`user=${leadPractitioner.aadObjectId}`]);
    const fromReminder = textOf(await press2(leadPractitioner, { verb: 'reminder.open', reminderId: reminder.rows[0].id }));
    expect(fromReminder).toContain(`Case ${CASE}`);
    expect(fromReminder).toContain('Where the family is: Support started');
  });

  it('8. closed with a step down, and the same practitioner continues', async () => {
    const closed = await press2(leadPractitioner, { verb: 'request.close', requestId }, { outcome: 'stepped-down-universal-plus', note: '' });
    expect(textOf(closed)).toContain("The request is closed and its reminders stopped; you'll be reminded to record the family's feedback if it isn't recorded. Demo Social Worker has been told.");
    // Only the family's feedback is still asked for, at closure (Barnet One Service Response protocol, 5.3; issue 15).
    expect(await openReminders()).toEqual(['family-feedback → practitioner']);
    const closedCard = await caseCard();
    expect(closedCard).toContain('Where the family is: Stepped down to Universal Plus');

    const cont = action(closed, 'Continue with the same practitioner');
    const continued = onlyCard(await bot.submit(leadPractitioner, cont.data!));
    expect(textOf(continued)).toContain('Demo Lead Practitioner continues with the family of LCS-204518');
    // A second press (or a Teams resend) makes no second request.
    expect(textOf(onlyCard(await bot.submit(leadPractitioner, cont.data!)))).toContain('Already continuing');
    const rows = await bot.db.query(`SELECT status, allocated_to, continued_from_request_id, end_reason FROM requests WHERE case_ref = $1 ORDER BY created_at, status`, [CASE]);
    expect(rows.rows).toEqual(expect.arrayContaining([
      { status: 'closed', allocated_to: leadPractitioner.aadObjectId, continued_from_request_id: null, end_reason: 'stepped-down-universal-plus' },
      { status: 'allocated', allocated_to: leadPractitioner.aadObjectId, continued_from_request_id: requestId, end_reason: null },
    ]));
    expect(rows.rowCount).toBe(2);
    const continuation = await bot.db.query(`SELECT id FROM requests WHERE continued_from_request_id = $1`, [requestId]);
    const told = await bot.db.query(`SELECT recipient_id FROM notifications WHERE card_data->>'requestId' = $1 AND card_data->>'title' = 'A case continues with the same practitioner'`, [continuation.rows[0].id]);
    expect(told.rows.map((r) => r.recipient_id)).toEqual([hubManager.aadObjectId]);

    const card = await caseCard();
    expect(card).toContain('Where the family is: Stepped down to Universal Plus, continuing with Demo Lead Practitioner (allocated)');
    expect(card).toContain('Continues with Demo Lead Practitioner after the step down');
    // Nothing about the family is left open that should not be, and nothing wrong was ever planned.
    expect((await openReminders()).filter((r) => r.startsWith('request-not-filed'))).toEqual([]);
    const everNotFiled = await bot.db.query(`SELECT count(*)::int AS n FROM reminders WHERE cause = 'request-not-filed' AND upper(case_ref) = $1`, [CASE]);
    expect(everNotFiled.rows[0].n).toBe(0);
  });

  it('9. the lists show the family once, with its next date; the finished check opens again', async () => {
    const mine = textOf(onlyCard(await bot.say(leadPractitioner, 'my cases')));
    expect(mine.match(/LCS-204518/g)).toHaveLength(1);
    const requests = textOf(onlyCard(await bot.say(socialWorker, 'my requests')));
    expect(requests.match(/LCS-204518/g)).toHaveLength(1);
    const checks = onlyCard(await bot.say(socialWorker, 'my checks'));
    expect(textOf(checks).match(/LCS-204518/g)).toHaveLength(1);
    const reopened = onlyCard(await bot.submit(socialWorker, { verb: 'check.resume', checkId: JSON.stringify(checks).match(/"checkId":"([0-9a-f-]{36})"/)![1] }));
    expect(textOf(reopened)).toContain('Threshold check · result · LCS-204518');
    expect(action(reopened, 'Open the case').data).toMatchObject({ verb: 'case.open' });
  });

  it('10. a new request for the family goes to the practitioner who already works with it, unless the manager chooses otherwise', async () => {
    const { requestId: again } = await startBlank(bot, socialWorker);
    let card: Card | undefined;
    for (const section of SECTIONS) card = await saveSection(bot, socialWorker, again, section, { ...validFamily[section], ...FAMILY_NOW[section], ...(section === 'need' ? { level: '2' } : {}) });
    expect(textOf(onlyCard(await bot.submit(socialWorker, action(card!, /^Submit to /).data!)))).toContain('Request submitted');
    const form = await press2(hubManager, { verb: 'request.allocate.show', requestId: again });
    expect(inputsOf(form).practitioner).toBe(leadPractitioner.aadObjectId);
    expect(JSON.stringify(form)).toMatch(/Demo Lead Practitioner · grade H · \d+ open cases? · already works with this family/);
    // The manager may choose someone else.
    await press2(hubManager, { verb: 'request.allocate', requestId: again }, { practitioner: gradeIPractitioner.aadObjectId });
    expect((await bot.db.query('SELECT allocated_to FROM requests WHERE id = $1', [again])).rows[0].allocated_to).toBe(gradeIPractitioner.aadObjectId);
  });
});
