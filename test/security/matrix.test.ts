// Role × hub × action: every card action (and privileged command) of every
// feature, taken by every role from every hub. Only the allowed cells get
// through; every refusal is a polite card and an audit row with outcome
// 'refused'; a refused action changes nothing. Records are made in Barnet
// North by a DAT A social worker, so "the other hub" and "the other team" are
// always represented. Add an action: add a scenario.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, inputsOf, actionsOf, action, type Card } from '../support/harness.js';
import { admin, datManager, gradeIPractitioner, hubManager, leadPractitioner, socialWorker, socialWorkerB, southHubManager, southPractitioner, targetedSupportManager, targetedSupportPractitioner, type DemoUser } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { press, startCheck } from '../check/walk.js';
import { fileRequest, fillAll, startBlank, MON_2_MAR_2099_1000 } from '../request/support.js';
import { book, bookingId, fill, setDutyWeek, setHubWeek } from '../booking/helpers.js';
import { PEOPLE, allVerbs, runScenario, violations, type Cell, type Scenario } from './matrix-harness.js';
import { insertRow, seedCase } from './seed.js';

const clock = new ManualClock(new Date('2027-03-08T09:00:00Z'));
let bot: TestBot;
const cells: Cell[] = [];

beforeAll(async () => { bot = await TestBot.start({ clock }); });
afterAll(async () => {
  await bot?.stop();
  const denied = cells.filter((c) => c.expected === 'deny').length;
  console.info(`matrix: ${cells.length} cells over ${new Set(cells.map((c) => c.verb)).size} actions × ${PEOPLE.length} people; ${cells.length - denied} allowed, ${denied} refused`);
});

const run = async (scenarios: Scenario<never>[]) => {
  const found: Cell[] = [];
  for (const s of scenarios) found.push(...(await runScenario(bot, s)));
  cells.push(...found);
  return found;
};
const scenario = <R>(s: Scenario<R>) => s as unknown as Scenario<never>;
const verbData = (card: Card, verb: string) => {
  const a = actionsOf(card).find((x) => x.data?.verb === verb);
  if (!a) throw new Error(`no ${verb} on card: ${actionsOf(card).map((x) => String(x.data?.verb)).join(', ')}`);
  return a.data!;
};

