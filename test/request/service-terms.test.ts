// Each service's own terms, through the real bot: a request started from a
// check's "Request <service>" goes to that service's team; Home-Start takes no
// request without the family's agreement; Home-Start's timescales and tasks
// belong to Home-Start requests only; Bradford keeps the family's worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, action, actionsOf, inputsOf, onlyCard, textOf } from '../support/harness.js';
import {
  bradfordKeyWorker, bradfordKeyWorkerB, bradfordNorthManager, homeStartCoordinator, homeStartManager, hubManager, leadPractitioner, socialWorker,
  type DemoUser,
} from '../support/people.js';
import { walkToResult } from '../check/walk.js';
import { fieldError, fileRequest, fillAll, fixedClock, requestIdOf, requestRow, saveSection, startBlank, validFamily } from './support.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start({ clock: fixedClock() }); });
afterAll(async () => { await bot.stop(); });

const press = (user: DemoUser, data: Record<string, unknown>, inputs: Record<string, unknown> = {}) => bot.submit(user, data, inputs).then(onlyCard);
const remindersOf = async (requestId: string) =>
  (await bot.db.query<{ cause: string; status: string }>(`SELECT cause, status FROM reminders WHERE cause_id = $1 ORDER BY id`, [requestId])).rows;

const homeStart = { address: { postcode: 'SG1 1AA', town: 'Stevenage' }, work: { intervention: 'Home-Start volunteer home visiting' } };
const withoutAgreement = { familyAgreed: 'no', informationSharingDiscussed: 'false', consentDate: '', lawfulBasis: 'public-task', lawfulBasisReason: 'Sharing is needed to protect the children from harm now.' };

describe('a request for the service chosen on the check', () => {
  it('goes to the Plymouth Targeted Support team, which no postcode alone reaches', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'plymouth', children: '15', postcode: 'PL4 8AA', caseRef: 'TS-100100', needs: ['cd.missing-episodes'] });
    const draft = await press(socialWorker, action(result, 'Request Plymouth Targeted Support').data!);
    expect(textOf(draft)).toContain('Started from your threshold check');
    const requestId = requestIdOf(draft);
    const review = await fillAll(bot, socialWorker, requestId, {
      family: { caseRef: 'TS-100100' }, address: { postcode: 'PL4 8AA', town: 'Plymouth' }, need: { level: '3' }, work: { intervention: 'Return home interview and missing support' },
    });
    expect(textOf(review)).toContain('Goes to: Plymouth Targeted Support team (demo)');
    await press(socialWorker, action(review, /^Submit to /).data!);
    expect(await requestRow(bot, requestId)).toMatchObject({ status: 'submitted', hub_id: 'plymouth-targeted-support' });

    // The same postcode without a chosen service goes to the family hub.
    const { requestId: plain } = await fileRequest(bot, socialWorker, { family: { caseRef: 'FH-100100' }, address: { postcode: 'PL4 8AA', town: 'Plymouth' }, work: { intervention: 'Family hub early help' } });
    expect((await requestRow(bot, plain)).hub_id).toBe('plymouth-central');
  });

  it('refuses a service the check did not offer', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '6', needs: ['cd.behaviour'] });
    const checkId = action(result, 'Request Barnet 0–19 Early Help hub').data!.checkId;
    const refused = await press(socialWorker, { verb: 'request.start', checkId, serviceId: 'home-start-herts' });
    expect(textOf(refused)).toContain('Your check did not find Home-Start Hertfordshire open to this family');
  });
});

describe('Home-Start takes a request only with the family\'s agreement', () => {
  it('refuses the lawful-basis route for Home-Start, with its reason, and keeps it for a Barnet hub', async () => {
    const { requestId } = await startBlank(bot, socialWorker);
    const review = await fillAll(bot, socialWorker, requestId, { ...homeStart, family: { caseRef: 'HS-200200' }, consent: withoutAgreement });
    expect(textOf(review)).toContain('Home-Start only takes a request once information sharing has been discussed with the family and they agree');
    expect(actionsOf(review).map((a) => a.title)).not.toContain('Submit to the hub');
    const consent = await saveSection(bot, socialWorker, requestId, 'consent', { ...validFamily.consent, ...withoutAgreement });
    expect(fieldError(consent, 'familyAgreed')).toContain('Discuss information sharing with the family first, or choose another service');
    expect(inputsOf(consent)).toMatchObject({ familyAgreed: 'no', lawfulBasis: 'public-task' });

    const { requestId: barnet } = await fileRequest(bot, socialWorker, { family: { caseRef: 'LB-200201' }, consent: withoutAgreement });
    expect(await requestRow(bot, barnet)).toMatchObject({ status: 'submitted', hub_id: 'barnet-north' });
  });
});

