// The three reminder kinds that come from what is recorded on a case or about
// staff, end to end through the real bot: the return home interview after a
// missing episode (Plymouth Targeted Support), staff supervision (Plymouth
// hubs), and parenting sessions with their review and further period (Barnet).
// An injected ManualClock decides "now" for the app; each reminder goes
// through the outbox and the job runner to the fake Bot Connector.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, action, inputsOf, onlyCard, textOf, type Card } from '../support/harness.js';
import {
  hubManager, leadPractitioner, plymouthHubManager, plymouthPractitioner, socialWorker, targetedSupportManager, targetedSupportPractitioner,
  targetedSupportPractitionerB, type DemoUser,
} from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { loadConfig } from '../../src/config/env.js';
import { workingCalendarFor } from '../../src/app/reminders/context.js';
import { previousWorkingDayAt } from '../../src/domain/time/working-hours.js';
import { LONDON_TIME_ZONE } from '../../src/domain/time/london-weeks.js';
import { addLocalDays, addLocalMonths, localDateOf, parseIsoDate, toIsoDate, wallClockOf, pad2 } from '../../src/domain/time/zoned-clock.js';
import { PLAN_SUPERVISIONS_TASK } from '../../src/jobs/supervision-tasks.js';
import { fillAll, requestIdOf, type Section } from '../request/support.js';
import { waitFor } from './support.js';

// "Now" for the app: 10:00 London, three working days ago, so reminders due "now" are already due for the job
// runner (which goes by the database's clock) and ones due weeks ahead are not.
const config = loadConfig({ APP_ENV: 'test' });
const T = previousWorkingDayAt(new Date(), 10, workingCalendarFor(config, new Date()), { workingDaysBack: 3 });
const clock = new ManualClock(T);
const dateOf = (instant: Date) => toIsoDate(localDateOf(instant, LONDON_TIME_ZONE));
const daysFrom = (iso: string, days: number) => toIsoDate(addLocalDays(parseIsoDate(iso), days));
const TODAY = dateOf(T);

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock });
  // Proactive cards need a conversation reference: each person has opened the bot once.
  for (const u of [socialWorker, hubManager, leadPractitioner, plymouthHubManager, plymouthPractitioner, targetedSupportManager, targetedSupportPractitioner, targetedSupportPractitionerB]) {
    await bot.say(u, 'hi');
  }
});
afterAll(async () => { await bot.stop(); });

const press = (user: DemoUser, data: Record<string, unknown>, inputs: Record<string, unknown> = {}) => bot.submit(user, data, inputs).then(onlyCard);
const cardOf = (call: { body: Record<string, unknown> }) => ((call.body.attachments as { content: Card }[])[0]!).content;

/** The card delivered to this person through the fake Bot Connector whose text has all of `words`. */
function deliveredTo(user: DemoUser, ...words: string[]) {
  return waitFor(`"${words.join('", "')}" delivered to ${user.name}`, () => bot.connector.delivered.find((c) => {
    if (c.conversationId !== `a:personal-${user.aadObjectId}`) return false;
    const text = textOf(cardOf(c));
    return words.every((w) => text.includes(w));
  }), 60_000);
}

const reminders = async (cause: string, causeId: string) =>
  (await bot.db.query<{ recipient: string; template: string; status: string; due_at: Date; job_key: string }>(
    `SELECT recipient, template, status, due_at, job_key FROM reminders WHERE cause = $1 AND cause_id = $2 ORDER BY escalation, id`, [cause, causeId])).rows;
const jobExists = async (jobKey: string) => ((await bot.db.query(`SELECT 1 FROM graphile_worker.jobs WHERE key = $1`, [`reminder:${jobKey}`])).rowCount ?? 0) > 0;

