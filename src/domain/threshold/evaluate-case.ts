// Owns the whole threshold check: hard rules first (a stop returns no level and
// no services), then the suggested level and i-THRIVE grouping, then an outcome
// for every configured service. Pure and deterministic: same facts and policy,
// same result; no clock, no I/O.
import type { Area, Policy } from '../policy/index.js';
import type { CaseFacts } from './case-facts.js';
import type { CaseContext } from './case-context.js';
import { evaluateService } from './evaluate-service.js';
import { applyHardRules } from './hard-rules.js';
import type { CheckResult } from './result.js';
import { suggestLevel } from './suggest-level.js';

/**
 * Facts must come from parseCaseFacts(input, policy) with the same policy; an
 * unknown area or need here is a programming error and throws.
 */
export function evaluateCase(facts: CaseFacts, policy: Policy): CheckResult {
  const area = areaOf(facts, policy);
  const unknownNeed = facts.needs.find((id) => !policy.catalogue.needs.some((need) => need.id === id));
  if (unknownNeed !== undefined) {
    throw new Error(`evaluateCase: need "${unknownNeed}" is not in this policy's catalogue; validate with parseCaseFacts(input, policy) first`);
  }

  const hardRules = applyHardRules(facts, area, policy);
  if (hardRules.stop !== null) {
    return { stop: hardRules.stop, level: null, thrive: null, reasons: hardRules.reasons, services: [] };
  }

  const suggestion = suggestLevel(facts, area, policy);
  const context: CaseContext = { facts, level: suggestion.level, needIds: new Set(facts.needs) };
  return {
    stop: null,
    level: suggestion.level,
    thrive: suggestion.thrive,
    reasons: [...hardRules.reasons, ...suggestion.reasons],
    services: policy.services.map((pack) => evaluateService(pack, context)),
  };
}

function areaOf(facts: CaseFacts, policy: Policy): Area {
  const area = policy.areas.areas.find((candidate) => candidate.id === facts.area);
  if (!area) throw new Error(`evaluateCase: area "${facts.area}" is not in this policy; validate with parseCaseFacts(input, policy) first`);
  return area;
}