// ---------------------------------------------------------------- threshold checks
type CheckStep = 'involvement' | 'family' | 'needs' | 'context' | 'result';
const WALK: [CheckStep, string, Record<string, string>][] = [
  ['family', 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' }],
  ['needs', 'Continue', { children: '4', multipleBirth: 'false', postcode: '', caseRef: 'LCS-MX-1' }],
  ['context', 'Continue', { 'need.pc.routines-boundaries': 'true', note: '' }],
  ['result', 'See the result', { informationSharingDiscussed: 'true', teamAroundFamily: 'none' }],
];

async function checkAt(step: CheckStep, owner: DemoUser = socialWorker): Promise<{ id: string; card: Card }> {
  const safety = await startCheck(bot, owner);
  let card = await press(bot, owner, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
  for (const [next, button, inputs] of WALK) {
    if (step === 'involvement' || WALK.findIndex(([s]) => s === step) < WALK.findIndex(([s]) => s === next)) break;
    card = await press(bot, owner, card, button, inputs);
  }
  const id = String(actionsOf(card).find((a) => typeof a.data?.checkId === 'string')?.data?.checkId);
  return { id, card };
}
const checkState = async (r: { id: string }) => (await bot.db.query('SELECT status, step, version, answers, override_level FROM checks WHERE id = $1', [r.id])).rows[0];
const onCheck = (verb: string, step: CheckStep, inputs: Record<string, string> = {}) => scenario({
  feature: 'check', verb, allowed: [socialWorker], setup: () => checkAt(step), state: checkState,
  act: (user: DemoUser, r: { card: Card }) => bot.submit(user, verbData(r.card, verb), { ...inputsOf(r.card), ...inputs }),
});

describe('threshold check actions', () => {
  it('only the check\'s owner may act on it', async () => {
    const found = await run([
      onCheck('check.involvement', 'involvement', { existingInvolvement: 'none', allocatedWorker: 'false' }),
      onCheck('check.family', 'family', { children: '4', caseRef: 'LCS-MX-1' }),
      onCheck('check.needs', 'needs', { 'need.cd.behaviour': 'true' }),
      onCheck('check.context', 'context', { informationSharingDiscussed: 'true', teamAroundFamily: 'none' }),
      onCheck('check.back', 'needs'),
      onCheck('check.cancel', 'family'),
      onCheck('check.edit', 'result'),
      onCheck('check.override', 'result', { overrideLevel: '3', overrideReason: 'Escalating concerns reported' }),
      scenario({
        feature: 'check', verb: 'check.resume', allowed: [socialWorker], setup: () => checkAt('needs'), state: checkState,
        act: (user: DemoUser, r: { id: string }) => bot.submit(user, { verb: 'check.resume', checkId: r.id }),
      }),
      onCheck('check.describe', 'needs', { description: 'mum drinks heavily and there is no routine' }),
      scenario({
        feature: 'check', verb: 'check.describeRisk', allowed: [socialWorker], state: checkState,
        setup: async () => {
          const r = await checkAt('needs');
          return { id: r.id, card: await press(bot, socialWorker, r.card, 'Tick needs from my words', { description: 'the toddler was left alone overnight' }) };
        },
        act: (user: DemoUser, r: { card: Card }) => bot.submit(user, verbData(r.card, 'check.describeRisk'), { immediateRisk: 'no' }),
      }),
    ]);
    expect(violations(found)).toEqual([]);
  });
});

// ---------------------------------------------------------------- privacy tools
describe('privacy tools', () => {
  it('only an administrator may export, erase or read a case\'s audit trail', async () => {
    const seeded = async () => {
      const caseRef = `LCS-MX-${randomUUID().slice(0, 8)}`;
      await seedCase(bot.db, caseRef, clock.now());
      return caseRef;
    };
    const held = async (caseRef: string) => (await bot.db.query('SELECT (SELECT count(*) FROM requests WHERE case_ref = $1) + (SELECT count(*) FROM bookings WHERE case_ref = $1) AS n', [caseRef])).rows[0].n;
    const found = await run([
      scenario({ feature: 'privacy', verb: 'privacy.erase', allowed: [admin], setup: seeded, state: held, act: (u: DemoUser, ref: string) => bot.submit(u, { verb: 'privacy.erase', caseRef: ref }, { confirm: ref }) }),
      scenario({ feature: 'privacy', verb: '"export case …"', allowed: [admin], setup: seeded, state: held, act: (u: DemoUser, ref: string) => bot.say(u, `export case ${ref}`) }),
      scenario({ feature: 'privacy', verb: '"audit case …"', allowed: [admin], setup: seeded, state: held, act: (u: DemoUser, ref: string) => bot.say(u, `audit case ${ref}`) }),
      scenario({ feature: 'privacy', verb: '"erase case …"', allowed: [admin], setup: seeded, state: held, act: (u: DemoUser, ref: string) => bot.say(u, `erase case ${ref}`) }),
    ]);
    expect(violations(found)).toEqual([]);
  });
});

// ---------------------------------------------------------------- 0–19 requests
describe('0–19 request actions', () => {
  beforeAll(() => clock.set(MON_2_MAR_2099_1000));
  let n = 0;
  const submitted = async () => (await fileRequest(bot, socialWorker, { family: { caseRef: `LCS-MX-R${++n}` } })).requestId;
  const allocated = async () => {
    const id = await submitted();
    await bot.submit(hubManager, { verb: 'request.allocate', requestId: id }, { practitioner: leadPractitioner.aadObjectId });
    return id;
  };
  const started = async () => {
    const id = await allocated();
    await bot.submit(leadPractitioner, { verb: 'request.begin', requestId: id }, { startDate: '2099-03-02' });
    return id;
  };
  const inReview = async () => {
    const id = await started();
    await bot.submit(leadPractitioner, { verb: 'request.review.open', requestId: id });
    return id;
  };
  const steppedDown = async () => {
    const id = await started();
    await bot.submit(leadPractitioner, { verb: 'request.close', requestId: id }, { outcome: 'stepped-down-eha', note: '' });
    return id;
  };
  const draft = async () => (await startBlank(bot, socialWorker)).requestId;
  const requestState = async (id: string) => (await bot.db.query('SELECT status, allocated_to, step, form, updated_at FROM requests WHERE id = $1', [id])).rows[0] ?? 'gone';
  const on = (verb: string, setup: () => Promise<string>, allowed: DemoUser[], inputs: Record<string, string> = {}) => scenario({
    feature: 'request', verb, allowed, setup, state: requestState,
    act: (user: DemoUser, requestId: string) => bot.submit(user, { verb, requestId }, inputs),
  });
  const hubMembers = [leadPractitioner, gradeIPractitioner, PEOPLE.find((p) => p.label.startsWith('practitioner G'))!.who, hubManager];
  const delivery = [leadPractitioner, hubManager];

  it('follows who the request belongs to: referrer, its hub, its allocated practitioner', async () => {
    const found = await run([
      on('request.view', submitted, [socialWorker, ...hubMembers]),
      on('request.allocate.show', submitted, [hubManager]),
      on('request.allocate', submitted, [hubManager], { practitioner: leadPractitioner.aadObjectId }),
      on('request.decline.show', submitted, [hubManager]),
      on('request.decline', submitted, [hubManager], { reason: 'No capacity this month', alternatives: 'Home-Start or the family hub' }),
      on('request.begin.show', allocated, delivery),
      on('request.begin', allocated, delivery, { startDate: '2099-03-02' }),
      on('request.tasks.show', allocated, delivery),
      on('request.tasks', allocated, delivery, { ccRegistration: 'registered', partnerInvolvement: 'confirmed' }),
      on('request.review.open', started, delivery),
      on('request.review.done', inReview, delivery),
      on('request.close.show', started, delivery),
      on('request.close', started, delivery, { outcome: 'other', note: 'Moved out of area' }),
      on('request.withdraw.show', submitted, [socialWorker, hubManager]),
      on('request.withdraw', submitted, [socialWorker, hubManager], { reason: 'other', note: 'Family withdrew consent' }),
      // Issue 12: the case card (union of the records' rules) and step-down continuity.
      on('case.open', submitted, [socialWorker, ...hubMembers]),
      on('case.continue', steppedDown, delivery, { continueKey: randomUUID() }),
    ]);
    expect(violations(found)).toEqual([]);
  });

  it('lets the practitioner or the hub manager record the family\'s feedback at a review, nobody else', async () => {
    const feedbackHeld = async (id: string) => (await bot.db.query('SELECT count(*)::int AS n FROM family_feedback WHERE request_id = $1', [id])).rows[0].n;
    const found = await run([
      on('feedback.show', inReview, delivery),
      scenario({
        feature: 'request', verb: 'feedback.save', allowed: delivery, setup: inReview, state: feedbackHeld,
        act: (u: DemoUser, requestId: string) => bot.submit(u, { verb: 'feedback.save', requestId, feedbackKey: randomUUID() }, { givenBy: 'parent', listened: '4', helped: '4', easyToReach: '4', comment: '' }),
      }),
    ]);
    expect(violations(found)).toEqual([]);
  });

  it('keeps a draft to its referrer alone', async () => {
    const found = await run([
      on('request.resume', draft, [socialWorker]),
      scenario({
        feature: 'request', verb: 'request.section.edit', allowed: [socialWorker], setup: draft, state: requestState,
        act: (u: DemoUser, requestId: string) => bot.submit(u, { verb: 'request.section.edit', requestId, section: 'address' }),
      }),
      scenario({
        feature: 'request', verb: 'request.section.save', allowed: [socialWorker], setup: draft, state: requestState,
        act: (u: DemoUser, requestId: string) => bot.submit(u, { verb: 'request.section.save', requestId, section: 'family', nav: 'save' }, { caseRef: 'LCS-MX-9' }),
      }),
      on('request.form.review', draft, [socialWorker]),
      scenario({
        feature: 'request', verb: 'request.submit', allowed: [socialWorker], setup: draft, state: requestState,
        act: (u: DemoUser, requestId: string) => bot.submit(u, { verb: 'request.submit', requestId, key: randomUUID(), requestKey: randomUUID() }),
      }),
      on('request.discard', draft, [socialWorker]),
      scenario({
        feature: 'request', verb: 'request.start (from a check named in the card)', allowed: [socialWorker], setup: async () => (await checkAt('result')).id,
        act: (u: DemoUser, checkId: string) => bot.submit(u, { verb: 'request.start', checkId, key: randomUUID() }),
      }),
    ]);
    expect(violations(found)).toEqual([]);
  });

  it('shows the hub queue to hub managers only (their own hub)', async () => {
    const found = await run([scenario({ feature: 'request', verb: '"hub queue"', allowed: [hubManager, southHubManager], setup: async () => null, act: (u: DemoUser) => bot.say(u, 'hub queue') })]);
    expect(violations(found)).toEqual([]);
  });
});

// ---------------------------------------------------------------- case records and supervision
describe('what is recorded on a case, and staff supervision', () => {
  beforeAll(() => clock.set(MON_2_MAR_2099_1000));
  let n = 0;
  const parentingCase = async () => {
    const { requestId } = await fileRequest(bot, socialWorker, { family: { caseRef: `LCS-MX-P${++n}` }, work: { intervention: 'Parenting group programme' } });
    await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    await bot.submit(leadPractitioner, { verb: 'request.begin', requestId }, { startDate: '2099-03-02' });
    return requestId;
  };
  // A Targeted Support case: its team is outside the matrix's people, so every one of them is refused.
  const targetedCase = async () => {
    const draft = onlyCard(await bot.submit(socialWorker, { verb: 'request.start', fresh: true, requestKey: randomUUID(), serviceId: 'plymouth-targeted-support' }));
    const requestId = String(actionsOf(draft).find((a) => typeof a.data?.requestId === 'string')?.data?.requestId);
    await fillAll(bot, socialWorker, requestId, { family: { caseRef: `TS-MX-${++n}` }, address: { postcode: 'PL1 1AA', town: 'Plymouth' }, work: { intervention: 'Return home interview and missing support' } });
    await bot.submit(socialWorker, { verb: 'request.submit', requestId, requestKey: (await bot.db.query('SELECT idempotency_key FROM requests WHERE id = $1', [requestId])).rows[0].idempotency_key });
    await bot.submit(targetedSupportManager, { verb: 'request.allocate', requestId }, { practitioner: targetedSupportPractitioner.aadObjectId });
    return requestId;
  };
  const episodeOn = async () => {
    const requestId = await targetedCase();
    await bot.submit(targetedSupportPractitioner, { verb: 'case.missing.record', requestId, episodeKey: randomUUID() }, { foundDate: '2099-03-01', foundTime: '18:00' });
    return String((await bot.db.query('SELECT id FROM missing_episodes WHERE request_id = $1', [requestId])).rows[0].id);
  };
  const records = async (id: string) => (await bot.db.query(
    `SELECT (SELECT count(*) FROM parenting_sessions WHERE request_id::text = $1) AS sessions, (SELECT count(*) FROM parenting_reviews WHERE request_id::text = $1) AS reviews,
            (SELECT count(*) FROM missing_episodes WHERE request_id::text = $1 OR id::text = $1) AS episodes,
            (SELECT count(*) FROM missing_episodes WHERE (request_id::text = $1 OR id::text = $1) AND interview_held_on IS NOT NULL) AS interviews`, [id])).rows[0];
  const onCase = (verb: string, setup: () => Promise<string>, allowed: DemoUser[], key: 'requestId' | 'episodeId', inputs: () => Record<string, string> = () => ({})) => scenario({
    feature: 'case records', verb, allowed, setup, state: records,
    act: (user: DemoUser, id: string) => bot.submit(user, { verb, [key]: id }, inputs()),
  });
  const delivery = [leadPractitioner, hubManager];

  it('lets only the allocated practitioner and the hub manager record parenting sessions and the review', async () => {
    const found = await run([
      onCase('case.parenting.session.show', parentingCase, delivery, 'requestId'),
      onCase('case.parenting.session.record', parentingCase, delivery, 'requestId', () => ({ sessionKey: randomUUID(), heldOn: '2099-03-02' })),
      onCase('case.parenting.review.show', parentingCase, delivery, 'requestId'),
      onCase('case.parenting.review.record', parentingCase, delivery, 'requestId', () => ({ heldOn: '2099-03-02', outcome: 'end', reason: '' })),
    ]);
    expect(violations(found)).toEqual([]);
  });

  it('keeps missing episodes and return home interviews to the Targeted Support team', async () => {
    const found = await run([
      onCase('case.missing.show', targetedCase, [], 'requestId'),
      onCase('case.missing.record', targetedCase, [], 'requestId', () => ({ episodeKey: randomUUID(), foundDate: '2099-03-01', foundTime: '18:00' })),
      onCase('case.rhi.show', episodeOn, [], 'episodeId'),
      onCase('case.rhi.record', episodeOn, [], 'episodeId', () => ({ heldOn: '2099-03-02' })),
    ]);
    expect(violations(found)).toEqual([]);
  });

  it('lets only hub managers use supervision (the matrix\'s Barnet managers are told it is not tracked there)', async () => {
    const managers = [hubManager, southHubManager];
    const found = await run([
      scenario({ feature: 'supervision', verb: 'supervision.list', allowed: managers, setup: async () => null, act: (u: DemoUser) => bot.submit(u, { verb: 'supervision.list' }) }),
      scenario({ feature: 'supervision', verb: 'supervision.show', allowed: managers, setup: async () => null, act: (u: DemoUser) => bot.submit(u, { verb: 'supervision.show', practitioner: targetedSupportPractitioner.aadObjectId }) }),
      scenario({
        feature: 'supervision', verb: 'supervision.record', allowed: managers, setup: async () => null,
        state: async () => (await bot.db.query('SELECT count(*) FROM staff_supervisions')).rows[0],
        act: (u: DemoUser) => bot.submit(u, { verb: 'supervision.record', supervisionKey: randomUUID() }, { practitioner: targetedSupportPractitioner.aadObjectId, heldOn: '2099-03-02', every: '2-months' }),
      }),
    ]);
    expect(violations(found)).toEqual([]);
  });
});

// ---------------------------------------------------------------- OSR bookings
describe('OSR booking actions', () => {
  it('links a booking only to the booker\'s own check, whatever check the card names', async () => {
    const others = await checkAt('result', socialWorkerB);
    const own = await checkAt('result', socialWorker);
    for (const [caseRef, checkId] of [['LCSMX9001', others.id], ['LCSMX9002', own.id]]) {
      const form = onlyCard(await bot.say(socialWorker, 'book'));
      const send = action(form, 'Send booking request');
      await bot.submit(socialWorker, { ...send.data, checkId }, fill(form, { caseRef: caseRef!, date: '2027-03-18', time: caseRef === 'LCSMX9001' ? '12:00' : '13:00' }));
    }
    const linked = (await bot.db.query(`SELECT case_ref, check_id FROM bookings WHERE case_ref IN ('LCSMX9001', 'LCSMX9002') ORDER BY case_ref`)).rows;
    expect(linked).toEqual([{ case_ref: 'LCSMX9001', check_id: null }, { case_ref: 'LCSMX9002', check_id: own.id }]);
  });

  let n = 0;
  beforeAll(async () => {
    clock.set(new Date('2027-03-08T09:00:00Z')); // duty week 2027-W10
    await setDutyWeek(bot, '2027-W10');
    await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner, cap: 50 });
    clock.set(new Date('2027-03-15T08:00:00Z')); // the OSR week
  });
  // Every hour of the OSR week's working days, less the times other scenarios here use (18th 12:00 and 13:00, 19th 14:00 and 15:00).
  const FREE_SLOTS = [15, 16, 17, 18, 19].flatMap((day) => [9, 10, 11, 12, 13, 14, 15, 16].map((hour) => ({ date: `2027-03-${day}`, time: `${String(hour).padStart(2, '0')}:00` })))
    .filter((s) => !['2027-03-18 12:00', '2027-03-18 13:00', '2027-03-19 14:00', '2027-03-19 15:00'].includes(`${s.date} ${s.time}`));
  const requested = async () => {
    const i = n++;
    const caseRef = `LCSMX${1000 + i}`;
    // A time of its own: the lead responder is never booked twice at once (issue 12).
    const slot = FREE_SLOTS[i];
    if (!slot) throw new Error(`the matrix needs more than ${FREE_SLOTS.length} visit times in the OSR week`);
    await book(bot, socialWorker, { caseRef, ...slot });
    return bookingId(bot, caseRef);
  };
  const proposed = async () => {
    const id = await requested();
    await bot.submit(leadPractitioner, { verb: 'booking.propose', bookingId: id }, { proposeDate: '2027-03-19', proposeTime: '14:00' });
    return id;
  };
  const bookingState = async (id: string) => (await bot.db.query('SELECT status, assignee_aad, visit_at, counter_at, version FROM bookings WHERE id = $1', [id])).rows[0];
  const on = (verb: string, setup: () => Promise<string>, allowed: DemoUser[], inputs: Record<string, string> = {}) => scenario({
    feature: 'booking', verb, allowed, setup, state: bookingState,
    act: (user: DemoUser, bookingId: string) => bot.submit(user, { verb, bookingId }, inputs),
  });
  const responders = [leadPractitioner, gradeIPractitioner];

  it('lets the social worker, the responders and the hub manager do only their part', async () => {
    const found = await run([
      on('booking.show', requested, [socialWorker, ...responders, hubManager]),
      on('booking.accept', requested, responders),
      on('case.open', requested, [socialWorker, ...responders, hubManager]),
      on('booking.propose', requested, responders, { proposeDate: '2027-03-19', proposeTime: '15:00' }),
      on('booking.decline', requested, responders, { declineReason: 'Lead is on leave that day' }),
      on('booking.askReassign', requested, responders, { reassignReason: 'workload', reassignNote: '' }),
      on('booking.reassign', requested, [hubManager], { practitioner: gradeIPractitioner.aadObjectId }),
      on('booking.agree', proposed, [socialWorker]),
      on('booking.cancel', requested, [socialWorker, ...responders, hubManager], { cancelReason: 'No longer needed' }),
    ]);
    expect(violations(found)).toEqual([]);
  });

  it('lets hub managers set their own hub\'s week and DAT managers their own team\'s duty week', async () => {
    let week = 12;
    const hubWeekState = async (weekId: string) => (await bot.db.query('SELECT hub_id, lead_aad, cover_aad, cap_override FROM hub_weeks WHERE week_id = $1 ORDER BY hub_id', [weekId])).rows;
    const found = await run([
      scenario({
        feature: 'rota', verb: 'booking.hubWeek.set', allowed: [hubManager, southHubManager], setup: async () => `2027-W${week++}`, state: hubWeekState,
        act: (u: DemoUser, weekId: string) => bot.submit(u, { verb: 'booking.hubWeek.set' }, { weekId, lead: (u === southHubManager ? southPractitioner : leadPractitioner).aadObjectId, cover: 'none', cap: '' }),
      }),
      scenario({
        feature: 'rota', verb: 'booking.duty.set (own team)', allowed: [datManager], setup: async () => `2027-W${week++}`,
        state: async (w: string) => (await bot.db.query('SELECT dat_team_id FROM dat_duty_weeks WHERE duty_week = $1', [w])).rows,
        act: (u: DemoUser, dutyWeek: string) => bot.submit(u, { verb: 'booking.duty.set' }, { datTeamId: 'dat-barnet-a', dutyWeek }),
      }),
      scenario({ feature: 'rota', verb: 'booking.hubWeek.start', allowed: [hubManager, southHubManager], setup: async () => null, act: (u: DemoUser) => bot.submit(u, { verb: 'booking.hubWeek.start' }) }),
      scenario({ feature: 'rota', verb: 'booking.duty.start', allowed: [datManager], setup: async () => null, act: (u: DemoUser) => bot.submit(u, { verb: 'booking.duty.start' }) }),
      scenario({
        feature: 'rota', verb: 'booking.duty.set (another team, named in the card)', allowed: [], setup: async () => `2027-W${week++}`,
        state: async (w: string) => (await bot.db.query('SELECT dat_team_id FROM dat_duty_weeks WHERE duty_week = $1', [w])).rows,
        act: (u: DemoUser, dutyWeek: string) => bot.submit(u, { verb: 'booking.duty.set' }, { datTeamId: 'dat-barnet-b', dutyWeek }),
      }),
    ]);
    expect(violations(found)).toEqual([]);
  });
});

