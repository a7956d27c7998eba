// Vignettes for the Plymouth packs (seed 003): Family Hubs at levels 1–2,
// Targeted Support at level 3 (and for allocated statutory and step-down cases).
import { describe, expect, it } from 'vitest';
import { check, family, runVignette, serviceOf, type Vignette } from './fixtures.js';

const HUBS = 'plymouth-family-hubs';
const TARGETED = 'plymouth-targeted-support';

const plymouthFamily = (overrides: Parameters<typeof family>[0] = {}) => family({ area: 'plymouth', ...overrides });

const vignettes: Vignette[] = [
  {
    name: 'level 2 in Plymouth: Family Hubs, not Targeted Support',
    facts: plymouthFamily({ children: [{ age: 8 }], needs: ['cd.behaviour'] }),
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'not-eligible' },
    serviceReasons: { [HUBS]: ['plymouth-family-hubs.prioritised-by-vulnerability'], [TARGETED]: ['plymouth-targeted-support.complex-needs'] },
  },
  {
    name: 'level 1 in Plymouth: Family Hubs offer advice and signposting',
    facts: plymouthFamily({ needs: ['pc.parenting-advice'] }),
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'not-eligible' },
  },
  {
    name: 'level 3 in Plymouth: Targeted Support, triaged by a multi-disciplinary team',
    facts: plymouthFamily({ children: [{ age: 14 }], needs: ['cd.substance-use'] }),
    level: 3,
    outcomes: { [HUBS]: 'not-eligible', [TARGETED]: 'eligible' },
    serviceReasons: { [TARGETED]: ['plymouth-targeted-support.multi-disciplinary-triage'] },
  },
  {
    name: 'level 4, not allocated: statutory single assessment first',
    facts: plymouthFamily({ needs: ['pc.significant-harm'] }),
    level: 4,
    outcomes: { [HUBS]: 'not-eligible', [TARGETED]: 'not-eligible' },
    serviceText: { [TARGETED]: ['statutory single assessment'] },
  },
  {
    name: 'level 4 allocated to the referring social worker: Targeted Support alongside',
    facts: plymouthFamily({ needs: ['pc.neglect', 'cd.exploitation-risk'], existingInvolvement: 'social-care', referrerIsAllocatedWorker: true }),
    level: 4,
    outcomes: { [TARGETED]: 'eligible' },
    serviceReasons: { [TARGETED]: ['plymouth-targeted-support.alongside-allocated-social-worker'] },
  },
  {
    name: 'stepping down at level 2: Targeted Support takes step-down cases, and Family Hubs fit too',
    facts: plymouthFamily({ needs: ['cd.behaviour'], steppingDown: true }),
    outcomes: { [HUBS]: 'eligible', [TARGETED]: 'eligible' },
    serviceText: { [TARGETED]: ['stepping down'] },
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
    name: 'a young person aged 20 is out of range for both Plymouth services',
    facts: plymouthFamily({ children: [{ age: 20 }], needs: ['cd.self-harm'] }),
    outcomes: { [HUBS]: 'not-eligible', [TARGETED]: 'not-eligible' },
    serviceReasons: { [TARGETED]: ['plymouth-targeted-support.child-0-19-or-pregnancy'] },
  },
  {
    name: 'out of area (Hertfordshire): neither Plymouth service',
    facts: family({ needs: ['cd.substance-use'] }),
    outcomes: { [HUBS]: 'not-eligible', [TARGETED]: 'not-eligible' },
    serviceReasons: { [HUBS]: ['plymouth-family-hubs.lives-in-plymouth'] },
  },
  {
    name: 'no consent discussed: conditional on discussing information sharing',
    facts: plymouthFamily({ needs: ['cd.behaviour'], informationSharingDiscussed: false }),
    outcomes: { [HUBS]: 'conditional' },
  },
  {
    name: 'a court report request: Targeted Support prepares them where required',
    facts: plymouthFamily({ needs: ['pc.neglect'], requestedSupport: 'court-report', courtProceedings: true }),
    outcomes: { [TARGETED]: 'eligible' },
    serviceReasons: { [TARGETED]: ['plymouth-targeted-support.court-reports'] },
  },
];

describe('Plymouth Family Hubs and Targeted Support (seed 003)', () => {
  it.each(vignettes)('$name', (vignette) => {
    runVignette(vignette);
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
