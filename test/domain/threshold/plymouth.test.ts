// Vignettes for the Plymouth packs (Plymouth Early Help and Targeted Support
// offer): Family Hubs at levels 1–2 and a familiar venue for Targeted Support
// at level 3; Targeted Support for complex needs, and Plymouth's named response
// at any level to exploitation, missing episodes, young carers, substance use,
// 16/17 homelessness, domestic abuse, statutory and step-down families,
// pre-birth assessments and court reports.
import { describe, expect, it } from 'vitest';
import { check, family, runVignette, serviceOf, type Vignette } from './fixtures.js';

const HUBS = 'plymouth-family-hubs';
const TARGETED = 'plymouth-targeted-support';
const VENUE = 'Request Plymouth Targeted Support for the family: at this level it leads, and a Family Hub can be the familiar venue where it meets them.';
const named = (id: string) => `plymouth-targeted-support.named.${id}`;

const plymouthFamily = (overrides: Parameters<typeof family>[0] = {}) => family({ area: 'plymouth', ...overrides });

const vignettes: Vignette[] = [
  {
    name: 'level 2 in Plymouth: Family Hubs, not Targeted Support',
    facts: plymouthFamily({ children: [{ age: 8 }], needs: ['cd.behaviour'] }),
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'not-eligible' },
    serviceReasons: { [HUBS]: ['plymouth-family-hubs.prioritised-by-vulnerability'], [TARGETED]: ['plymouth-targeted-support.complex-needs'] },
    named: { [TARGETED]: [] },
    instead: null,
  },
  {
    name: 'level 1 in Plymouth: Family Hubs offer advice and signposting',
    facts: plymouthFamily({ needs: ['pc.parenting-advice'] }),
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'not-eligible' },
  },
  {
    name: 'level 3 in Plymouth: Targeted Support leads, and a Family Hub is the familiar venue for it, not a refusal',
    facts: plymouthFamily({ children: [{ age: 9 }], needs: ['pc.neglect'] }),
    level: 3,
    outcomes: { [HUBS]: 'conditional', [TARGETED]: 'eligible' },
    conditions: { [HUBS]: [VENUE] },
    serviceText: { [HUBS]: ['familiar venue'] },
    serviceReasons: { [TARGETED]: ['plymouth-targeted-support.multi-disciplinary-triage'] },
  },
  {
    name: 'level 4, not allocated: statutory single assessment first',
    facts: plymouthFamily({ needs: ['pc.significant-harm'] }),
    level: 4,
    outcomes: { [HUBS]: 'not-eligible', [TARGETED]: 'not-eligible' },
    serviceText: { [TARGETED]: ['statutory single assessment'] },
    instead: 'Discuss the family with',
  },
  {
    name: 'a family allocated to the referring social worker: Targeted Support is the named response, at level 4 too',
    facts: plymouthFamily({ needs: ['pc.significant-harm'], existingInvolvement: 'social-care', referrerIsAllocatedWorker: true }),
    level: 4,
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('statutory-families')] },
  },
  {
    name: 'stepping down at level 2: Targeted Support is the named response for step-down, and Family Hubs fit too',
    facts: plymouthFamily({ needs: ['cd.behaviour'], steppingDown: true }),
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('statutory-families')] },
  },
  {
    name: 'a young person who went missing: Targeted Support, with a Return Home Interview within 72 hours',
    facts: plymouthFamily({ children: [{ age: 15 }], needs: ['cd.missing-episodes'] }),
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('missing')] },
  },
  {
    name: 'risk of exploitation at level 3: Targeted Support is the named response (CE screening)',
    facts: plymouthFamily({ children: [{ age: 14 }], needs: ['cd.exploitation-risk'] }),
    level: 3,
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('exploitation')] },
  },
  {
    name: 'a young carer at level 2: Targeted Support (Young Carers Assessment) as well as Family Hubs',
    facts: plymouthFamily({ children: [{ age: 12 }], needs: ['cd.young-carer'] }),
    level: 2,
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('young-carer')] },
  },
  {
    name: 'a parent who misuses substances, level 2: Targeted Support supports the children',
    facts: plymouthFamily({ children: [{ age: 6 }], needs: ['pc.parent-substance-misuse'] }),
    level: 2,
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('substance-use')] },
  },
  {
    name: 'a young person who uses substances: Targeted Support',
    facts: plymouthFamily({ children: [{ age: 16 }], needs: ['cd.substance-use'] }),
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('substance-use')] },
  },
  {
    name: 'a 16-year-old at risk of homelessness: the 16/17 Joint Protocol',
    facts: plymouthFamily({ children: [{ age: 16 }], needs: ['fe.homelessness-risk'] }),
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('homeless-16-17')] },
  },
  {
    name: 'a family with young children at risk of homelessness is not the 16/17 protocol (but level 3: Targeted Support)',
    facts: plymouthFamily({ children: [{ age: 4 }], needs: ['fe.homelessness-risk'] }),
    level: 3,
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [] },
  },
  {
    name: 'domestic abuse at level 2: Targeted Support is the named response for domestic abuse support',
    facts: plymouthFamily({ children: [{ age: 3 }], needs: ['fe.domestic-abuse'] }),
    level: 2,
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('domestic-abuse')] },
  },
  {
    name: 'high-risk domestic abuse at level 4: still Targeted Support, the level stays advice',
    facts: plymouthFamily({ children: [{ age: 3 }], needs: ['fe.domestic-abuse-high-risk'] }),
    level: 4,
    outcomes: { [HUBS]: 'not-eligible', [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('domestic-abuse')] },
  },
  {
    name: 'a pre-birth assessment: Targeted Support carries them out',
    facts: plymouthFamily({ children: [{ unborn: true }], needs: ['pc.parent-mental-health'], requestedSupport: 'pre-birth-assessment' }),
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('pre-birth-assessment')] },
  },
  {
    name: 'a court report request: Targeted Support prepares them where required',
    facts: plymouthFamily({ needs: ['pc.neglect'], requestedSupport: 'court-report', courtProceedings: true }),
    outcomes: { [TARGETED]: 'eligible' },
    named: { [TARGETED]: [named('court-report')] },
  },
  {
    name: 'a pregnancy alone qualifies in Plymouth',
    facts: plymouthFamily({ children: [{ unborn: true }], needs: ['pc.postnatal-isolation'] }),
    outcomes: { [HUBS]: 'eligible' },
  },
  {
    name: 'a young person aged 19 is in range',
    facts: plymouthFamily({ children: [{ age: 19 }], needs: ['cd.emotional-wellbeing'] }),
    outcomes: { [HUBS]: 'eligible' },
  },
  {
    name: 'out of area (Hertfordshire): neither Plymouth service, and no named response',
    facts: family({ children: [{ age: 15 }], needs: ['cd.missing-episodes'] }),
    outcomes: { [HUBS]: 'not-eligible', [TARGETED]: 'not-eligible' },
    serviceReasons: { [HUBS]: ['plymouth-family-hubs.lives-in-plymouth'] },
  },
  {
    name: 'no consent discussed: conditional on discussing information sharing',
    facts: plymouthFamily({ needs: ['cd.behaviour'], informationSharingDiscussed: false }),
    outcomes: { [HUBS]: 'conditional' },
  },
];

describe('Plymouth Family Hubs and Targeted Support', () => {
  it.each(vignettes)('$name', (vignette) => {
    runVignette(vignette);
  });

  it('says which named response applies and why, citing the offer', () => {
    const service = serviceOf(check(plymouthFamily({ children: [{ age: 15 }], needs: ['cd.missing-episodes'] })), TARGETED);
    expect(service.namedResponses?.[0]).toMatchObject({
      text: expect.stringContaining('Return Home Interview within 72 hours'),
      source: 'Plymouth Early Help and Targeted Support offer',
      section: '4.5, 7',
    });
  });

  it('sets a 72-hour Return Home Interview when a young person has gone missing', () => {
    const offer = serviceOf(check(plymouthFamily({ children: [{ age: 15 }], needs: ['cd.missing-episodes'] })), TARGETED).offer;
    expect(offer?.timescales).toEqual([
      expect.objectContaining({ event: 'return-home-interview', due: 'within', period: { amount: 72, unit: 'hours' } }),
    ]);
  });

  it('keeps staff supervision (every 2 months) in the pack for reminders, not in the family offer', () => {
    expect(serviceOf(check(plymouthFamily({ needs: ['cd.behaviour'] })), HUBS).offer).toBeUndefined();
  });
});
