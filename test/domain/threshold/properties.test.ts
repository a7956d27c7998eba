// Property tests (fast-check) for the engine's promises: monotone levels,
// immediate risk always stops, determinism, and total parsing (a result or a
// validation error, never an exception).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CheckResultSchema,
  evaluateCase,
  parseCaseFacts,
  type CaseFacts,
  type CaseFactsInput,
  type CheckResult,
} from '../../../src/domain/threshold/index.js';
import { policy } from './fixtures.js';

const needIds = policy.catalogue.needs.map((need) => need.id);
const areaIds = policy.areas.areas.map((area) => area.id);

const child = fc.oneof(fc.record({ age: fc.integer({ min: 0, max: 19 }) }), fc.constant({ unborn: true }));

/** Any well-formed case facts; optional keys are sometimes left out to exercise defaults. */
const wellFormedFacts: fc.Arbitrary<CaseFactsInput> = fc.record(
  {
    area: fc.constantFrom(...areaIds),
    immediateRisk: fc.boolean(),
    existingInvolvement: fc.constantFrom('none', 'social-care', 'early-help-plan'),
    referrerIsAllocatedWorker: fc.boolean(),
    children: fc.array(child, { minLength: 1, maxLength: 6 }),
    multipleBirth: fc.boolean(),
    needs: fc.shuffledSubarray(needIds),
    informationSharingDiscussed: fc.boolean(),
    teamAroundFamily: fc.constantFrom('none', 'universal', 'targeted', 'specialist'),
    steppingDown: fc.boolean(),
    courtProceedings: fc.boolean(),
    childProtectionPlan: fc.boolean(),
    interpreterNeeded: fc.boolean(),
    requestedSupport: fc.constantFrom('parenting', 'specialist-parenting', 'court-report', 'parenting-viability-assessment', 'family-support'),
  },
  { requiredKeys: ['area', 'children', 'needs'] },
);

/** Well-formed facts that reach scoring (no stop). */
const scoredFacts = wellFormedFacts.map((facts) => ({ ...facts, immediateRisk: false, existingInvolvement: 'none' as const }));

function parse(input: unknown): CaseFacts {
  const parsed = parseCaseFacts(input, policy);
  if (!parsed.ok) throw new Error(`generator produced invalid facts: ${JSON.stringify(parsed.errors)}`);
  return parsed.facts;
}

const run = (input: CaseFactsInput): CheckResult => evaluateCase(parse(input), policy);

describe('threshold engine properties', () => {
  it('turns any well-formed input into a result that honours the output contract', () => {
    fc.assert(
      fc.property(wellFormedFacts, (input) => {
        const result = run(input);
        expect(CheckResultSchema.safeParse(result).success).toBe(true);
        if (result.stop === null) expect(result.services.map((service) => service.id)).toEqual(policy.services.map((pack) => pack.id));
      }),
    );
  });

  it('never lowers the level when a need is added', () => {
    fc.assert(
      fc.property(scoredFacts, fc.constantFrom(...needIds), (input, extra) => {
        fc.pre(!input.needs.includes(extra));
        const before = run(input).level ?? 0;
        const after = run({ ...input, needs: [...input.needs, extra] }).level ?? 0;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('never suggests level 4 without a level-4 indicator, nor less than the highest indicator', () => {
    fc.assert(
      fc.property(scoredFacts, (input) => {
        const levels = policy.catalogue.needs.filter((need) => input.needs.includes(need.id)).map((need) => need.defaultLevel);
        const level = run(input).level ?? 0;
        expect(level).toBeGreaterThanOrEqual(Math.max(1, ...levels));
        expect(level === 4).toBe(levels.includes(4));
      }),
    );
  });

  it('always stops on immediate risk, with no level and no services', () => {
    fc.assert(
      fc.property(wellFormedFacts, (input) => {
        const result = run({ ...input, immediateRisk: true });
        expect(result).toMatchObject({ stop: 'immediate-risk', level: null, thrive: null, services: [] });
      }),
    );
  });

  it('is deterministic, whatever the order of needs and children', () => {
    fc.assert(
      fc.property(wellFormedFacts, fc.nat(), (input, seed) => {
        const first = run(input);
        expect(run(structuredClone(input))).toEqual(first);
        const rotate = <T>(items: readonly T[]) => items.map((_, i) => items[(i + seed) % items.length] as T);
        expect(run({ ...input, needs: [...input.needs].reverse(), children: rotate(input.children) })).toEqual(first);
      }),
    );
  });

  it('answers any value at all with facts or validation errors, never an exception', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true, withDate: true }), (input) => {
        const parsed = parseCaseFacts(input, policy);
        if (!parsed.ok) {
          expect(parsed.errors.length).toBeGreaterThan(0);
          for (const error of parsed.errors) expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
        }
      }),
    );
  });

  it('names the corrupted field when one field of a well-formed input is broken', () => {
    const corruptions: fc.Arbitrary<[string, unknown]> = fc.oneof(
      fc.tuple(fc.constantFrom('immediateRisk', 'multipleBirth', 'steppingDown', 'childProtectionPlan'), fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
      fc.tuple(fc.constant('area'), fc.string().filter((area) => !areaIds.includes(area))),
      fc.tuple(fc.constant('children'), fc.constantFrom([], [{ age: 26 }], [{ age: -1 }], [{ unborn: false }], 'twins')),
      fc.tuple(fc.constant('needs'), fc.constantFrom(['cd.not-a-need'], 'cd.behaviour', [7], null)),
      fc.tuple(fc.constantFrom('existingInvolvement', 'teamAroundFamily', 'requestedSupport'), fc.constantFrom('maybe', 3, true)),
      fc.tuple(fc.string({ minLength: 1 }).filter((key) => !(key in CORE_KEYS) && key !== '__proto__'), fc.anything()),
    );
    fc.assert(
      fc.property(wellFormedFacts, corruptions, (input, [key, value]) => {
        const parsed = parseCaseFacts({ ...input, [key]: value }, policy);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.errors.some((error) => error.path === key || error.path.startsWith(`${key}[`) || error.path.startsWith(`${key}.`))).toBe(true);
      }),
    );
  });
});

const CORE_KEYS: Record<keyof CaseFactsInput, true> = {
  area: true, immediateRisk: true, existingInvolvement: true, referrerIsAllocatedWorker: true, children: true, multipleBirth: true,
  needs: true, informationSharingDiscussed: true, teamAroundFamily: true, steppingDown: true, courtProceedings: true,
  childProtectionPlan: true, interpreterNeeded: true, requestedSupport: true,
};