describe('timescales and tasks belong to their service', () => {
  it('a Barnet request gets none of Home-Start\'s reminders and no tasks', async () => {
    const { requestId } = await fileRequest(bot, socialWorker, { family: { caseRef: 'LB-300300' } });
    expect(await remindersOf(requestId)).toEqual([]);
    await press(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
    await press(leadPractitioner, { verb: 'request.begin', requestId }, { startDate: '2099-03-02' });
    expect(await requestRow(bot, requestId)).toMatchObject({ status: 'started' });
    expect(await remindersOf(requestId)).toEqual([]);
    const details = await press(leadPractitioner, { verb: 'request.view', requestId });
    expect(actionsOf(details).map((a) => a.title)).not.toContain('Record tasks');
    expect(textOf(details)).not.toContain("Children's centre");
    const refused = await press(leadPractitioner, { verb: 'request.tasks', requestId }, { ccRegistration: 'registered', partnerInvolvement: 'none' });
    expect(textOf(refused)).toContain("This request's service sets no tasks");
    expect((await requestRow(bot, requestId)).cc_registration).toBeNull();
  });

  it('a Home-Start request gets its 4-week start reminder, its 3-monthly review and 9-month target, and its tasks', async () => {
    const { requestId } = await fileRequest(bot, socialWorker, { ...homeStart, family: { caseRef: 'HS-300301' } });
    const submitted = await bot.db.query<{ cause: string; due_at: Date }>(`SELECT cause, due_at FROM reminders WHERE cause_id = $1`, [requestId]);
    // Submitted Monday 2 March 2099, 10:00: four weeks on is Monday 30 March, 10:00 (BST from 29 March).
    expect(submitted.rows.map((r) => [r.cause, r.due_at.toISOString()])).toEqual([
      ['support-not-started', '2099-03-30T09:00:00.000Z'],
      ['support-not-started', '2099-03-30T09:00:00.000Z'],
    ]);
    await press(homeStartManager, { verb: 'request.allocate', requestId }, { practitioner: homeStartCoordinator.aadObjectId });
    await press(homeStartCoordinator, { verb: 'request.begin', requestId }, { startDate: '2099-03-02' });
    const started = await remindersOf(requestId);
    expect(started.filter((r) => r.status === 'pending').map((r) => r.cause).sort()).toEqual(['needs-not-met', 'needs-not-met', 'needs-not-met', 'needs-not-met', 'plan-review', 'plan-review']);
    const details = await press(homeStartCoordinator, { verb: 'request.view', requestId });
    expect(actionsOf(details).map((a) => a.title)).toContain('Record tasks');
  });
});

describe('Bradford: one worker, one family, one plan', () => {
  const bradford = (caseRef: string) => ({ family: { caseRef }, address: { postcode: 'BD21 1AA', town: 'Keighley' }, work: { intervention: 'Family key work' } });

  it('offers a new request for a family already allocated in the area team to the worker who has them; the manager can choose otherwise', async () => {
    const first = await fileRequest(bot, socialWorker, bradford('BR-400400'));
    expect((await requestRow(bot, first.requestId)).hub_id).toBe('bradford-north');
    await press(bradfordNorthManager, { verb: 'request.allocate', requestId: first.requestId }, { practitioner: bradfordKeyWorkerB.aadObjectId });

    const second = await fileRequest(bot, socialWorker, bradford('BR-400400'));
    expect((await requestRow(bot, second.requestId)).suggested_practitioner_aad).toBe(bradfordKeyWorkerB.aadObjectId);
    const form = await press(bradfordNorthManager, { verb: 'request.allocate.show', requestId: second.requestId });
    expect(JSON.stringify(form)).toContain('Demo Bradford Key Worker B · 1 open case · already works with this family');
    expect(inputsOf(form).practitioner).toBe(bradfordKeyWorkerB.aadObjectId);
    const audit = await bot.db.query(`SELECT detail FROM audit_log WHERE action = 'request.submit' AND record_id = $1`, [second.requestId]);
    expect(audit.rows[0].detail).toMatchObject({ service: 'bradford-family-hubs', keepsWorker: bradfordKeyWorkerB.aadObjectId });

    // The manager still decides: another worker can be chosen.
    await press(bradfordNorthManager, action(form, 'Allocate').data!, { practitioner: bradfordKeyWorker.aadObjectId });
    expect((await requestRow(bot, second.requestId)).allocated_to).toBe(bradfordKeyWorker.aadObjectId);
  });

  it('suggests nobody for a family no one in the team has', async () => {
    const { requestId } = await fileRequest(bot, socialWorker, bradford('BR-400401'));
    expect((await requestRow(bot, requestId)).suggested_practitioner_aad).toBeNull();
  });
});
