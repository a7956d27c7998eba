import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, textOf, action, actionsOf, inputsOf } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import { walkToResult, outcomes, press, startCheck } from './walk.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

describe('threshold check: one family per service pack', () => {
  it('Hertfordshire toddler with two emerging needs: level 2, Home-Start eligible', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'hertfordshire', children: '3', postcode: 'SG1 2AB', caseRef: 'LCS-100001', needs: ['pc.routines-boundaries', 'fe.social-isolation'] });
    expect(textOf(result)).toContain('Suggested level 2: Additional');
    expect(textOf(result)).toContain('i-THRIVE: Getting Help');
    expect(outcomes(result)['Home-Start Hertfordshire']).toBe('eligible');
    expect(textOf(result)).toMatch(/Source: seed 000/);
    expect(actionsOf(result).map((a) => a.title)).toEqual(expect.arrayContaining(['File 0–19 request', 'Override level', 'Start again']));
    expect(action(result, 'File 0–19 request').data).toMatchObject({ verb: 'request.start' });
  });

  it('Plymouth family with level 2 needs: Family Hubs eligible, Targeted Support not', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'plymouth', children: '7, 12', postcode: 'PL4 8AA', needs: ['cd.school-attendance-low', 'fe.financial-hardship'] });
    const o = outcomes(result);
    const hub = Object.entries(o).find(([n]) => /Plymouth.*Family Hub/i.test(n));
    const targeted = Object.entries(o).find(([n]) => /Targeted/i.test(n));
    expect(hub?.[1]).toBe('eligible');
    expect(targeted?.[1]).toBe('not eligible');
  });

  it('Plymouth family with intensive needs: level 3, Targeted Support', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'plymouth', children: '14', needs: ['cd.self-harm', 'pc.parent-mental-health'] });
    expect(textOf(result)).toContain('Suggested level 3: Intensive');
    expect(Object.entries(outcomes(result)).find(([n]) => /Targeted/i.test(n))?.[1]).toBe('eligible');
  });

  it('Barnet family asking for 1:1 parenting with an interpreter: Barnet hub offers 1:1, 6 sessions then review', async () => {
    const result = await walkToResult(bot, socialWorker, {
      area: 'barnet', children: '4', postcode: 'N11 1AA', needs: ['pc.routines-boundaries'],
      context: { interpreterNeeded: 'true', requestedSupport: 'parenting' },
    });
    expect(Object.entries(outcomes(result)).find(([n]) => /Barnet/i.test(n))?.[1]).toBe('eligible');
    expect(textOf(result)).toContain('Parenting offer: 1:1 support, 6 sessions then a review');
    // Other councils' services are summarised in one line, not listed as failures.
    expect(textOf(result)).toMatch(/Not offered in Barnet: .*Home-Start Hertfordshire/);
    expect(outcomes(result)['Home-Start Hertfordshire']).toBeUndefined();
  });

  it('Barnet court report request: not offered, signposted', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '9', needs: ['fe.parental-conflict'], context: { courtProceedings: 'true', requestedSupport: 'court-report' } });
    expect(Object.entries(outcomes(result)).find(([n]) => /Barnet/i.test(n))?.[1]).toBe('not eligible');
    expect(textOf(result)).toMatch(/stay with the allocated social worker/i);
  });

  it('Barnet specialist (autism/ADHD) parenting programme: signposted to commissioned partners', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '8', needs: ['cd.behaviour'], context: { requestedSupport: 'specialist-parenting' } });
    expect(Object.entries(outcomes(result)).find(([n]) => /Barnet/i.test(n))?.[1]).toBe('not eligible');
    expect(textOf(result)).toMatch(/commissioned partner/i);
  });

  it('a family in an area with no council pack of its own still gets the generic family hub answer', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'hertfordshire', children: '10', needs: ['cd.behaviour'] });
    expect(Object.keys(outcomes(result)).some((n) => /Family Hub 0–19/.test(n))).toBe(true);
  });
});

describe('threshold check: hard stops', () => {
  it('immediate risk stops at once with 999 and the front door, storing nothing about the family', async () => {
    const safety = await startCheck(bot, socialWorker);
    const before = await bot.db.query('SELECT count(*)::int AS n FROM checks');
    const stop = await press(bot, socialWorker, safety, 'Continue', { area: 'hertfordshire', immediateRisk: 'yes' });
    expect(textOf(stop)).toContain('Call 999 now');
    expect(textOf(stop)).toContain('01438 737511');
    const after = await bot.db.query('SELECT count(*)::int AS n FROM checks');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const audit = await bot.db.query(`SELECT * FROM audit_log WHERE action = 'check.stopped-immediate-risk' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0]).toMatchObject({ actor: socialWorker.aadObjectId, record_id: null, case_ref: null, before: null, after: null, detail: { area: 'hertfordshire' } });
  });

  it('a family open to social care is routed to the allocated worker unless you are that worker', async () => {
    const safety = await startCheck(bot, socialWorker);
    const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const routed = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'social-care', allocatedWorker: 'false' });
    expect(textOf(routed)).toContain('This family already has an allocated worker');

    const again = await startCheck(bot, socialWorker);
    const inv2 = await press(bot, socialWorker, again, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const family = await press(bot, socialWorker, inv2, 'Continue', { existingInvolvement: 'social-care', allocatedWorker: 'true' });
    expect(textOf(family)).toContain('About the family');
  });
});

describe('threshold check: validation keeps every value', () => {
  it('a bad family card comes back with the values kept and each problem named', async () => {
    const safety = await startCheck(bot, socialWorker);
    const missing = await press(bot, socialWorker, safety, 'Continue', { area: '', immediateRisk: '' });
    expect(textOf(missing)).toContain('Choose the area where the family lives.');
    expect(textOf(missing)).toContain('Answer yes or no');
    const involvement = await press(bot, socialWorker, missing, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none' });
    const bad = await press(bot, socialWorker, family, 'Continue', { children: '3, seven', postcode: 'SG1 2AB', caseRef: '!!' });
    const text = textOf(bad);
    expect(text).toContain('The second entry is not an age');
    expect(text).toContain('This postcode is in Hertfordshire, but the check is for Barnet');
    expect(text).toContain('A case reference is 3–30 letters');
    expect(inputsOf(bad)).toMatchObject({ children: '3, seven', postcode: 'SG1 2AB', caseRef: '!!' });
  });
});
