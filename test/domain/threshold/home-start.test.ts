// Vignettes for the Home-Start Hertfordshire pack (Home-Start Hertfordshire referral criteria).
import { describe, expect, it } from 'vitest';
import { check, family, policy, runVignette, serviceOf, type Vignette } from './fixtures.js';

const HOME_START = 'home-start-herts';
const SPECIALIST_TAF = 'Refer only as part of a Team Around the Family whose lead professional is in a specialist service.';
const DISCUSS_SHARING = 'Discuss information sharing with the family before referring.';

const twoEmergingNeeds = ['pc.routines-boundaries', 'fe.social-isolation'];

const vignettes: Vignette[] = [
  {
    name: 'two emerging needs and a toddler: eligible',
    facts: family({ needs: twoEmergingNeeds }),
    level: 2,
    outcomes: { [HOME_START]: 'eligible' },
    conditions: { [HOME_START]: [] },
  },
  {
    name: 'twins only: a multiple birth never qualifies alone',
    facts: family({ children: [{ age: 0 }, { age: 0 }], multipleBirth: true }),
    outcomes: { [HOME_START]: 'not-eligible' },
    serviceReasons: { [HOME_START]: ['home-start-herts.more-than-one-need'] },
  },
  {
    name: 'several under-fives only: never qualifies alone',
    facts: family({ children: [{ age: 1 }, { age: 3 }, { age: 4 }] }),
    outcomes: { [HOME_START]: 'not-eligible' },
    serviceText: { [HOME_START]: ['never qualify alone'] },
  },
  {
    name: 'twins plus one presenting need: counts as more than one need',
    facts: family({ children: [{ age: 1 }, { age: 1 }], multipleBirth: true, needs: ['pc.postnatal-isolation'] }),
    outcomes: { [HOME_START]: 'eligible' },
  },
  {
    name: 'several under-fives plus one presenting need: eligible',
    facts: family({ children: [{ age: 1 }, { age: 4 }], needs: ['fe.financial-hardship'] }),
    outcomes: { [HOME_START]: 'eligible' },
  },
  {
    name: 'twins among several under-fives, with no presenting need: still not eligible',
    facts: family({ children: [{ age: 1 }, { age: 1 }, { age: 3 }], multipleBirth: true, needs: [] }),
    outcomes: { [HOME_START]: 'not-eligible' },
  },
  {
    name: 'one need and one child: not more than one need',
    facts: family({ needs: ['cd.development-delay'] }),
    outcomes: { [HOME_START]: 'not-eligible' },
    serviceReasons: { [HOME_START]: ['home-start-herts.more-than-one-need'] },
  },
  {
    name: 'a pregnancy (unborn baby) counts as a child aged 0–5',
    facts: family({ children: [{ unborn: true }], needs: twoEmergingNeeds }),
    outcomes: { [HOME_START]: 'eligible' },
    serviceReasons: { [HOME_START]: ['home-start-herts.child-aged-0-5'] },
  },
  {
    name: 'an expected baby and a toddler are several under-fives: one need more',
    facts: family({ children: [{ unborn: true }, { age: 2 }], needs: ['pc.postnatal-isolation'] }),
    outcomes: { [HOME_START]: 'eligible' },
  },
  {
    name: 'a child aged 5 is still in range',
    facts: family({ children: [{ age: 5 }], needs: twoEmergingNeeds }),
    outcomes: { [HOME_START]: 'eligible' },
  },
  {
    name: 'a child aged 6 is out of range',
    facts: family({ children: [{ age: 6 }], needs: twoEmergingNeeds }),
    outcomes: { [HOME_START]: 'not-eligible' },
    serviceReasons: { [HOME_START]: ['home-start-herts.child-aged-0-5'] },
  },
  {
    name: 'level 3 without a Team Around the Family: conditional on a specialist-led TAF',
    facts: family({ needs: ['pc.neglect', 'fe.social-isolation'] }),
    level: 3,
    outcomes: { [HOME_START]: 'conditional' },
    conditions: { [HOME_START]: [SPECIALIST_TAF] },
  },
  {
    name: 'level 3 with a TAF led from a targeted service: still conditional',
    facts: family({ needs: ['pc.neglect', 'fe.social-isolation'], teamAroundFamily: 'targeted' }),
    outcomes: { [HOME_START]: 'conditional' },
    conditions: { [HOME_START]: [SPECIALIST_TAF] },
  },
  {
    name: 'level 3 with a TAF led from a specialist service: eligible',
    facts: family({ needs: ['pc.neglect', 'fe.social-isolation'], teamAroundFamily: 'specialist' }),
    outcomes: { [HOME_START]: 'eligible' },
    serviceReasons: { [HOME_START]: ['home-start-herts.higher-needs-only-in-specialist-taf'] },
  },
  {
    name: 'several emerging needs across domains are still emerging needs: level 2, eligible, with a TAF prompt',
    facts: family({ needs: ['cd.behaviour', 'pc.routines-boundaries', 'fe.social-isolation'] }),
    level: 2,
    outcomes: { [HOME_START]: 'eligible' },
    suggestions: ['level.consider-team-around-family'],
  },
  {
    name: 'a family open to social care (the allocated social worker checking) at level 2: only within a specialist-led TAF',
    facts: family({ needs: twoEmergingNeeds, existingInvolvement: 'social-care', referrerIsAllocatedWorker: true }),
    level: 2,
    outcomes: { [HOME_START]: 'conditional' },
    conditions: { [HOME_START]: [SPECIALIST_TAF] },
  },
  {
    name: 'a family open to social care within a specialist-led TAF: eligible',
    facts: family({ needs: twoEmergingNeeds, existingInvolvement: 'social-care', referrerIsAllocatedWorker: true, teamAroundFamily: 'specialist' }),
    outcomes: { [HOME_START]: 'eligible' },
  },
  {
    name: 'level 4 with a specialist-led TAF: eligible as part of it (the level stays advice)',
    facts: family({ needs: ['pc.significant-harm', 'fe.social-isolation'], teamAroundFamily: 'specialist' }),
    level: 4,
    outcomes: { [HOME_START]: 'eligible' },
  },
  {
    name: 'stepping down after specialist intervention at level 2: conditional on a specialist-led TAF',
    facts: family({ needs: twoEmergingNeeds, steppingDown: true }),
    level: 2,
    outcomes: { [HOME_START]: 'conditional' },
    conditions: { [HOME_START]: [SPECIALIST_TAF] },
  },
  {
    name: 'stepping down within a specialist-led TAF: eligible',
    facts: family({ needs: twoEmergingNeeds, steppingDown: true, teamAroundFamily: 'specialist' }),
    outcomes: { [HOME_START]: 'eligible' },
  },
  {
    name: 'information sharing not discussed: conditional on discussing it first',
    facts: family({ needs: twoEmergingNeeds, informationSharingDiscussed: false }),
    outcomes: { [HOME_START]: 'conditional' },
    conditions: { [HOME_START]: [DISCUSS_SHARING] },
  },
  {
    name: 'level 3 and no consent discussed: both conditions, in rule order',
    facts: family({ needs: ['pc.neglect', 'fe.social-isolation'], informationSharingDiscussed: false }),
    outcomes: { [HOME_START]: 'conditional' },
    conditions: { [HOME_START]: [SPECIALIST_TAF, DISCUSS_SHARING] },
  },
  {
    name: 'out of area (Plymouth): not eligible for Home-Start Hertfordshire',
    facts: family({ area: 'plymouth', needs: twoEmergingNeeds }),
    outcomes: { [HOME_START]: 'not-eligible' },
    serviceReasons: { [HOME_START]: ['home-start-herts.lives-in-hertfordshire'] },
  },
  {
    name: 'a court report request is not offered, with a signpost',
    facts: family({ needs: twoEmergingNeeds, requestedSupport: 'court-report', courtProceedings: true }),
    outcomes: { [HOME_START]: 'not-eligible' },
    serviceText: { [HOME_START]: ['stay with the allocated social worker'] },
  },
];

