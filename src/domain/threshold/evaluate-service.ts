// Owns one service's outcome for a case: every rule is judged; any unmet
// "not-eligible" rule excludes (and only those reasons are given, so the
// explanation is the deciding one); otherwise unmet "conditional" rules make
// the outcome conditional with their conditions; otherwise eligible. A named
// response that applies is reported first, and lifts the pack's level rules.
import { packServesArea, type DecidingRule, type Policy, type ServicePack } from '../policy/index.js';
import { buildOffer } from './build-offer.js';
import type { CaseContext } from './case-context.js';
import { judgeRule, namedResponsesFor, type RuleVerdict } from './judge-rule.js';
import { citedReason } from './policy-reason.js';
import type { Reason, ServiceResult } from './result.js';

export function evaluateService(pack: ServicePack, context: CaseContext, policy: Pick<Policy, 'services'>): ServiceResult {
  const named = namedResponsesFor(pack, context);
  const verdicts = pack.rules.map((rule) => judgeRule(rule, context, named.length > 0)).filter((verdict) => verdict !== null);
  const unmet = (onUnmet: DecidingRule['onUnmet']) =>
    verdicts.flatMap((verdict) => (verdict.state === 'unmet' && verdict.rule.onUnmet === onUnmet ? [verdict.rule] : []));
  const cite = (rule: string, text: string, source: ServicePack['source']) => citedReason(rule, text, source, context.sources);
  const namedResponses = named.map((rule) => cite(rule.id, rule.text, rule.source));
  const common = { id: pack.id, name: pack.name, inArea: packServesArea(policy, pack, context.facts.area) };

  const excluding = unmet('not-eligible');
  if (excluding.length > 0) {
    return { ...common, outcome: 'not-eligible', reasons: excluding.map((rule) => unmetReason(rule, cite)), conditions: [] };
  }

  const conditions = [...new Set(unmet('conditional').map((rule) => rule.condition ?? rule.reason.unmet))];
  const reasons = verdicts.flatMap((verdict) => reasonFor(verdict, cite));
  const offer = buildOffer(pack, context);
  return {
    ...common,
    outcome: conditions.length > 0 ? 'conditional' : 'eligible',
    ...(namedResponses.length > 0 ? { namedResponses } : {}),
    // A pack whose rules all stay silent still owes the referrer a reason.
    reasons: reasons.length > 0 ? reasons : [cite(pack.id, pack.summary, pack.source)],
    conditions,
    ...(offer ? { offer } : {}),
  };
}

type Cite = (rule: string, text: string, source: ServicePack['source']) => Reason;

function reasonFor(verdict: RuleVerdict, cite: Cite): Reason[] {
  switch (verdict.state) {
    case 'note':
      return [cite(verdict.rule.id, verdict.rule.text, verdict.rule.source)];
    case 'unmet':
      return [unmetReason(verdict.rule, cite)];
    case 'met':
      return verdict.rule.reason.met === undefined ? [] : [cite(verdict.rule.id, verdict.rule.reason.met, verdict.rule.source)];
    case 'not-applicable':
      return verdict.rule.reason.notApplicable === undefined ? [] : [cite(verdict.rule.id, verdict.rule.reason.notApplicable, verdict.rule.source)];
    case 'lifted-by-named-response':
      return [];
  }
}

function unmetReason(rule: DecidingRule, cite: Cite): Reason {
  const text = rule.kind === 'requested-support-not-offered' ? `${rule.reason.unmet} ${rule.signpost}` : rule.reason.unmet;
  return cite(rule.id, text, rule.source);
}