/** Files a complete request as the social worker, for a chosen service if given, dated by the app's clock. */
async function fileFor(caseRef: string, overrides: Partial<Record<Section, Record<string, string>>>, serviceId?: string): Promise<string> {
  const draft = await press(socialWorker, { verb: 'request.start', fresh: true, requestKey: randomUUID(), ...(serviceId ? { serviceId } : {}) });
  const requestId = requestIdOf(draft);
  const today = dateOf(clock.now());
  const review = await fillAll(bot, socialWorker, requestId, {
    ...overrides,
    family: { caseRef, 'children.0.dob': toIsoDate(addLocalMonths(parseIsoDate(today), -12 * 14)), ...overrides.family },
    consent: { consentDate: today, ...overrides.consent },
  });
  const submitted = await press(socialWorker, action(review, /^Submit to /).data!);
  expect(textOf(submitted)).toContain('Request submitted');
  return requestId;
}

describe('return home interview after a missing episode (Plymouth Targeted Support)', () => {
  let requestId: string;

  beforeAll(async () => {
    clock.set(new Date());
    requestId = await fileFor('TS-RHI-01', { address: { postcode: 'PL1 1AA', town: 'Plymouth' }, work: { intervention: 'Return home interview and missing support' } }, 'plymouth-targeted-support');
    await press(targetedSupportManager, { verb: 'request.allocate', requestId }, { practitioner: targetedSupportPractitioner.aadObjectId });
  });

  it('recording the episode reminds the practitioner at once and schedules the manager for the 72-hour deadline; the interview resolves both', async () => {
    clock.set(new Date());
    const found = new Date(clock.now().getTime() - 60 * 60_000);
    const wall = wallClockOf(found, LONDON_TIME_ZONE);
    const details = await press(targetedSupportPractitioner, { verb: 'request.view', requestId });
    const form = await press(targetedSupportPractitioner, action(details, 'Record a missing episode').data!);
    const future = await press(targetedSupportPractitioner, action(form, 'Record missing episode').data!, { foundDate: dateOf(clock.now()), foundTime: '23:59' });
    if (wall.hour < 23) expect(textOf(future)).toContain("can't be in the future");
    const badTime = await press(targetedSupportPractitioner, action(form, 'Record missing episode').data!, { foundDate: dateOf(found), foundTime: 'teatime' });
    expect(textOf(badTime)).toContain('Enter the time they were found');
    expect(inputsOf(badTime).foundTime).toBe('teatime');

    const inputs = { foundDate: toIsoDate(wall), foundTime: `${pad2(wall.hour)}:${pad2(wall.minute)}` };
    const recorded = await press(targetedSupportPractitioner, action(form, 'Record missing episode').data!, inputs);
    expect(textOf(recorded)).toContain('Missing episode recorded');
    // The same card pressed again (a double click): one episode.
    expect(textOf(await press(targetedSupportPractitioner, action(form, 'Record missing episode').data!, inputs))).toContain('Already recorded');
    const episodes = await bot.db.query<{ id: string; found_at: Date }>(`SELECT id, found_at FROM missing_episodes WHERE request_id = $1`, [requestId]);
    expect(episodes.rows).toHaveLength(1);
    const episode = episodes.rows[0]!;
    const deadline = new Date(episode.found_at.getTime() + 72 * 3_600_000);

    const [toPractitioner, toManager] = await reminders('return-home-interview', episode.id);
    expect(toPractitioner).toMatchObject({ recipient: `user=${targetedSupportPractitioner.aadObjectId}`, template: 'return-home-interview-due' });
    expect(toManager).toMatchObject({ recipient: 'hub-manager=plymouth-targeted-support', template: 'return-home-interview-escalation', status: 'pending' });
    expect(toManager!.due_at.toISOString()).toBe(deadline.toISOString());
    expect(await jobExists(toManager!.job_key)).toBe(true);

    const call = await deliveredTo(targetedSupportPractitioner, 'Return home interview due', 'TS-RHI-01', 'within 72 hours');
    const card = cardOf(call);
    const done = await press(targetedSupportPractitioner, action(card, /^Record: Interview completed/).data!, { outcomeDate: dateOf(clock.now()) });
    expect(textOf(done)).toContain('Recorded');

    const held = await bot.db.query(`SELECT to_char(interview_held_on, 'YYYY-MM-DD') AS held FROM missing_episodes WHERE id = $1`, [episode.id]);
    expect(held.rows[0].held).toBe(dateOf(clock.now()));
    expect((await reminders('return-home-interview', episode.id)).map((r) => r.status)).toEqual(['resolved', 'resolved']);
    expect(await jobExists(toManager!.job_key)).toBe(false);
    const after = await press(targetedSupportPractitioner, { verb: 'request.view', requestId });
    expect(textOf(after)).toContain('Return home interview held');
  });

  it('an interview not recorded by the deadline goes to the manager', async () => {
    clock.set(new Date());
    const found = new Date(clock.now().getTime() - 80 * 3_600_000);
    const wall = wallClockOf(found, LONDON_TIME_ZONE);
    const recorded = await press(targetedSupportManager, { verb: 'case.missing.record', requestId, episodeKey: randomUUID() }, { foundDate: toIsoDate(wall), foundTime: `${pad2(wall.hour)}:${pad2(wall.minute)}` });
    expect(textOf(recorded)).toContain('Missing episode recorded');
    await deliveredTo(targetedSupportManager, 'Return home interview overdue', 'TS-RHI-01');
    await deliveredTo(targetedSupportPractitioner, 'Return home interview due', 'TS-RHI-01');

    // Recording it from the case stops the reminders too.
    const details = await press(targetedSupportPractitioner, { verb: 'request.view', requestId });
    const form = await press(targetedSupportPractitioner, action(details, /^Record return home interview/).data!);
    const before = await press(targetedSupportPractitioner, action(form, 'Record interview').data!, { heldOn: daysFrom(dateOf(found), -1) });
    expect(textOf(before)).toContain("can't be before the young person was found");
    const shown = await press(targetedSupportPractitioner, action(form, 'Record interview').data!, { heldOn: dateOf(clock.now()) });
    expect(textOf(shown)).not.toMatch(/Record return home interview/);
    const open = await bot.db.query(`SELECT count(*)::int AS n FROM reminders WHERE cause = 'return-home-interview' AND status IN ('pending', 'snoozed', 'sent')`);
    expect(open.rows[0].n).toBe(0);
  });

  it('is refused on a case whose service does no return home interviews, and to someone outside the team', async () => {
    clock.set(new Date());
    const barnet = await fileFor('LB-RHI-02', {});
    await press(hubManager, { verb: 'request.allocate', requestId: barnet }, { practitioner: leadPractitioner.aadObjectId });
    const refused = await press(leadPractitioner, { verb: 'case.missing.record', requestId: barnet, episodeKey: randomUUID() }, { foundDate: dateOf(clock.now()), foundTime: '00:01' });
    expect(textOf(refused)).toContain('does not carry out return home interviews');
    const stranger = await press(leadPractitioner, { verb: 'case.missing.record', requestId, episodeKey: randomUUID() }, { foundDate: dateOf(clock.now()), foundTime: '00:01' });
    expect(textOf(stranger)).toContain("You don't have access to this request");
  });
});

