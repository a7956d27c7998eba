import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, inputsOf, action, actionsOf } from '../support/harness.js';
import { londonWeekOf, previousWeekId } from '../../src/domain/time/london.js';
import { addDutyWeek } from '../../src/store/rota-store.js';
import { socialWorker, socialWorkerB, datManager } from '../support/people.js';
import { walkToResult, press, startCheck } from './walk.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

async function toFamilyStep(user = socialWorker) {
  const safety = await startCheck(bot, user);
  const involvement = await press(bot, user, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
  return press(bot, user, involvement, 'Continue', { existingInvolvement: 'none' });
}

describe('moving around a check', () => {
  it('Back keeps earlier answers and what was typed on the card left behind', async () => {
    const family = await toFamilyStep();
    const needs = await press(bot, socialWorker, family, 'Continue', { children: '2, 4', postcode: 'N11 1AA', caseRef: 'LCS-200001' });
    const backToFamily = await press(bot, socialWorker, needs, 'Back', { 'need.cd.behaviour': 'true', note: 'typed but not submitted' });
    expect(inputsOf(backToFamily)).toMatchObject({ children: '2, 4', postcode: 'N11 1AA', caseRef: 'LCS-200001' });
    const needsAgain = await press(bot, socialWorker, backToFamily, 'Continue');
    expect(inputsOf(needsAgain)).toMatchObject({ 'need.cd.behaviour': 'true', note: 'typed but not submitted' });
  });

  it('Edit answers on the result re-opens a step with its answers and recomputes the result', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '5', needs: ['pc.routines-boundaries'] });
    expect(textOf(result)).toContain('Suggested level 2');
    const needs = await press(bot, socialWorker, result, 'Needs');
    expect(inputsOf(needs)['need.pc.routines-boundaries']).toBe('true');
    const context = await press(bot, socialWorker, needs, 'Continue', { 'need.pc.neglect': 'true' });
    const updated = await press(bot, socialWorker, context, 'See the result');
    expect(textOf(updated)).toContain('Suggested level 3');
  });

  it('cancel removes the family answers', async () => {
    const family = await toFamilyStep();
    const needs = await press(bot, socialWorker, family, 'Continue', { children: '1', caseRef: 'LCS-CANCEL1' });
    const cancelled = await press(bot, socialWorker, needs, 'Cancel check');
    expect(textOf(cancelled)).toContain('Check cancelled');
    const row = await bot.db.query(`SELECT status, answers FROM checks WHERE answers::text LIKE '%LCS-CANCEL1%' OR case_ref = 'LCS-CANCEL1'`);
    expect(row.rows.every((r) => r.status === 'cancelled' && !JSON.stringify(r.answers).includes('LCS-CANCEL1'))).toBe(true);
  });

  it('a card pressed after the check moved on is redrawn where the check is now, and changes nothing', async () => {
    const family = await toFamilyStep();
    await press(bot, socialWorker, family, 'Continue', { children: '6' });
    const stale = await press(bot, socialWorker, family, 'Continue', { children: '9' });
    expect(textOf(stale)).toContain('What needs are you seeing?');
    expect(textOf(stale)).not.toMatch(/out of date/i);
    const answers = await bot.db.query(`SELECT answers->>'childrenText' AS children FROM checks WHERE id = $1`, [action(family, 'Continue').data!.checkId]);
    expect(answers.rows[0]).toMatchObject({ children: '6' });
  });

  it('a double click makes one step, not two', async () => {
    const family = await toFamilyStep();
    const a = action(family, 'Continue');
    const inputs = { ...inputsOf(family), children: '3' };
    const first = await bot.submit(socialWorker, a.data!, inputs);
    const second = await bot.submit(socialWorker, a.data!, inputs);
    expect(textOf(onlyCard(first))).toContain('What needs are you seeing?');
    expect(second).toHaveLength(0);
    const versions = await bot.db.query(`SELECT version, step FROM checks WHERE id = $1`, [a.data!.checkId]);
    expect(versions.rows[0]).toMatchObject({ step: 'needs' });
  });

  it('resumes where the user left off after the app restarts', async () => {
    const family = await toFamilyStep(socialWorkerB);
    await press(bot, socialWorkerB, family, 'Continue', { children: '11', caseRef: 'LCS-RESUME1' });
    await bot.restart();
    const offer = onlyCard(await bot.say(socialWorkerB, 'check'));
    expect(textOf(offer)).toContain('You have a check in progress');
    expect(textOf(offer)).toContain('at the needs step');
    const resumed = await press(bot, socialWorkerB, offer, 'Resume');
    expect(textOf(resumed)).toContain('What needs are you seeing?');
  });

  it("someone else's check cannot be resumed, and the attempt is audited", async () => {
    const family = await toFamilyStep();
    const checkId = action(family, 'Continue').data!.checkId as string;
    const refused = onlyCard(await bot.submit(socialWorkerB, { verb: 'check.resume', checkId }));
    expect(textOf(refused)).toContain('belongs to someone else');
    const audit = await bot.db.query(`SELECT outcome FROM audit_log WHERE record_id = $1 AND actor = $2`, [checkId, socialWorkerB.aadObjectId]);
    expect(audit.rows).toEqual([{ outcome: 'refused' }]);
  });
});