// ---------------------------------------------------------------- reminders
describe('reminder actions', () => {
  const reminderFor = (recipient: string) => async () => {
    const r = await bot.db.query<{ id: string }>(
      `INSERT INTO reminders (job_key, cause, cause_id, recipient, recipient_spec, due_at, status, case_ref, template, data)
       VALUES ($1, 'plan-review', $2, $3, '{}', $4, 'sent', 'LCS-MX-REM', 'plan-review-due', $5) RETURNING id`,
      [`mx:${randomUUID()}`, randomUUID(), recipient, clock.now(), JSON.stringify({ caseRef: 'LCS-MX-REM', planId: 'p', reviewNumber: 1, reviewDueOn: '2027-03-15' })]);
    return r.rows[0]!.id;
  };
  const reminderState = async (id: string) => (await bot.db.query('SELECT status, due_at, snooze_count FROM reminders WHERE id = $1', [id])).rows[0];
  const today = () => clock.now().toISOString().slice(0, 10);
  const on = (verb: string, recipient: string, allowed: DemoUser[], inputs: () => Record<string, string> = () => ({})) => scenario({
    feature: 'reminders', verb: `${verb} (to ${recipient.split('=')[0]})`, allowed, setup: reminderFor(recipient), state: reminderState,
    act: (user: DemoUser, reminderId: string) => bot.submit(user, { verb, reminderId, ...inputs() }),
  });

  it('lets only a reminder\'s recipients (or the managers it went to) act on it', async () => {
    const mine = `user=${leadPractitioner.aadObjectId}`;
    const managers = 'hub-manager=barnet-north';
    const found = await run([
      on('reminder.show', mine, [leadPractitioner]),
      on('reminder.open', mine, [leadPractitioner]),
      on('reminder.snooze', mine, [leadPractitioner], () => ({ period: '1d' })),
      on('reminder.done', mine, [leadPractitioner], () => ({ outcomeDate: today() })),
      on('reminder.show', managers, [hubManager]),
      on('reminder.done', managers, [hubManager], () => ({ outcomeDate: today() })),
    ]);
    expect(violations(found)).toEqual([]);
  });

  it('shows and retries undelivered notifications for administrators only', async () => {
    const dead = async () => {
      const r = await insertDead();
      return r;
    };
    const insertDead = async () => {
      await insertRow(bot.db, 'notifications', { recipient_kind: 'user', recipient_id: leadPractitioner.aadObjectId, card_template: 'notice', card_data: {}, summary: 'x', status: 'dead', attempts: 25 });
      return String((await bot.db.query('SELECT max(id) AS id FROM notifications')).rows[0].id);
    };
    const found = await run([
      scenario({ feature: 'reminders', verb: 'deadletters.list', allowed: [admin], setup: dead, act: (u: DemoUser) => bot.submit(u, { verb: 'deadletters.list' }) }),
      scenario({
        feature: 'reminders', verb: 'deadletters.retry', allowed: [admin], setup: dead,
        state: async (id: string) => (await bot.db.query('SELECT status FROM notifications WHERE id = $1', [id])).rows[0],
        act: (u: DemoUser, notificationId: string) => bot.submit(u, { verb: 'deadletters.retry', notificationId }),
      }),
    ]);
    expect(violations(found)).toEqual([]);
  });
});