describe('Home-Start Hertfordshire (referral criteria, 2011)', () => {
  it.each(vignettes)('$name', (vignette) => {
    runVignette(vignette);
  });

  it('gives only the deciding reasons when not eligible', () => {
    const outOfAreaAndTooOld = serviceOf(check(family({ area: 'barnet', children: [{ age: 9 }], needs: twoEmergingNeeds })), HOME_START);
    expect(outOfAreaAndTooOld.reasons.map((reason) => reason.rule)).toEqual(['home-start-herts.lives-in-hertfordshire', 'home-start-herts.child-aged-0-5']);
    expect(outOfAreaAndTooOld.offer).toBeUndefined();
  });

  it('offers its own timescales and the children\'s centre task when it can help', () => {
    const offer = serviceOf(check(family({ needs: twoEmergingNeeds })), HOME_START).offer;
    expect(offer?.timescales?.map(({ event, due, period }) => ({ event, due, period }))).toEqual([
      { event: 'support-start', due: 'within', period: { amount: 4, unit: 'weeks' } },
      { event: 'support-plan-review', due: 'every', period: { amount: 3, unit: 'months' } },
      { event: 'needs-met', due: 'within', period: { amount: 9, unit: 'months' } },
    ]);
    expect(offer?.tasks?.map((task) => task.id)).toEqual(['home-start-herts.confirm-partners-and-registration']);
  });

  it('takes a request only with the family\'s agreement (no lawful-basis route)', () => {
    const pack = policy.services.find((candidate) => candidate.id === HOME_START)!;
    expect(pack.requestTerms.familyMustAgree?.text).toContain('information sharing has been discussed');
  });

  it('cites a source for every reason it gives', () => {
    const service = serviceOf(check(family({ needs: twoEmergingNeeds, steppingDown: true, informationSharingDiscussed: false })), HOME_START);
    for (const reason of service.reasons) expect(reason.source).toMatch(/^(Home-Start Hertfordshire referral criteria|Right Response product default \(configurable\))$/);
  });
});
