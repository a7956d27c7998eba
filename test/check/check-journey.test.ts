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
    expect(textOf(result)).toContain('Source: Home-Start Hertfordshire referral criteria');
    expect(textOf(result)).not.toMatch(/seed|DOMAIN|\.json|§/);
    expect(actionsOf(result).map((a) => a.title)).toEqual(expect.arrayContaining(['Request Home-Start Hertfordshire', 'Override level', 'Start again']));
    expect(actionsOf(result).map((a) => a.title)).not.toContain('File 0–19 request');
    expect(action(result, 'Request Home-Start Hertfordshire').data).toMatchObject({ verb: 'request.start', serviceId: 'home-start-herts' });
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

  it('a Hertfordshire ten-year-old: no service here fits, so the card leads with what to do instead and offers no request', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'hertfordshire', children: '10', needs: ['cd.behaviour'] });
    expect(textOf(result)).toContain('No service here fits: what to do instead');
    expect(textOf(result)).toContain("health visitor, school or local family hub");
    // The generic hub is never offered beside Hertfordshire's own services.
    expect(Object.keys(outcomes(result)).some((n) => /Family Hub 0–19/.test(n))).toBe(false);
    expect(actionsOf(result).map((a) => a.title).filter((t) => /request/i.test(t))).toEqual([]);
  });

  it('Plymouth young person who went missing: Targeted Support is the named response, with its own request button', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'plymouth', children: '15', postcode: 'PL4 8AA', needs: ['cd.missing-episodes'] });
    expect(textOf(result)).toContain("Targeted Support is Plymouth's named response to young people who go missing");
    expect(textOf(result)).toContain('Source: Plymouth Early Help and Targeted Support offer');
    expect(textOf(result)).toContain('a Family Hub is a familiar venue for that support');
    expect(action(result, 'Request Plymouth Targeted Support').data).toMatchObject({ verb: 'request.start', serviceId: 'plymouth-targeted-support' });
  });

  it('a pre-birth assessment asked for in Plymouth: Targeted Support carries them out', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'plymouth', children: 'unborn', needs: ['pc.parent-mental-health'], context: { requestedSupport: 'pre-birth-assessment' } });
    expect(textOf(result)).toContain('Targeted Support carries out pre-birth assessments where required.');
    expect(Object.entries(outcomes(result)).find(([n]) => /Targeted/i.test(n))?.[1]).toBe('eligible');
  });

  it('three emerging needs across domains stay at level 2 and prompt a Team Around the Family', async () => {
    const result = await walkToResult(bot, socialWorker, { area: 'bradford', children: '6', postcode: 'BD7 1AA', needs: ['cd.behaviour', 'pc.routines-boundaries', 'fe.financial-hardship'] });
    expect(textOf(result)).toContain('Suggested level 2: Additional');
    expect(textOf(result)).toContain('Consider');
    expect(textOf(result)).toContain('Team Around the Family');
    expect(action(result, 'Request Bradford Family Hubs (0–19 area teams)').data).toMatchObject({ serviceId: 'bradford-family-hubs' });
  });
});

describe('threshold check: hard stops', () => {
  it('immediate risk stops at once with 999 and the front door, storing nothing about the family', async () => {
    const safety = await startCheck(bot, socialWorker);
    const before = await bot.db.query('SELECT count(*)::int AS n FROM checks');
    const stop = await press(bot, socialWorker, safety, 'Continue', { area: 'hertfordshire', immediateRisk: 'yes' });
    expect(textOf(stop)).toContain('Call 999 now');
    expect(textOf(stop)).toContain('01438 737511');
    expect(textOf(stop)).not.toContain('ask your administrator');
    const after = await bot.db.query('SELECT count(*)::int AS n FROM checks');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const audit = await bot.db.query(`SELECT * FROM audit_log WHERE action = 'check.stopped-immediate-risk' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0]).toMatchObject({ actor: socialWorker.aadObjectId, record_id: null, case_ref: null, before: null, after: null, detail: { area: 'hertfordshire' } });
  });

  it('immediate risk where no front door number is configured says so plainly (development only: production will not start)', async () => {
    const safety = await startCheck(bot, socialWorker);
    const stop = await press(bot, socialWorker, safety, 'Continue', { area: 'plymouth', immediateRisk: 'yes' });
    expect(textOf(stop)).toContain('Call 999 now');
    expect(textOf(stop)).toContain('No front door number is configured for Plymouth: ask your administrator to configure it');
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

  it('refuses what the request form refuses: an age over 19 (a young parent is entered through their child) and a postcode outside the area', async () => {
    const safety = await startCheck(bot, socialWorker);
    const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
    const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none' });
    const bad = await press(bot, socialWorker, family, 'Continue', { children: '2, 21', postcode: 'M1 1AA', caseRef: '' });
    const text = textOf(bad);
    expect(text).toContain('21 is over 19');
    expect(text).toContain("If this young person is a parent, enter their child's age instead");
    expect(text).toContain('This postcode is not in Barnet, the area this check is for');
    expect(inputsOf(bad)).toMatchObject({ children: '2, 21', postcode: 'M1 1AA' });
  });
});
