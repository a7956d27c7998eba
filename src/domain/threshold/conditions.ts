// Owns evaluating a policy Condition (see src/domain/policy/condition.ts)
// against a case: every test present in the object must hold.
import type { Condition } from '../policy/index.js';
import { childIsAged, type CaseContext } from './case-context.js';

export function conditionHolds(condition: Condition, context: CaseContext): boolean {
  const { facts, level, needIds } = context;
  const tests: boolean[] = [];
  if (condition.levelAtLeast !== undefined) tests.push(level >= condition.levelAtLeast);
  if (condition.levelAtMost !== undefined) tests.push(level <= condition.levelAtMost);
  if (condition.flag !== undefined) tests.push(facts[condition.flag]);
  if (condition.existingInvolvement) tests.push(condition.existingInvolvement.includes(facts.existingInvolvement));
  if (condition.teamAroundFamily) tests.push(condition.teamAroundFamily.includes(facts.teamAroundFamily));
  if (condition.requestedSupport) {
    const requested = facts.requestedSupport;
    tests.push(requested !== undefined && condition.requestedSupport.includes(requested));
  }
  if (condition.needsAny) tests.push(condition.needsAny.some((id) => needIds.has(id)));
  if (condition.childAged) {
    const { min, max } = condition.childAged;
    tests.push(facts.children.some((child) => childIsAged(child, min, max, false)));
  }
  if (condition.anyOf) tests.push(condition.anyOf.some((alternative) => conditionHolds(alternative, context)));
  if (condition.not) tests.push(!conditionHolds(condition.not, context));
  return tests.every(Boolean);
}

/** A missing condition always holds: the rule or offer applies to everyone. */
export function appliesTo(condition: Condition | undefined, context: CaseContext): boolean {
  return condition === undefined || conditionHolds(condition, context);
}
