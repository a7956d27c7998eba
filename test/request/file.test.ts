// Filing a 0–19 request in conversation: standalone, from a threshold check,
// from an OSR booking, resuming after a restart, submitting twice, routing
// to every configured hub and a postcode no hub covers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, action, actionsOf, inputsOf } from '../support/harness.js';
import { leadPractitioner, socialWorker, socialWorkerB } from '../support/people.js';
import {
  MON_2_MAR_2099_1000, auditRows, expectValidCard, fieldError, fileRequest, fillAll, fixedClock, notificationsTo, requestIdOf, requestRow,
  saveSection, startBlank, validFamily,
} from './support.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start({ clock: fixedClock() }); });
afterAll(async () => { await bot.stop(); });

async function insertCheck(owner: string, answers: Record<string, unknown>, level = 2): Promise<string> {
  const id = randomUUID();
  await bot.db.query(
    `INSERT INTO checks (id, owner_aad, status, step, answers, result, level, case_ref, area, created_at, updated_at, completed_at)
     VALUES ($1, $2, 'completed', 'result', $3, $4, $5, $6, $7, $8, $8, $8)`,
    [id, owner, JSON.stringify(answers), JSON.stringify({ stop: null, level, thrive: 'getting-help', reasons: [{ rule: 'x', text: 'x', source: 'x' }], services: [] }),
      level, answers.caseRef ?? null, answers.area, MON_2_MAR_2099_1000]);
  return id;
}

