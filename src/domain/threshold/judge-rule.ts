// Owns what each service rule kind means for a case: one small test per kind
// in the policy vocabulary (src/domain/policy/service-rule.ts), and the verdict
// (met, unmet, not applicable, lifted by a named response, or a note that
// applies) that outcomes are built from.
import type { DecidingRule, RuleOfKind, ServicePack, ServiceRule } from '../policy/index.js';
import { childIsAged, countChildrenUnder, type CaseContext } from './case-context.js';
import { appliesTo, conditionHolds } from './conditions.js';

export type RuleVerdict =
  | { state: 'met' | 'unmet' | 'not-applicable' | 'lifted-by-named-response'; rule: DecidingRule }
  | { state: 'note'; rule: RuleOfKind<'note'> };

/** The pack's named-response rules that hold for this case, in pack order. */
export function namedResponsesFor(pack: ServicePack, context: CaseContext): RuleOfKind<'named-response'>[] {
  return pack.rules.filter((rule): rule is RuleOfKind<'named-response'> => rule.kind === 'named-response' && conditionHolds(rule.when, context));
}

/**
 * Null for a note whose condition does not hold, and for named responses
 * (reported apart). A named response that holds lifts the pack's level-range
 * rules: it is the service's answer at any level.
 */
export function judgeRule(rule: ServiceRule, context: CaseContext, namedResponseHolds: boolean): RuleVerdict | null {
  if (rule.kind === 'named-response') return null;
  if (rule.kind === 'note') {
    return appliesTo(rule.appliesWhen, context) ? { state: 'note', rule } : null;
  }
  if (rule.kind === 'level-range' && namedResponseHolds) return { state: 'lifted-by-named-response', rule };
  if (!appliesTo(rule.appliesWhen, context)) return { state: 'not-applicable', rule };
  return { state: ruleIsMet(rule, context) ? 'met' : 'unmet', rule };
}

function ruleIsMet(rule: DecidingRule, context: CaseContext): boolean {
  const { facts, level } = context;
  switch (rule.kind) {
    case 'area-in':
      return rule.areas.includes(facts.area);
    case 'area-not-in':
      return !rule.areas.includes(facts.area);
    case 'area-without-own-service':
      return !context.areaHasOwnServices;
    case 'child-age-range':
      return facts.children.some((child) => childIsAged(child, rule.minAge, rule.maxAge, rule.unbornCounts));
    case 'level-range':
      return (rule.min === undefined || level >= rule.min) && (rule.max === undefined || level <= rule.max);
    case 'min-needs-excluding-demographic':
      return hasEnoughNeeds(rule, context);
    case 'requires-info-sharing':
      return facts.informationSharingDiscussed;
    case 'requires-taf-lead-in':
      return facts.teamAroundFamily !== 'none' && rule.leadIn.includes(facts.teamAroundFamily);
    case 'requested-support-not-offered':
      return facts.requestedSupport === undefined || !rule.requested.includes(facts.requestedSupport);
    case 'requires':
      return conditionHolds(rule.requirement, context);
    default: {
      const unhandled: never = rule;
      throw new Error(`no test for rule kind ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Home-Start Hertfordshire referral criteria: "more than one need … multiple
 * births or multiple children under-5 alone will not meet the criteria, there
 * must be additional presenting needs". The demographic facts add one to the
 * count at most, and recorded (presenting) needs must reach minPresentingNeeds
 * on their own.
 */
function hasEnoughNeeds(rule: RuleOfKind<'min-needs-excluding-demographic'>, context: CaseContext): boolean {
  const { facts, needIds } = context;
  const { multipleBirth, childrenUnder } = rule.demographicNeed;
  const demographic =
    (multipleBirth && facts.multipleBirth) ||
    (childrenUnder !== undefined && countChildrenUnder(facts.children, childrenUnder.age, childrenUnder.unbornCounts) >= childrenUnder.atLeast);
  const presenting = needIds.size;
  return presenting >= rule.minPresentingNeeds && presenting + (demographic ? 1 : 0) >= rule.minNeeds;
}
