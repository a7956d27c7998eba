// Vignettes for Bradford Family Hubs (Bradford Family Hubs implementation
// update): four 0–19 area teams, prevention and early help, one worker for one
// family; and for a check where no service fits, which leads with what to do
// instead rather than a request.
import { describe, expect, it } from 'vitest';
import { areaForPostcode } from '../../../src/domain/policy/index.js';
import { family, policy, runVignette, serviceOf, type Vignette } from './fixtures.js';

const BRADFORD = 'bradford-family-hubs';
const bradfordFamily = (overrides: Parameters<typeof family>[0] = {}) => family({ area: 'bradford', children: [{ age: 6 }], ...overrides });

const bradford: Vignette[] = [
  {
    name: 'level 2 in Bradford: the area Family Hub team, and only that (no generic hub beside it)',
    facts: bradfordFamily({ needs: ['pc.routines-boundaries'] }),
    outcomes: { [BRADFORD]: 'eligible', 'family-hub-0-19': 'not-eligible' },
    serviceReasons: { [BRADFORD]: ['bradford-family-hubs.one-worker', 'bradford-family-hubs.early-help-gateway'] },
    instead: null,
  },
  {
    name: 'level 3 in Bradford: Family Hubs, with intensive family support and Family Group Conferences district-wide',
    facts: bradfordFamily({ needs: ['pc.neglect'] }),
    level: 3,
    outcomes: { [BRADFORD]: 'eligible' },
    serviceReasons: { [BRADFORD]: ['bradford-family-hubs.intensive-support-to-prevent-care'] },
  },
  {
    name: 'level 4 in Bradford, not allocated: statutory social care leads',
    facts: bradfordFamily({ needs: ['pc.significant-harm'] }),
    level: 4,
    outcomes: { [BRADFORD]: 'not-eligible' },
    serviceReasons: { [BRADFORD]: ['bradford-family-hubs.below-statutory'] },
  },
  {
    name: 'a disabled child: short breaks are district-wide',
    facts: bradfordFamily({ needs: ['cd.disability-complex'] }),
    outcomes: { [BRADFORD]: 'eligible' },
    serviceReasons: { [BRADFORD]: ['bradford-family-hubs.short-breaks'] },
  },
];

const instead: Vignette[] = [
  {
    name: 'a Hertfordshire teenager with one emerging need: no configured service fits, so the check says what to do instead',
    facts: family({ children: [{ age: 14 }], needs: ['cd.school-attendance-low'] }),
    level: 2,
    outcomes: { 'home-start-herts': 'not-eligible', 'family-hub-0-19': 'not-eligible' },
    instead: "health visitor, school or local family hub",
  },
  {
    name: 'no needs in Hertfordshire: no request is needed at level 1',
    facts: family({ children: [{ age: 14 }] }),
    level: 1,
    instead: 'No request is needed',
  },
  {
    name: 'level 4 with nothing open to it: discuss with the front door now',
    facts: family({ area: 'barnet', children: [{ age: 9 }], needs: ['pc.significant-harm'] }),
    level: 4,
    instead: 'Discuss the family with',
  },
];

describe('Bradford Family Hubs', () => {
  it.each(bradford)('$name', (vignette) => {
    runVignette(vignette);
  });

  it('covers the Bradford district postcodes, and only those', () => {
    expect(areaForPostcode('BD1 1AA', policy.areas.areas)?.id).toBe('bradford');
    expect(areaForPostcode('BD21 3AA', policy.areas.areas)?.id).toBe('bradford');
    expect(areaForPostcode('LS29 8AA', policy.areas.areas)?.id).toBe('bradford');
    // Cleckheaton (Kirklees) and Skipton (North Yorkshire) have BD postcodes but are not Bradford.
    expect(areaForPostcode('BD19 3AA', policy.areas.areas)).toBeNull();
    expect(areaForPostcode('BD23 1AA', policy.areas.areas)).toBeNull();
  });

  it('keeps the family\'s worker: its requests go to the worker who already has the family', () => {
    const pack = policy.services.find((candidate) => candidate.id === BRADFORD)!;
    expect(pack.requestTerms.keepAllocatedWorker?.text).toContain('One worker, one family, one plan');
  });
});

describe('when no service fits', () => {
  it.each(instead)('$name', (vignette) => {
    runVignette(vignette);
  });

  it('says nothing instead while a service in the family\'s area is open to them', () => {
    const result = runVignette({ name: 'fits', facts: family({ needs: ['pc.routines-boundaries', 'fe.social-isolation'] }) });
    expect(serviceOf(result, 'home-start-herts').outcome).toBe('eligible');
    expect(result.instead).toBeNull();
  });
});