describe('staff supervision at least every 2 months (Plymouth hubs)', () => {
  it('the first reminder asks managers to record the last supervision; Done records it and schedules the next', async () => {
    clock.set(T);
    await bot.app.jobs.add(PLAN_SUPERVISIONS_TASK, {}, { jobKey: PLAN_SUPERVISIONS_TASK });
    await waitFor('first supervision reminders planned', async () => (await reminders('staff-supervision', targetedSupportPractitioner.aadObjectId)).length > 0);
    // Every Plymouth practitioner, none from a service without a supervision timescale.
    const planned = await bot.db.query<{ cause_id: string }>(`SELECT DISTINCT cause_id FROM reminders WHERE cause = 'staff-supervision' ORDER BY cause_id`);
    expect(planned.rows.map((r) => r.cause_id)).toEqual([plymouthPractitioner, targetedSupportPractitioner, targetedSupportPractitionerB].map((u) => u.aadObjectId).sort());

    const call = await deliveredTo(targetedSupportManager, 'No supervision recorded yet', `No supervision is recorded for ${targetedSupportPractitioner.name}.`);
    const lastHeld = daysFrom(TODAY, -7);
    const done = await press(targetedSupportManager, action(cardOf(call), /^Record: Supervision recorded/).data!, { outcomeDate: lastHeld });
    expect(textOf(done)).toContain('Recorded');
    const next = (await reminders('staff-supervision', targetedSupportPractitioner.aadObjectId)).filter((r) => r.status === 'pending');
    const dueOn = toIsoDate(addLocalMonths(parseIsoDate(lastHeld), 2));
    expect(next.map((r) => r.template)).toEqual(['supervision-due', 'supervision-overdue', 'supervision-overdue-practitioner']);
    // Overdue from the working morning after the due date.
    expect(dateOf(next[1]!.due_at) > dueOn).toBe(true);
    const overview = await bot.say(targetedSupportManager, 'supervision').then(onlyCard);
    expect(textOf(overview)).toContain('Demo Targeted Support Practitioner');
    expect(textOf(overview)).toMatch(/Last held .* · next due by/);
  });

  it('an overdue supervision escalates to the managers and tells the practitioner; recording one resolves it', async () => {
    clock.set(T);
    const overview = await bot.say(targetedSupportManager, 'supervision').then(onlyCard);
    const form = await press(targetedSupportManager, action(overview, 'Record supervision').data!, {});
    const submit = action(form, 'Record supervision').data!;
    const longAgo = toIsoDate(addLocalMonths(parseIsoDate(TODAY), -3));
    const tooLong = await press(targetedSupportManager, submit, { practitioner: targetedSupportPractitionerB.aadObjectId, heldOn: longAgo, every: '3-months' });
    expect(textOf(tooLong)).toContain('The next supervision must be due within 2 months');
    const old = await press(targetedSupportManager, submit, { practitioner: targetedSupportPractitionerB.aadObjectId, heldOn: longAgo, every: '2-months' });
    expect(textOf(old)).toContain('Supervision recorded');
    await deliveredTo(targetedSupportManager, 'Staff supervision overdue', targetedSupportPractitionerB.name);
    await deliveredTo(targetedSupportPractitionerB, 'Your supervision is overdue');

    const current = await press(targetedSupportManager, { ...submit, supervisionKey: randomUUID() }, { practitioner: targetedSupportPractitionerB.aadObjectId, heldOn: TODAY, every: '6-weeks' });
    expect(textOf(current)).toContain('Supervision recorded');
    const open = (await reminders('staff-supervision', targetedSupportPractitionerB.aadObjectId)).filter((r) => r.status !== 'resolved');
    expect(open.every((r) => r.status === 'pending')).toBe(true);
    expect(open[0]!.template).toBe('supervision-due');
    expect(dateOf(open[1]!.due_at) > toIsoDate(addLocalDays(parseIsoDate(TODAY), 42))).toBe(true);
  });

  it('is for managers of hubs whose service tracks supervision', async () => {
    expect(textOf(await bot.say(targetedSupportPractitioner, 'supervision').then(onlyCard))).toContain('recorded by hub team managers');
    expect(textOf(await bot.say(hubManager, 'supervision').then(onlyCard))).toContain('sets no supervision timescale');
  });
});

