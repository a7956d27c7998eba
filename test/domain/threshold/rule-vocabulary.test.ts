// The rule vocabulary on its own terms: small synthetic packs that pin down
// what each rule kind and condition means, beyond what the seed packs exercise.
import { describe, expect, it } from 'vitest';
import { ServicePackSchema, type Policy } from '../../../src/domain/policy/index.js';
import { evaluateCase, parseCaseFacts, type CaseFactsInput, type ServiceResult } from '../../../src/domain/threshold/index.js';
import { family, policy } from './fixtures.js';

function withRules(rules: unknown[], extra: Record<string, unknown> = {}): Policy {
  const pack = ServicePackSchema.parse({
    id: 'test-service',
    name: 'Test service',
    provider: 'Test provider',
    summary: 'A service that exists only in tests.',
    source: { document: 'right-response', says: 'test' },
    rules,
    ...extra,
  });
  return { ...policy, services: [pack] };
}

function outcomeOf(testPolicy: Policy, input: CaseFactsInput): ServiceResult {
  const parsed = parseCaseFacts(input, testPolicy);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const [service] = evaluateCase(parsed.facts, testPolicy).services;
  if (!service) throw new Error('no service in result');
  return service;
}

const wording = { met: 'met', unmet: 'unmet', notApplicable: 'not applicable' };

