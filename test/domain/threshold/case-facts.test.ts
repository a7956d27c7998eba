// parseCaseFacts: untrusted input becomes case facts or a list of named field
// errors, never an exception.
import { describe, expect, it } from 'vitest';
import { parseCaseFacts } from '../../../src/domain/threshold/index.js';
import { family, policy } from './fixtures.js';

function errorsFor(input: unknown) {
  const parsed = parseCaseFacts(input, policy);
  if (parsed.ok) throw new Error('expected validation errors');
  return parsed.errors;
}

describe('parseCaseFacts', () => {
  it('fills the optional facts with their defaults: booleans false, enums "none"', () => {
    const parsed = parseCaseFacts({ area: 'barnet', children: [{ age: 4 }], needs: [] }, policy);
    expect(parsed).toEqual({
      ok: true,
      facts: {
        area: 'barnet',
        immediateRisk: false,
        existingInvolvement: 'none',
        referrerIsAllocatedWorker: false,
        children: [{ age: 4 }],
        multipleBirth: false,
        needs: [],
        informationSharingDiscussed: false,
        teamAroundFamily: 'none',
        steppingDown: false,
        courtProceedings: false,
        childProtectionPlan: false,
        interpreterNeeded: false,
      },
    });
  });

  it('accepts the example from issue 3 as written', () => {
    const parsed = parseCaseFacts(
      {
        area: 'hertfordshire', immediateRisk: false, existingInvolvement: 'none', referrerIsAllocatedWorker: false,
        children: [{ age: 3 }, { unborn: true }], multipleBirth: false, needs: ['pc.routines-boundaries', 'fe.social-isolation'],
        informationSharingDiscussed: true, teamAroundFamily: 'none', steppingDown: false, courtProceedings: false,
        childProtectionPlan: false, interpreterNeeded: false, requestedSupport: 'family-support',
      },
      policy,
    );
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['an unknown need id', family({ needs: ['cd.behaviour', 'cd.made-up'] }), 'needs[1]', 'unknown need id "cd.made-up"'],
    ['a need listed twice', family({ needs: ['cd.behaviour', 'cd.behaviour'] }), 'needs[1]', 'more than once'],
    ['an age above 19 (the 0–19 Request Form refuses it too)', family({ children: [{ age: 20 }] }), 'children[0].age', 'from 0 to 19'],
    ['a negative age', family({ children: [{ age: 2 }, { age: -1 }] }), 'children[1].age', 'from 0 to 19'],
    ['a fractional age', family({ children: [{ age: 2.5 }] }), 'children[0].age', 'whole number'],
    ['an age given as text', { ...family(), children: [{ age: '3' }] }, 'children[0].age', 'whole number'],
    ['an empty children list', family({ children: [] }), 'children', 'at least one child'],
    ['a child with neither age nor unborn', family({ children: [{}] }), 'children[0].age', 'is required'],
    ['an unborn child with an age', family({ children: [{ unborn: true, age: 0 }] }), 'children[0].age', 'unborn child has no age'],
    ['an unknown area', family({ area: 'kent' }), 'area', 'unknown area "kent"'],
    ['a misspelt field', { ...family(), immediaterisk: true }, 'immediaterisk', 'unknown field'],
    ['a boolean given as text', { ...family(), immediateRisk: 'yes' }, 'immediateRisk', 'expected boolean'],
    ['an unknown involvement', { ...family(), existingInvolvement: 'police' }, 'existingInvolvement', 'expected one of'],
    ['an unknown requested support', { ...family(), requestedSupport: 'babysitting' }, 'requestedSupport', 'expected one of'],
    ['missing needs', { area: 'barnet', children: [{ age: 1 }] }, 'needs', 'is required'],
    ['missing area', { children: [{ age: 1 }], needs: [] }, 'area', 'is required'],
  ])('names the field for %s', (_name, input, path, message) => {
    expect(errorsFor(input)).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('reports every problem at once', () => {
    const errors = errorsFor({ area: 'kent', children: [{ age: 30 }], needs: ['nope'], extra: 1 });
    expect(errors.map((error) => error.path).sort()).toEqual(['area', 'children[0].age', 'extra', 'needs[0]']);
  });

  it.each([null, 'hertfordshire', 42, [], undefined])('rejects %j as a whole', (input) => {
    expect(errorsFor(input)[0]?.path).toBe('(root)');
  });

  it('never throws, even for values JSON cannot produce', () => {
    const hostile = Object.defineProperty({}, 'area', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(() => parseCaseFacts(hostile, policy)).not.toThrow();
    expect(parseCaseFacts(hostile, policy).ok).toBe(false);
  });
});