describe('parenting sessions: a review after 6, then up to a further 6 weeks (Barnet)', () => {
  it('prompts the review after session 6, counts nothing more until it, and stops at the end of the further period', async () => {
    const t0 = new Date(T.getTime() - 100 * 86_400_000);
    clock.set(t0);
    const requestId = await fileFor('LB-PAR-01', { work: { intervention: 'Parenting group programme' } });
    await press(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    await press(leadPractitioner, { verb: 'request.begin', requestId }, { startDate: dateOf(t0) });
    clock.set(T);

    const session = async (heldOn: string) => {
      const details = await press(leadPractitioner, { verb: 'request.view', requestId });
      const form = await press(leadPractitioner, action(details, 'Record a parenting session').data!);
      return press(leadPractitioner, action(form, 'Record session').data!, { heldOn });
    };
    for (let i = 0; i < 6; i += 1) expect(textOf(await session(daysFrom(TODAY, -90 + 7 * i)))).toContain(`Session ${i + 1} recorded`);
    await deliveredTo(leadPractitioner, 'Parenting sessions: review due', 'LB-PAR-01');
    const [, managerCopy] = await reminders('parenting-sessions', requestId);
    expect(managerCopy).toMatchObject({ recipient: 'hub-manager=barnet-north', template: 'parenting-review-overdue', status: 'pending' });

    // No seventh session before the review: the button is gone, and the verb refuses.
    const details = await press(leadPractitioner, { verb: 'request.view', requestId });
    expect(textOf(details)).toContain('6 held (6 then a review, then up to a further 6 weeks if the review agrees)');
    expect(() => action(details, 'Record a parenting session')).toThrow();
    const seventh = await press(leadPractitioner, { verb: 'case.parenting.session.record', requestId, sessionKey: randomUUID() }, { heldOn: daysFrom(TODAY, -50) });
    expect(textOf(seventh)).toContain('hold the review and record it before any more sessions');

    const reviewForm = await press(leadPractitioner, action(details, 'Record the parenting review').data!);
    expect(textOf(reviewForm)).toContain('up to a further 6 weeks');
    const noReason = await press(leadPractitioner, action(reviewForm, 'Record review').data!, { heldOn: daysFrom(TODAY, -50), outcome: 'extend', reason: '' });
    expect(textOf(noReason)).toContain('Say what makes the issues complex enough for up to a further 6 weeks');
    const reviewed = await press(leadPractitioner, action(reviewForm, 'Record review').data!, { heldOn: daysFrom(TODAY, -50), outcome: 'extend', reason: 'A parent has a learning difficulty and needs more time.' });
    const extendedUntil = daysFrom(TODAY, -8);
    expect(textOf(reviewed)).toContain('Parenting review');
    expect((await reminders('parenting-sessions', requestId)).filter((r) => r.template.startsWith('parenting-review')).every((r) => r.status === 'resolved')).toBe(true);
    expect(await jobExists(managerCopy!.job_key)).toBe(false);

    // The further period ended eight days ago: the practitioner and then the manager are told.
    await deliveredTo(leadPractitioner, 'Parenting work: further period ends', 'LB-PAR-01');
    await deliveredTo(hubManager, 'Parenting work past its further period', 'LB-PAR-01');

    expect(textOf(await session(daysFrom(extendedUntil, -10)))).toContain('Session 7 recorded');
    const late = await press(leadPractitioner, { verb: 'case.parenting.session.record', requestId, sessionKey: randomUUID() }, { heldOn: daysFrom(extendedUntil, 2) });
    expect(textOf(late)).toContain('so this session is past the limit');
    const count = await bot.db.query(`SELECT count(*)::int AS n FROM parenting_sessions WHERE request_id = $1`, [requestId]);
    expect(count.rows[0].n).toBe(7);

    // Closing the case stops its parenting reminders.
    await press(leadPractitioner, { verb: 'request.close', requestId }, { outcome: 'needs-met', note: '' });
    const open = await bot.db.query(`SELECT count(*)::int AS n FROM reminders WHERE cause = 'parenting-sessions' AND cause_id = $1 AND status IN ('pending', 'snoozed')`, [requestId]);
    expect(open.rows[0].n).toBe(0);
  });

  it('does not count sessions on work that is not a parenting programme', async () => {
    clock.set(T);
    const requestId = await fileFor('LB-PAR-02', { work: { intervention: 'Family support work' } });
    await press(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    const details = await press(leadPractitioner, { verb: 'request.view', requestId });
    expect(() => action(details, 'Record a parenting session')).toThrow();
    const refused = await press(leadPractitioner, { verb: 'case.parenting.session.record', requestId, sessionKey: randomUUID() }, { heldOn: TODAY });
    expect(textOf(refused)).toContain('is not a parenting programme');
  });
});