// ---------------------------------------------------------------- reports (issue 15)
describe('reports', () => {
  const managers = [hubManager, southHubManager, datManager, admin];
  const nothing = async () => '';
  it('shows reports and their case lists to hub managers, DAT managers and administrators only', async () => {
    const found = await run([
      scenario({ feature: 'reports', verb: 'report.show', allowed: managers, setup: nothing, act: (u: DemoUser) => bot.submit(u, { verb: 'report.show' }, { period: '4w', from: '', to: '' }) }),
      scenario({ feature: 'reports', verb: '"report"', allowed: managers, setup: nothing, act: (u: DemoUser) => bot.say(u, 'report') }),
      scenario({
        feature: 'reports', verb: 'report.drill', allowed: managers, setup: nothing,
        act: (u: DemoUser) => bot.submit(u, { verb: 'report.drill', measure: 'declined', shownPeriod: '4w', shownFrom: '', shownTo: '' }),
      }),
    ]);
    expect(violations(found)).toEqual([]);
  });
});

/**
 * Verbs that act only on the sender's own things or on nothing (lists, forms
 * for a new record, help): there is no one else's record to reach, so every
 * role may use them. Anything else must be in a scenario above.
 */
const OWN_OR_NONE: Record<string, string> = {
  'check.start': 'starts a new check of your own', 'check.safety': 'first answer of a new check of your own', 'check.list': 'your own checks',
  'understand.start': 'first answer of a new check of your own, pre-filled from your own words',
  'request.mine': 'your own requests', 'booking.mine': 'your own bookings', 'booking.rota': 'the rota: hub names, weeks and places, no family data',
  'reminders.list': 'your own reminders', 'help.show': 'help', 'menu.show': 'welcome card', 'privacy.erase.cancel': 'changes nothing',
  'booking.start': 'the booking form (booking itself is social workers only, in their OSR week)', 'booking.suggestHub': 'the booking form again with a hub suggested',
  'booking.submit': 'creates a booking of your own: social workers only, in their OSR week (tested in test/booking)',
  'request.start': 'a new draft of your own (from a check: scenario above)',
  // The report's drill-down offers "Open the case"; the cases feature (issue 12) answers it and brings its scenario. Remove this line when it does.
  'case.open': 'answered by the cases feature, which authorises and tests it',
  'request.queue': 'the hub queue button: the same as typing "hub queue" (hub managers only, tested in test/request/hub.test.ts and test/cards/menus.test.ts)',
  'request.card': 'Back from the allocate or decline form: redraws the no-names hub card for a hub manager of the request (tested in test/cards/record-cards.test.ts)',
  'card.refresh': 'redraws a card only in a conversation that was sent it, and changes nothing (tested in test/cards/record-cards.test.ts)',
};

describe('the matrix itself', () => {
  it('has a scenario for every card verb in the app, or says why it needs none', () => {
    const covered = new Set(cells.map((c) => c.verb.split(' ')[0]));
    expect(allVerbs().filter((v) => !covered.has(v) && !OWN_OR_NONE[v])).toEqual([]);
  });

  it('covered every role from every hub on every action, and refused most cells', () => {
    expect(new Set(cells.map((c) => c.person)).size).toBeGreaterThanOrEqual(PEOPLE.length);
    expect(cells.length).toBeGreaterThan(400);
    expect(cells.filter((c) => c.expected === 'deny').every((c) => c.audited && c.polite)).toBe(true);
  });
});
