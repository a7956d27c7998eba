// What the offline engine reads in a practitioner's words: needs with the
// words that triggered them, negation, UK abbreviations, misspellings, risk,
// ages, place and case facts; and that it reads the same text the same way
// whatever it read before.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FIXTURE_SETS, readFixtures } from '../../scripts/eval-understanding-fixtures.js';
import { needIds, understand } from './engine.js';

describe('needs and the words that triggered them', () => {
  it('reads the issue\'s example with each need\'s own words', () => {
    const u = understand("mum's been really low since the baby, the 7-year-old is missing school and they might lose the flat");
    expect(u.needs.map((n) => [n.id, n.phrase])).toEqual([
      ['pc.postnatal-isolation', 'since the baby'],
      ['cd.school-attendance-low', 'missing school'],
      ['fe.homelessness-risk', 'lose the flat'],
    ]);
    expect(u.ages).toEqual([7]);
    expect(u.immediateRiskSuspected).toBe(false);
  });

  it('leaves out what is negated, and says what it ruled out', () => {
    const u = understand('No concerns about school. Dad hasn\'t hit her. Mum is not drinking. There are no concerns regarding domestic abuse, substance misuse or mental health.');
    expect(u.needs).toEqual([]);
    expect(u.immediateRiskSuspected).toBe(false);
    expect(u.ruledOut.map((n) => n.id)).toEqual(expect.arrayContaining(['fe.domestic-abuse', 'pc.parent-substance-misuse']));
  });

  it('keeps a negation that is part of the need ("not attending school", "no support") and what follows a "but"', () => {
    expect(needIds('She is not attending school and mum has no support')).toEqual(['cd.school-attendance-low', 'fe.social-isolation']);
    expect(needIds('No DV, but the parents argue constantly')).toEqual(['fe.parental-conflict']);
  });

  it('understands UK practitioner abbreviations and family words', () => {
    expect(needIds('HV says mum has PND')).toContain('pc.postnatal-isolation');
    expect(needIds('DV incident last week')).toEqual(['fe.domestic-abuse']);
    expect(needIds('CSE concerns for the 14 year old')).toEqual(['cd.exploitation-risk']);
    expect(needIds('16yo NEET since the summer')).toEqual(['cd.missing-education']);
    expect(needIds('has an EHCP for complex needs')).toEqual(['cd.disability-complex']);
    expect(needIds('nan has the kids because mum is in rehab')).toEqual(['pc.parent-substance-misuse']);
    expect(understand('Open to CSC on a CP plan').facts).toMatchObject({ childProtectionPlan: expect.any(String) });
    // An abbreviation that is also an English word counts only in capitals.
    expect(needIds('please send the form')).toEqual([]);
  });

  it('reads through spelling mistakes', () => {
    expect(needIds('very poor attendence and behavour is out of controll')).toEqual(expect.arrayContaining(['cd.school-attendance-low', 'cd.behaviour']));
    expect(needIds('negelct concerns, kids hungry')).toEqual(['pc.neglect']);
  });

  it('attributes shared words to who they are about', () => {
    expect(needIds('Mum suffers from anxiety and depression')).toEqual(['pc.parent-mental-health']);
    expect(needIds('The teenager is depressed and withdrawn')).toEqual(['cd.emotional-wellbeing']);
    expect(needIds('Dad smokes weed in the house')).toEqual(['pc.parent-substance-misuse']);
    expect(needIds('He smokes weed every day')).toEqual(['cd.substance-use']);
  });
});

describe('immediate risk: err towards asking', () => {
  it.each([
    ['he hit her with a belt last night', 'hit her'],
    ['the toddler was left alone overnight', 'left alone'],
    ['dad threatened to kill mum', 'threatened to kill'],
  ])('"%s" is a suspected risk, with its words', (text, words) => {
    const u = understand(text);
    expect(u.immediateRiskSuspected).toBe(true);
    expect(u.riskPhrases.join(' | ')).toContain(words);
  });

  it('is not suspected for a plain description', () => {
    expect(understand('Mum would like advice on weaning her 6 month old').immediateRiskSuspected).toBe(false);
  });
});

describe('ages, place and facts', () => {
  it.each([
    ['the 7-year-old and a 14yo', [7, 14]],
    ['kids aged 3, 5, and 9', [3, 5, 9]],
    ['baby is 4 months old', [0]],
    ['twins aged 2', [2, 2]],
    ['Tia (13) and her brother, 16 year old', [13, 16]],
    ['been sober for 6 months and in the flat for 3 years', []],
    ['Mum (34) is struggling', []],
  ])('"%s" → %j', (text, ages) => {
    expect(understand(text).ages).toEqual(ages);
  });

  it('finds the area from a postcode or a place name', () => {
    expect(understand('family in SG1 9ZZ').area).toMatchObject({ id: 'hertfordshire', words: 'SG1 9ZZ' });
    expect(understand('family in SG1 9ZZ').postcode).toBe('SG1 9ZZ');
    expect(understand('they live in Stevenage').area).toMatchObject({ id: 'hertfordshire', words: 'Stevenage' });
    expect(understand('moved to Plymouth last year').area?.id).toBe('plymouth');
    expect(understand('no place named').area).toBeNull();
  });
});

describe('determinism', () => {
  it('reads every text the same way whatever it read before, in any order', () => {
    const texts = [...readFixtures(FIXTURE_SETS.development), ...readFixtures(FIXTURE_SETS['held-out'])].map((r) => r.text);
    const first = new Map(texts.map((t) => [t, JSON.stringify(understand(t))]));
    fc.assert(fc.property(fc.shuffledSubarray(texts, { minLength: 5, maxLength: 40 }), (order) => {
      for (const t of order) expect(JSON.stringify(understand(t))).toBe(first.get(t));
    }), { numRuns: 20 });
  });

  it('never throws on hostile or odd text, and quotes only what was typed', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('mum drinks ', '<b>', '${x}', '\u0000', '😀 ', "dad's. ", 'n\'t '), (s, extra) => {
      const text = extra + s + extra;
      const u = understand(text);
      for (const n of u.needs) expect(text).toContain(n.phrase);
      for (const r of u.riskPhrases) expect(text).toContain(r);
    }), { numRuns: 300 });
  });
});
