// Owns the whole threshold check: hard rules first (a stop returns no level and
// no services), then the suggested level, its i-THRIVE grouping and any
// suggestions, then an outcome for every configured service, and, when no
// service in the family's area fits, what to do instead. Pure and
// deterministic: same facts and policy, same result; no clock, no I/O.
import { areaHasOwnServices, renderTemplate, type Area, type Policy } from '../policy/index.js';
import type { CaseFacts } from './case-facts.js';
import type { CaseContext } from './case-context.js';
import { evaluateService } from './evaluate-service.js';
import { frontDoorText } from './front-door.js';
import { applyHardRules } from './hard-rules.js';
import { policyReason } from './policy-reason.js';
import type { CheckResult, Reason, ServiceResult } from './result.js';
import { levelDefinition, suggestLevel } from './suggest-level.js';

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
    return { stop: hardRules.stop, level: null, thrive: null, reasons: hardRules.reasons, suggestions: [], instead: null, services: [] };
  }

  const suggestion = suggestLevel(facts, area, policy);
  const context: CaseContext = {
    facts,
    level: suggestion.level,
    needIds: new Set(facts.needs),
    areaHasOwnServices: areaHasOwnServices(policy, facts.area),
    sources: policy.sources,
  };
  const services = policy.services.map((pack) => evaluateService(pack, context, policy));
  return {
    stop: null,
    level: suggestion.level,
    thrive: suggestion.thrive,
    reasons: [...hardRules.reasons, ...suggestion.reasons],
    suggestions: suggestion.suggestions,
    instead: insteadAdvice(services, area, context, policy),
    services,
  };
}

/** Null while some service in the family's area is eligible or conditional; otherwise what to do instead, by level. */
function insteadAdvice(services: readonly ServiceResult[], area: Area, context: CaseContext, policy: Policy): Reason | null {
  if (services.some((service) => service.inArea && service.outcome !== 'not-eligible')) return null;
  const definition = levelDefinition(policy, context.level);
  const values = { area: area.name, frontDoor: frontDoorText(area) };
  const advice = renderTemplate(definition.noServiceAdvice, values);
  return policyReason(policy.levels.messages.noServiceFits, { ...values, level: context.level, levelName: definition.name, advice }, policy.sources);
}

function areaOf(facts: CaseFacts, policy: Policy): Area {
  const area = policy.areas.areas.find((candidate) => candidate.id === facts.area);
  if (!area) throw new Error(`evaluateCase: area "${facts.area}" is not in this policy; validate with parseCaseFacts(input, policy) first`);
  return area;
}
