// Vignettes for the Barnet 0–19 hub pack (seed 004) and the generic Family Hub
// 0–19 pack for councils without their own.
import { describe, it } from 'vitest';
import { family, runVignette, type Vignette } from './fixtures.js';

const BARNET = 'barnet-0-19-hub';
const GENERIC = 'family-hub-0-19';

const barnetFamily = (overrides: Parameters<typeof family>[0] = {}) =>
  family({ area: 'barnet', children: [{ age: 7 }], needs: ['pc.routines-boundaries'], ...overrides });

const barnet: Vignette[] = [
  {
    name: 'parenting requested: an evidence-based group programme, 6 sessions then review',
    facts: barnetFamily({ requestedSupport: 'parenting' }),
    outcomes: { [BARNET]: 'eligible' },
    parenting: { format: 'group', maxSessions: 6 },
  },
  {
    name: 'parenting with a child protection plan: 1:1 can be considered',
    facts: barnetFamily({ requestedSupport: 'parenting', childProtectionPlan: true, existingInvolvement: 'social-care', referrerIsAllocatedWorker: true }),
    parenting: { format: 'one-to-one', maxSessions: 6 },
  },
  {
    name: 'parenting for a parent who needs an interpreter: 1:1 can be considered',
    facts: barnetFamily({ requestedSupport: 'parenting', interpreterNeeded: true }),
    parenting: { format: 'one-to-one', maxSessions: 6 },
  },
  {
    name: 'parenting with a parent who has a learning difficulty: complex, up to 12 sessions',
    facts: barnetFamily({ requestedSupport: 'parenting', needs: ['pc.routines-boundaries', 'pc.parent-learning-difficulty'] }),
    parenting: { format: 'group', maxSessions: 12 },
  },
  {
    name: 'parenting at level 3: complex, up to 12 sessions',
    facts: barnetFamily({ requestedSupport: 'parenting', needs: ['pc.routines-boundaries', 'fe.domestic-abuse'] }),
    level: 3,
    parenting: { format: 'group', maxSessions: 12 },
  },
  {
    name: 'no parenting requested: no parenting offer',
    facts: barnetFamily({ requestedSupport: 'family-support' }),
    outcomes: { [BARNET]: 'eligible' },
    parenting: null,
  },
  {
    name: 'a court report is not offered, with the signpost',
    facts: barnetFamily({ requestedSupport: 'court-report', courtProceedings: true }),
    outcomes: { [BARNET]: 'not-eligible' },
    serviceReasons: { [BARNET]: ['barnet-0-19-hub.no-court-work'] },
    serviceText: { [BARNET]: ['do not write court reports', 'stay with the allocated social worker'] },
    parenting: null,
  },
  {
    name: 'a parenting viability assessment is not offered',
    facts: barnetFamily({ requestedSupport: 'parenting-viability-assessment', courtProceedings: true }),
    outcomes: { [BARNET]: 'not-eligible' },
    serviceReasons: { [BARNET]: ['barnet-0-19-hub.no-court-work'] },
  },
  {
    name: 'a specialist (autism/ADHD) parenting programme: refer to commissioned partners',
    facts: barnetFamily({ requestedSupport: 'specialist-parenting' }),
    outcomes: { [BARNET]: 'not-eligible' },
    serviceText: { [BARNET]: ['commissioned partners'] },
  },
  {
    name: 'court proceedings with a request for family support: eligible, with a note',
    facts: barnetFamily({ courtProceedings: true, requestedSupport: 'family-support' }),
    outcomes: { [BARNET]: 'eligible' },
    serviceReasons: { [BARNET]: ['barnet-0-19-hub.court-proceedings'] },
  },
  {
    name: 'level 4, not allocated: statutory social care leads',
    facts: barnetFamily({ needs: ['fe.domestic-abuse-high-risk'] }),
    level: 4,
    outcomes: { [BARNET]: 'not-eligible' },
    serviceReasons: { [BARNET]: ['barnet-0-19-hub.below-statutory'] },
  },
  {
    name: 'the allocated DAT social worker at level 4: OSR joint visit or request form',
    facts: barnetFamily({ needs: ['pc.significant-harm'], existingInvolvement: 'social-care', referrerIsAllocatedWorker: true }),
    level: 4,
    outcomes: { [BARNET]: 'eligible' },
    serviceReasons: { [BARNET]: ['barnet-0-19-hub.one-service-response'] },
  },
  {
    name: 'stepping down: the same practitioner stays involved where possible',
    facts: barnetFamily({ steppingDown: true }),
    outcomes: { [BARNET]: 'eligible' },
    serviceReasons: { [BARNET]: ['barnet-0-19-hub.same-practitioner-on-step-down'] },
  },
  {
    name: 'pre-birth counts in Barnet',
    facts: barnetFamily({ children: [{ unborn: true }] }),
    outcomes: { [BARNET]: 'eligible' },
  },
  {
    name: 'a young person aged 20 is out of range in Barnet',
    facts: barnetFamily({ children: [{ age: 20 }] }),
    outcomes: { [BARNET]: 'not-eligible' },
  },
];

const generic: Vignette[] = [
  {
    name: 'generic family hub in Hertfordshire (no own family hub pack), level 2: eligible',
    facts: family({ children: [{ age: 12 }], needs: ['cd.school-attendance-low'] }),
    outcomes: { [GENERIC]: 'eligible' },
  },
  {
    name: 'generic family hub does not apply where a council has its own pack',
    facts: family({ area: 'plymouth', needs: ['cd.behaviour'] }),
    outcomes: { [GENERIC]: 'not-eligible' },
    serviceReasons: { [GENERIC]: ['family-hub-0-19.no-council-pack'] },
  },
  {
    name: 'generic family hub at level 3 without a TAF: conditional on one',
    facts: family({ needs: ['cd.offending'] }),
    outcomes: { [GENERIC]: 'conditional' },
    conditions: { [GENERIC]: ['Offer family hub support as part of a Team Around the Family with an early help assessment.'] },
  },
  {
    name: 'generic family hub at level 3 with a TAF: eligible',
    facts: family({ needs: ['cd.offending'], teamAroundFamily: 'universal' }),
    outcomes: { [GENERIC]: 'eligible' },
  },
  {
    name: 'generic family hub at level 4: statutory services lead',
    facts: family({ needs: ['cd.exploitation-risk'], teamAroundFamily: 'specialist' }),
    outcomes: { [GENERIC]: 'not-eligible' },
  },
];

describe('Barnet 0–19 Early Help hub (seed 004)', () => {
  it.each(barnet)('$name', (vignette) => {
    runVignette(vignette);
  });
});

describe('generic Family Hub 0–19', () => {
  it.each(generic)('$name', (vignette) => {
    runVignette(vignette);
  });
});
