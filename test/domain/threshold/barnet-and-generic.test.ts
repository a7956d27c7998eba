// Vignettes for the Barnet 0–19 hub pack (Barnet One Service Response
// protocol) and the generic Family Hub 0–19 pack, which serves only an area
// with no service of its own configured.
import { describe, expect, it } from 'vitest';
import { CheckResultSchema, evaluateCase, parseCaseFacts, type CaseFactsInput } from '../../../src/domain/threshold/index.js';
import type { Policy } from '../../../src/domain/policy/index.js';
import { family, policy, runVignette, serviceOf, type Vignette } from './fixtures.js';

const BARNET = 'barnet-0-19-hub';
const GENERIC = 'family-hub-0-19';

const barnetFamily = (overrides: Parameters<typeof family>[0] = {}) =>
  family({ area: 'barnet', children: [{ age: 7 }], needs: ['pc.routines-boundaries'], ...overrides });

const barnet: Vignette[] = [
  {
    name: 'parenting requested: an evidence-based group programme, 6 sessions then review',
    facts: barnetFamily({ requestedSupport: 'parenting' }),
    outcomes: { [BARNET]: 'eligible' },
    parenting: { format: 'group', extension: null },
  },
  {
    name: 'parenting with a child protection plan: 1:1 can be considered',
    facts: barnetFamily({ requestedSupport: 'parenting', childProtectionPlan: true, existingInvolvement: 'social-care', referrerIsAllocatedWorker: true }),
    parenting: { format: 'one-to-one', extension: null },
  },
  {
    name: 'parenting for a parent who needs an interpreter: 1:1 can be considered',
    facts: barnetFamily({ requestedSupport: 'parenting', interpreterNeeded: true }),
    parenting: { format: 'one-to-one', extension: null },
  },
  {
    name: 'parenting with a parent who has a learning difficulty: complex, up to a further 6 weeks after the review (a period, not sessions)',
    facts: barnetFamily({ requestedSupport: 'parenting', needs: ['pc.routines-boundaries', 'pc.parent-learning-difficulty'] }),
    parenting: { format: 'group', extension: { amount: 6, unit: 'weeks' } },
  },
  {
    name: 'parenting at level 3: complex, up to a further 6 weeks',
    facts: barnetFamily({ requestedSupport: 'parenting', needs: ['pc.routines-boundaries', 'pc.neglect'] }),
    level: 3,
    parenting: { format: 'group', extension: { amount: 6, unit: 'weeks' } },
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
];

/** The shipped policy plus an area with no service of its own: where the generic pack applies. */
const withNewArea: Policy = {
  ...policy,
  areas: { areas: [...policy.areas.areas, { id: 'exampleshire', name: 'Exampleshire', council: 'Exampleshire Council', frontDoor: { name: '', phone: '', source: { document: 'right-response' } }, localContacts: [], outwardCodes: ['ZZ'] }] },
};

function genericOutcome(facts: CaseFactsInput) {
  const parsed = parseCaseFacts(facts, withNewArea);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = CheckResultSchema.parse(evaluateCase(parsed.facts, withNewArea));
  return serviceOf(result, GENERIC);
}

describe('Barnet 0–19 Early Help hub (One Service Response protocol)', () => {
  it.each(barnet)('$name', (vignette) => {
    runVignette(vignette);
  });

  it('tells the referrer the further period is up to 6 weeks, not 6 more sessions', () => {
    const parenting = serviceOf(runVignette({ name: 'complex', facts: barnetFamily({ requestedSupport: 'parenting', needs: ['pc.parent-learning-difficulty'] }) }), BARNET).offer?.parenting;
    expect(parenting?.reasons.map((r) => r.text).join(' ')).toContain('up to a further 6 weeks');
    expect(parenting?.reasons[0]).toMatchObject({ source: 'Barnet One Service Response protocol', section: '4.2' });
  });
});

describe('generic Family Hub 0–19: never beside a council\'s own services', () => {
  it.each(['hertfordshire', 'plymouth', 'barnet', 'bradford'])('is not offered in %s, which has services of its own', (area) => {
    const service = serviceOf(runVignette({ name: area, facts: family({ area, children: [{ age: 12 }], needs: ['cd.school-attendance-low'] }) }), GENERIC);
    expect(service.outcome).toBe('not-eligible');
    expect(service.inArea).toBe(false);
    expect(service.reasons.map((r) => r.rule)).toEqual(['family-hub-0-19.no-council-pack']);
  });

  it('applies in an area with no service of its own, and says so', () => {
    const service = genericOutcome({ area: 'exampleshire', children: [{ age: 12 }], needs: ['cd.school-attendance-low'], informationSharingDiscussed: true });
    expect(service).toMatchObject({ outcome: 'eligible', inArea: true });
    expect(service.reasons.map((r) => r.text).join(' ')).toContain('No service of the area\'s own council is set up');
  });

  it('at level 3 without a TAF there: conditional on one; with one, eligible; at level 4, statutory services lead', () => {
    const base = { area: 'exampleshire', children: [{ age: 12 }], informationSharingDiscussed: true };
    expect(genericOutcome({ ...base, needs: ['cd.offending'] })).toMatchObject({ outcome: 'conditional', conditions: ['Offer family hub support as part of a Team Around the Family with an early help assessment.'] });
    expect(genericOutcome({ ...base, needs: ['cd.offending'], teamAroundFamily: 'universal' }).outcome).toBe('eligible');
    expect(genericOutcome({ ...base, needs: ['pc.significant-harm'], teamAroundFamily: 'specialist' }).outcome).toBe('not-eligible');
  });
});