describe('filing standalone', () => {
  it('starts from the welcome card, asks section by section and submits to the hub covering the postcode', async () => {
    const welcome = onlyCard(await bot.say(socialWorker, 'hi'));
    const first = expectValidCard(onlyCard(await bot.submit(socialWorker, action(welcome, '0–19 request').data!)));
    expect(textOf(first)).toContain('Family and children');
    expect(textOf(first)).toContain('step 1 of 6');
    const requestId = requestIdOf(first);
    const second = await saveSection(bot, socialWorker, requestId, 'family', validFamily.family);
    expect(textOf(second)).toContain('Address and postcode');

    const review = expectValidCard(await fillAll(bot, socialWorker, requestId));
    expect(textOf(review)).toContain('Goes to: Barnet North 0-19 Hub (demo)');
    expect(textOf(review)).toContain('Sam Example');
    const done = expectValidCard(onlyCard(await bot.submit(socialWorker, action(review, 'Submit to the hub').data!)));
    expect(textOf(done)).toContain('Request LCS-100200 has gone to Barnet North 0-19 Hub (demo)');

    const row = await requestRow(bot, requestId);
    expect(row).toMatchObject({ status: 'submitted', hub_id: 'barnet-north', case_ref: 'LCS-100200', level: 2, intervention: 'Parenting group programme', age_range: '4 years' });
    expect((await auditRows(bot, 'request.submit')).filter((a) => a.record_id === requestId)).toHaveLength(1);
    const history = await bot.db.query('SELECT from_status, to_status, actor FROM request_status_history WHERE request_id = $1', [requestId]);
    expect(history.rows).toEqual([{ from_status: 'draft', to_status: 'submitted', actor: socialWorker.aadObjectId }]);
  });

  it('keeps request forms out of channels', async () => {
    const replies = await bot.send(socialWorker, { text: 'request', conversation: { id: '19:hub@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: '00000000-0000-0000-0000-0000000000001' } });
    expect(textOf(onlyCard(replies))).toContain('I only show them in your personal chat');
  });
});

describe('filing from a threshold check', () => {
  const answers = {
    area: 'barnet', caseRef: 'LCS-300300', postcode: 'N12 0AB', children: [{ age: 3 }, { unborn: true }],
    needs: ['pc.routines-boundaries', 'fe.financial-hardship', 'cd.behaviour'], informationSharingDiscussed: true, teamAroundFamily: 'universal', interpreterNeeded: true,
  };

  it('pre-fills the case reference, postcode, level, consent and TAF, and asks why when the level is changed', async () => {
    const checkId = await insertCheck(socialWorker.aadObjectId, answers);
    const first = expectValidCard(onlyCard(await bot.submit(socialWorker, { verb: 'request.start', checkId })));
    expect(textOf(first)).toContain('Started from your threshold check');
    expect(textOf(first)).toContain('Your threshold check recorded 2 children: aged 3, unborn.');
    expect(inputsOf(first).caseRef).toBe('LCS-300300');
    const requestId = requestIdOf(first);

    const family = { ...validFamily.family, caseRef: 'LCS-300300', 'carers.0.interpreter': 'true', 'children.1.name': '', 'children.1.dob': '', 'children.1.dueDate': '2099-07-20', 'children.1.gender': 'not-known' };
    const address = await saveSection(bot, socialWorker, requestId, 'family', family);
    expect(inputsOf(address).postcode).toBe('N12 0AB');
    const need = await saveSection(bot, socialWorker, requestId, 'address', { ...validFamily.address, postcode: 'N12 0AB' });
    expect(inputsOf(need).level).toBe('2');
    expect(textOf(need)).toContain('Your threshold check suggested level 2');

    const changed = await saveSection(bot, socialWorker, requestId, 'need', { level: '3', levelReason: '', reason: validFamily.need.reason! });
    expect(fieldError(changed, 'levelReason')).toBe('The check suggested level 2 and you chose level 3: say why (the change is audited)');
    await saveSection(bot, socialWorker, requestId, 'need', { level: '3', levelReason: 'Concerns escalated since the check', reason: validFamily.need.reason! });
    await saveSection(bot, socialWorker, requestId, 'work', validFamily.work);
    const consent = await saveSection(bot, socialWorker, requestId, 'consent', { ...validFamily.consent });
    const safety = consent;
    expect(inputsOf(safety).teamAroundFamily).toBe('universal');
    const review = await saveSection(bot, socialWorker, requestId, 'safety', { ...validFamily.safety, teamAroundFamily: 'universal' });
    await bot.submit(socialWorker, action(review, /^Submit to /).data!);

    const row = await requestRow(bot, requestId);
    expect(row).toMatchObject({ status: 'submitted', source_check_id: checkId, level: 3, age_range: 'unborn and 4 years' });
    expect(row.vulnerability_factors).toEqual(['baby', 'interpreter', 'many-needs']);
    const audit = (await auditRows(bot, 'request.submit')).find((a) => a.record_id === requestId);
    expect(audit?.case_ref).toBe('LCS-300300');

    // The same check again: no second request.
    const again = onlyCard(await bot.submit(socialWorker, { verb: 'request.start', checkId }));
    expect(textOf(again)).toContain('Already filed');
  });

  it('refuses (and audits) a request from someone else\'s check', async () => {
    const checkId = await insertCheck(socialWorker.aadObjectId, { ...answers, caseRef: 'LCS-300301' });
    const card = onlyCard(await bot.submit(socialWorkerB, { verb: 'request.start', checkId }));
    expect(textOf(card)).toContain("You don't have access to this request");
    expect((await auditRows(bot, 'request.start')).filter((a) => a.actor === socialWorkerB.aadObjectId && a.outcome === 'refused')).toHaveLength(1);
  });
});

describe('filing from an OSR booking', () => {
  it('pre-fills from the booking, records it on the request and suggests the visiting practitioner', async () => {
    const bookingId = randomUUID();
    await bot.db.query(`INSERT INTO hub_weeks (hub_id, week_id, lead_aad, default_cap) VALUES ('barnet-north', '2099-W10', $1, 3) ON CONFLICT DO NOTHING`, [leadPractitioner.aadObjectId]);
    await bot.db.query(
      `INSERT INTO bookings (id, idempotency_key, hub_id, week_id, dat_team_id, social_worker_aad, lead_responder_aad, assignee_aad, visit_type, visit_at,
         case_ref, purpose, risks, status, created_at, updated_at)
       VALUES ($1, $2, 'barnet-north', '2099-W10', 'dat-barnet-a', $3, $4, $4, 'home-visit', $5, 'LCS-400400', 'Agree a parenting plan', 'Large dog at the property', 'completed', $5, $5)`,
      [bookingId, randomUUID(), socialWorker.aadObjectId, leadPractitioner.aadObjectId, MON_2_MAR_2099_1000]);

    const first = onlyCard(await bot.submit(socialWorker, { verb: 'request.start', bookingId }));
    expect(textOf(first)).toContain('Started from your joint-visit booking');
    expect(inputsOf(first).caseRef).toBe('LCS-400400');
    const requestId = requestIdOf(first);
    const review = await fillAll(bot, socialWorker, requestId, {
      family: { caseRef: 'LCS-400400' }, work: { goals: 'Agree a parenting plan' }, safety: { visitRisks: 'yes', riskDetails: 'Large dog at the property' },
    });
    await bot.submit(socialWorker, action(review, /^Submit to /).data!);
    expect(await requestRow(bot, requestId)).toMatchObject({ status: 'submitted', source_booking_id: bookingId, suggested_practitioner_aad: leadPractitioner.aadObjectId });
  });
});

describe('drafts', () => {
  it('resumes a draft after a restart with every value kept', async () => {
    const { requestId } = await startBlank(bot, socialWorkerB);
    await saveSection(bot, socialWorkerB, requestId, 'family', { ...validFamily.family, caseRef: 'LCS-500500' });
    await saveSection(bot, socialWorkerB, requestId, 'address', { ...validFamily.address, line1: '9 Resume Street' }, 'save');

    await bot.restart();

    const list = onlyCard(await bot.say(socialWorkerB, 'my requests'));
    expect(textOf(list)).toContain('LCS-500500 · Draft');
    const resumed = onlyCard(await bot.submit(socialWorkerB, action(list, 'Resume').data!));
    expect(textOf(resumed)).toContain('Welcome back');
    expect(textOf(resumed)).toContain('Address and postcode');
    expect(inputsOf(resumed).line1).toBe('9 Resume Street');
    const back = await saveSection(bot, socialWorkerB, requestId, 'address', inputsOf(resumed), 'back');
    expect(inputsOf(back)).toMatchObject({ caseRef: 'LCS-500500', 'children.0.name': 'Sam Example', 'children.0.dob': '2094-05-14', 'carers.0.language': 'English' });
  });

  it('offers the drafts when "request" is typed, and discards one', async () => {
    const chooser = onlyCard(await bot.say(socialWorkerB, 'request'));
    expect(textOf(chooser)).toContain('You have unfinished requests');
    expect(actionsOf(chooser).map((a) => a.title)).toContain('Start a new request');
    const discarded = onlyCard(await bot.submit(socialWorkerB, action(chooser, 'Discard').data!));
    expect(textOf(discarded)).toContain('Draft discarded');
    expect((await bot.db.query(`SELECT count(*)::int AS n FROM requests WHERE referrer_aad = $1`, [socialWorkerB.aadObjectId])).rows[0].n).toBe(0);
  });

  it('never lets another user resume, edit or submit someone else\'s draft', async () => {
    const { requestId } = await startBlank(bot, socialWorker);
    for (const data of [{ verb: 'request.resume', requestId }, { verb: 'request.section.save', requestId, section: 'family', nav: 'next' }, { verb: 'request.discard', requestId }]) {
      expect(textOf(onlyCard(await bot.submit(socialWorkerB, data)))).toContain("You don't have access to this request");
    }
  });
});

describe('submitting once', () => {
  it('makes one request from a double click, a concurrent double click and a Teams resend', async () => {
    const { requestId } = await startBlank(bot, socialWorker);
    const review = await fillAll(bot, socialWorker, requestId, { family: { caseRef: 'LCS-600600' } });
    const submit = action(review, /^Submit to /).data!;
    const [a, b] = await Promise.all([bot.submit(socialWorker, submit), bot.submit(socialWorker, submit)]);
    const texts = [textOf(onlyCard(a)), textOf(onlyCard(b))].sort();
    expect(texts[0]).toContain('Already submitted');
    expect(texts[1]).toContain('Request submitted');
    const third = onlyCard(await bot.submit(socialWorker, submit));
    expect(textOf(third)).toContain('Already submitted');
    const resendId = randomUUID();
    await bot.submit(socialWorker, submit, {}, resendId);
    expect(await bot.submit(socialWorker, submit, {}, resendId)).toHaveLength(0);

    expect((await bot.db.query(`SELECT count(*)::int AS n FROM requests WHERE case_ref = 'LCS-600600'`)).rows[0].n).toBe(1);
    expect((await auditRows(bot, 'request.submit')).filter((r) => r.record_id === requestId)).toHaveLength(1);
    expect((await notificationsTo(bot, 'barnet-north', 'request-hub')).filter((n) => n.card_data.requestId === requestId)).toHaveLength(1);
  });

  it('re-shows the review with every problem when a submit is not complete', async () => {
    const { requestId } = await startBlank(bot, socialWorker);
    await saveSection(bot, socialWorker, requestId, 'family', validFamily.family);
    const row = await requestRow(bot, requestId);
    const card = expectValidCard(onlyCard(await bot.submit(socialWorker, { verb: 'request.submit', requestId, requestKey: row.idempotency_key })));
    expect(textOf(card)).toMatch(/\d+ problems to fix before you can submit/);
    expect(textOf(card)).toContain("Enter the family's postcode: it decides which hub gets the request");
    expect(textOf(card)).toContain('Say whether the family agreed to this request');
    expect((await requestRow(bot, requestId)).status).toBe('draft');
  });
});

describe('routing by postcode', () => {
  it.each(['barnet-north', 'barnet-south', 'barnet-west', 'plymouth-central', 'plymouth-north', 'herts-home-start', 'bradford-north', 'bradford-south'])('routes families living in %s\'s postcodes to it', async (hubId) => {
    const hub = bot.app.directory.hubs.find((h) => h.id === hubId)!;
    // The first, a middle and the last prefix: the rules test covers every one without filing a request.
    const prefixes = [...new Set([hub.postcodePrefixes[0]!, hub.postcodePrefixes[Math.floor(hub.postcodePrefixes.length / 2)]!, hub.postcodePrefixes.at(-1)!])];
    for (const prefix of prefixes) {
      const outward = /\d/.test(prefix) ? prefix : `${prefix}9`;
      const caseRef = `R-${hubId}-${prefix}`.toUpperCase().slice(0, 30);
      const { requestId } = await fileRequest(bot, socialWorker, {
        family: { caseRef }, address: { postcode: `${outward} 1AA` }, work: { intervention: hub.interventions[0]! },
      });
      expect((await requestRow(bot, requestId)).hub_id).toBe(hubId);
      const cards = (await notificationsTo(bot, hubId, 'request-hub')).filter((n) => n.card_data.requestId === requestId);
      expect(cards).toHaveLength(1);
    }
  });

  it('explains a postcode no hub covers, keeps every value, and says what to do', async () => {
    const { requestId } = await startBlank(bot, socialWorker);
    await saveSection(bot, socialWorker, requestId, 'family', validFamily.family);
    const card = await saveSection(bot, socialWorker, requestId, 'address', { ...validFamily.address, postcode: 'M1 1AE' });
    expect(textOf(card)).toContain('Address and postcode');
    expect(fieldError(card, 'postcode')).toContain('No hub in this service covers M1 1AE');
    expect(fieldError(card, 'postcode')).toContain("send the request to the children's services front door of the council for that area");
    expect(inputsOf(card)).toMatchObject({ line1: '1 Example Road', town: 'London', postcode: 'M1 1AE' });
    expect((await requestRow(bot, requestId)).hub_id).toBeNull();
  });
});
