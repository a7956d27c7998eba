// Owns one service's outcome for a case: every rule is judged; any unmet
// "not-eligible" rule excludes (and only those reasons are given, so the
// explanation is the deciding one); otherwise unmet "conditional" rules make
// the outcome conditional with their conditions; otherwise eligible.
import type { DecidingRule, ServicePack } from '../policy/index.js';
import { buildOffer } from './build-offer.js';
import type { CaseContext } from './case-context.js';
import { judgeRule, type RuleVerdict } from './judge-rule.js';
import type { Reason, ServiceResult } from './result.js';

export function evaluateService(pack: ServicePack, context: CaseContext): ServiceResult {
  const verdicts = pack.rules.map((rule) => judgeRule(rule, context)).filter((verdict) => verdict !== null);
  const unmet = (onUnmet: DecidingRule['onUnmet']) =>
    verdicts.flatMap((verdict) => (verdict.state === 'unmet' && verdict.rule.onUnmet === onUnmet ? [verdict.rule] : []));

  const excluding = unmet('not-eligible');
  if (excluding.length > 0) {
    return { id: pack.id, name: pack.name, outcome: 'not-eligible', reasons: excluding.map(unmetReason), conditions: [] };
  }

  const conditions = [...new Set(unmet('conditional').map((rule) => rule.condition ?? rule.reason.unmet))];
  const reasons = verdicts.flatMap(reasonFor);
  const offer = buildOffer(pack, context);
  return {
    id: pack.id,
    name: pack.name,
    outcome: conditions.length > 0 ? 'conditional' : 'eligible',
    // A pack whose rules all stay silent still owes the referrer a reason.
    reasons: reasons.length > 0 ? reasons : [{ rule: pack.id, text: pack.summary, source: pack.source }],
    conditions,
    ...(offer ? { offer } : {}),
  };
}

function reasonFor(verdict: RuleVerdict): Reason[] {
  switch (verdict.state) {
    case 'note':
      return [{ rule: verdict.rule.id, text: verdict.rule.text, source: verdict.rule.source }];
    case 'unmet':
      return [unmetReason(verdict.rule)];
    case 'met':
      return cite(verdict.rule, verdict.rule.reason.met);
    case 'not-applicable':
      return cite(verdict.rule, verdict.rule.reason.notApplicable);
  }
}

function unmetReason(rule: DecidingRule): Reason {
  const text = rule.kind === 'requested-support-not-offered' ? `${rule.reason.unmet} ${rule.signpost}` : rule.reason.unmet;
  return { rule: rule.id, text, source: rule.source };
}

function cite(rule: DecidingRule, text: string | undefined): Reason[] {
  return text === undefined ? [] : [{ rule: rule.id, text, source: rule.source }];
}