describe('rule vocabulary', () => {
  it('counts the demographic facts as one need at most, however many apply', () => {
    const threeNeeds = withRules([
      {
        id: 'test.three-needs', kind: 'min-needs-excluding-demographic', minNeeds: 3, minPresentingNeeds: 1,
        demographicNeed: { multipleBirth: true, childrenUnder: { age: 5, atLeast: 2, unbornCounts: true } },
        onUnmet: 'not-eligible', reason: wording, source: { document: 'right-response', says: 'test' },
      },
    ]);
    const twinsAmongUnderFives = { children: [{ age: 1 }, { age: 1 }, { age: 3 }], multipleBirth: true };
    expect(outcomeOf(threeNeeds, family({ ...twinsAmongUnderFives, needs: ['cd.behaviour'] })).outcome).toBe('not-eligible');
    expect(outcomeOf(threeNeeds, family({ ...twinsAmongUnderFives, needs: ['cd.behaviour', 'fe.social-isolation'] })).outcome).toBe('eligible');
  });

  it('does not count an expected baby as an under-five when unbornCounts is false', () => {
    const twoNeeds = withRules([
      {
        id: 'test.two-needs', kind: 'min-needs-excluding-demographic', minNeeds: 2, minPresentingNeeds: 1,
        demographicNeed: { multipleBirth: false, childrenUnder: { age: 5, atLeast: 2, unbornCounts: false } },
        onUnmet: 'not-eligible', reason: wording, source: { document: 'right-response', says: 'test' },
      },
    ]);
    expect(outcomeOf(twoNeeds, family({ children: [{ unborn: true }, { age: 2 }], needs: ['cd.behaviour'] })).outcome).toBe('not-eligible');
    expect(outcomeOf(twoNeeds, family({ children: [{ age: 4 }, { age: 2 }], needs: ['cd.behaviour'] })).outcome).toBe('eligible');
  });

  it('treats a rule whose appliesWhen is false as met, saying its notApplicable text', () => {
    const onlyForLevel3 = withRules([
      { id: 'test.level-3-only', kind: 'level-range', min: 4, appliesWhen: { levelAtLeast: 3 }, onUnmet: 'not-eligible', reason: wording, source: { document: 'right-response', says: 'test' } },
    ]);
    const service = outcomeOf(onlyForLevel3, family({ needs: ['cd.behaviour'] }));
    expect(service).toMatchObject({ outcome: 'eligible', reasons: [{ rule: 'test.level-3-only', text: 'not applicable' }] });
    expect(outcomeOf(onlyForLevel3, family({ needs: ['cd.offending'] })).outcome).toBe('not-eligible');
  });

  it('evaluates anyOf, not and several tests in one condition (all must hold)', () => {
    const requirement = { anyOf: [{ flag: 'courtProceedings', levelAtLeast: 3 }, { not: { teamAroundFamily: ['none'] } }] };
    const requires = withRules([{ id: 'test.requires', kind: 'requires', requirement, onUnmet: 'not-eligible', reason: wording, source: { document: 'right-response', says: 'test' } }]);
    expect(outcomeOf(requires, family({ courtProceedings: true, needs: ['cd.offending'] })).outcome).toBe('eligible');
    expect(outcomeOf(requires, family({ courtProceedings: true, needs: ['cd.behaviour'] })).outcome).toBe('not-eligible');
    expect(outcomeOf(requires, family({ teamAroundFamily: 'universal' })).outcome).toBe('eligible');
  });

  it('shows notes only with eligible or conditional outcomes, and only when they apply', () => {
    const noted = withRules([
      { id: 'test.area', kind: 'area-in', areas: ['barnet'], onUnmet: 'not-eligible', reason: wording, source: { document: 'right-response', says: 'test' } },
      { id: 'test.note', kind: 'note', appliesWhen: { flag: 'interpreterNeeded' }, text: 'Book an interpreter.', source: { document: 'right-response', says: 'test' } },
    ]);
    const rules = (service: ServiceResult) => service.reasons.map((reason) => reason.rule);
    expect(rules(outcomeOf(noted, family({ area: 'barnet', interpreterNeeded: true })))).toEqual(['test.area', 'test.note']);
    expect(rules(outcomeOf(noted, family({ area: 'barnet' })))).toEqual(['test.area']);
    expect(rules(outcomeOf(noted, family({ interpreterNeeded: true })))).toEqual(['test.area']);
  });

  it('lists each distinct condition once, in rule order', () => {
    const twice = withRules([
      { id: 'test.sharing', kind: 'requires-info-sharing', onUnmet: 'conditional', condition: 'Discuss sharing.', reason: wording, source: { document: 'right-response', says: 'test' } },
      { id: 'test.taf', kind: 'requires-taf-lead-in', leadIn: ['targeted'], onUnmet: 'conditional', condition: 'Set up a TAF.', reason: wording, source: { document: 'right-response', says: 'test' } },
      { id: 'test.sharing-again', kind: 'requires-info-sharing', onUnmet: 'conditional', condition: 'Discuss sharing.', reason: wording, source: { document: 'right-response', says: 'test' } },
    ]);
    expect(outcomeOf(twice, family({ informationSharingDiscussed: false })).conditions).toEqual(['Discuss sharing.', 'Set up a TAF.']);
  });

  it('still gives a reason when no rule has anything to say', () => {
    const quiet = withRules([{ id: 'test.quiet', kind: 'requested-support-not-offered', requested: ['court-report'], signpost: 'Ask elsewhere.', onUnmet: 'not-eligible', reason: { unmet: 'No.' }, source: { document: 'right-response', says: 'test' } }]);
    expect(outcomeOf(quiet, family()).reasons).toEqual([{ rule: 'test-service', text: 'A service that exists only in tests.', source: 'Right Response product default (configurable)' }]);
  });

  it('a named response that holds lifts the level rules and is reported with its source; one that does not changes nothing', () => {
    const rules = [
      { id: 'test.named', kind: 'named-response', when: { needsAny: ['cd.young-carer'] }, text: 'The named response to young carers.', source: { document: 'plymouth-ehts', section: '7' } },
      { id: 'test.level-3', kind: 'level-range', min: 3, onUnmet: 'not-eligible', reason: wording, source: { document: 'right-response' } },
    ];
    const carer = outcomeOf(withRules(rules), family({ needs: ['cd.young-carer'] }));
    expect(carer.outcome).toBe('eligible');
    expect(carer.namedResponses).toEqual([{ rule: 'test.named', text: 'The named response to young carers.', source: 'Plymouth Early Help and Targeted Support offer', section: '7' }]);
    const other = outcomeOf(withRules(rules), family({ needs: ['cd.behaviour'] }));
    expect(other.outcome).toBe('not-eligible');
    expect(other.namedResponses).toBeUndefined();
  });

  it('childAged tests born children only, within the range', () => {
    const rules = [{ id: 'test.teen', kind: 'requires', requirement: { childAged: { min: 16, max: 17 } }, onUnmet: 'not-eligible', reason: wording, source: { document: 'right-response' } }];
    expect(outcomeOf(withRules(rules), family({ children: [{ age: 17 }] })).outcome).toBe('eligible');
    expect(outcomeOf(withRules(rules), family({ children: [{ age: 15 }, { unborn: true }] })).outcome).toBe('not-eligible');
  });
});
