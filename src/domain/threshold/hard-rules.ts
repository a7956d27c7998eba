// Owns the hard rules that run before any scoring, in order (product rules,
// from common threshold practice; docs/ENGINE.md):
// 1. immediate risk of significant harm → stop and show the emergency route;
// 2. already open to social care or an early help plan → stop and route to the
//    allocated worker, unless the referrer *is* that worker.
import type { Area, Policy } from '../policy/index.js';
import type { CaseFacts } from './case-facts.js';
import { INVOLVEMENT_TEXT, frontDoorText } from './front-door.js';
import { policyReason } from './policy-reason.js';
import type { Reason, StopCode } from './result.js';

export interface HardRuleOutcome {
  stop: StopCode | null;
  /** Also set when the check continues, e.g. "you are the allocated worker". */
  reasons: Reason[];
}

export function applyHardRules(facts: CaseFacts, area: Area, policy: Policy): HardRuleOutcome {
  const { messages } = policy.levels;
  const values = { area: area.name, frontDoor: frontDoorText(area) };
  const reason = (message: Parameters<typeof policyReason>[0], extra: Record<string, string> = {}) => policyReason(message, { ...values, ...extra }, policy.sources);

  if (facts.immediateRisk) {
    return { stop: 'immediate-risk', reasons: [reason(messages.immediateRisk)] };
  }
  if (facts.existingInvolvement !== 'none') {
    const involvement = INVOLVEMENT_TEXT[facts.existingInvolvement];
    if (!facts.referrerIsAllocatedWorker) {
      return { stop: 'already-open', reasons: [reason(messages.alreadyOpen, { involvement })] };
    }
    return { stop: null, reasons: [reason(messages.allocatedWorkerContinues, { involvement })] };
  }
  return { stop: null, reasons: [] };
}