describe('override and my checks', () => {
  it('an override needs a reason, is shown on the result and audited', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'hertfordshire', children: '2', caseRef: 'LCS-OVR1', needs: ['pc.postnatal-isolation'] });
    const noReason = await press(bot, socialWorker, result, 'Save override', { overrideLevel: '3', overrideReason: '' });
    expect(textOf(noReason)).toContain('Give a reason of at least 10 characters');
    expect(inputsOf(noReason).overrideLevel).toBe('3');
    const saved = await press(bot, socialWorker, noReason, 'Save override', { overrideLevel: '3', overrideReason: 'Health visitor reports escalating concerns' });
    expect(textOf(saved)).toContain('You changed the level to 3 (Intensive)');
    const audit = await bot.db.query(`SELECT before, after FROM audit_log WHERE action = 'check.level-overridden' AND case_ref = 'LCS-OVR1'`);
    expect(audit.rows[0]).toMatchObject({ before: { level: 2 }, after: { level: 3 } });

    const list = onlyCard(await bot.say(socialWorker, 'my checks'));
    expect(textOf(list)).toContain('LCS-OVR1 · Level 3 Intensive (overridden)');
  });
});

describe('next steps on the result', () => {
  it('offers "Book OSR joint visit" only to a social worker whose team is in its OSR week', async () => {
    const family = { area: 'barnet', children: '6', needs: ['cd.behaviour'] };
    const before = await walkToResult(bot, socialWorker, family);
    expect(actionsOf(before).map((a) => a.title)).not.toContain('Book OSR joint visit');

    const thisWeek = londonWeekOf(new Date()).weekId;
    await addDutyWeek(bot.db, 'dat-barnet-a', previousWeekId(thisWeek), thisWeek, datManager.aadObjectId, new Date());
    const during = await walkToResult(bot, socialWorker, family);
    expect(action(during, 'Book OSR joint visit').data).toMatchObject({ verb: 'booking.start', checkId: action(during, 'Request Barnet 0–19 Early Help hub').data!.checkId });
  });
});

describe('starting a check', () => {
  it('a double click on the safety card starts one check, and Edit answers is audited', async () => {
    const safety = await startCheck(bot, socialWorkerB);
    const go = action(safety, 'Continue');
    const inputs = { ...inputsOf(safety), area: 'barnet', immediateRisk: 'no' };
    const before = await bot.db.query(`SELECT count(*)::int AS n FROM checks WHERE owner_aad = $1`, [socialWorkerB.aadObjectId]);
    const first = await bot.submit(socialWorkerB, go.data!, inputs);
    const second = await bot.submit(socialWorkerB, go.data!, inputs);
    expect(textOf(onlyCard(first))).toContain('already open');
    expect(second).toHaveLength(0);
    const after = await bot.db.query(`SELECT count(*)::int AS n FROM checks WHERE owner_aad = $1`, [socialWorkerB.aadObjectId]);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);

    const result = await walkToResult(bot, socialWorkerB, { area: 'barnet', children: '3', needs: ['cd.behaviour'] });
    await press(bot, socialWorkerB, result, 'Family');
    const audit = await bot.db.query(`SELECT after FROM audit_log WHERE action = 'check.reopened' AND actor = $1`, [socialWorkerB.aadObjectId]);
    expect(audit.rows).toEqual([{ after: { step: 'family' } }]);
  });
});
