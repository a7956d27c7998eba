// Owns the suggested level of need and its i-THRIVE grouping: no indicators →
// level 1; otherwise the highest indicator's default level (defaults are
// product choices a council configures), raised only by escalation rules a
// council configures (none is shipped: several emerging needs are still
// emerging needs). Suggestions such as "consider a Team Around the Family"
// prompt the practitioner's judgement and never change the level. Level 4 is
// only ever reported with the advice to discuss with the front door now.
import type { Area, Level, Need, Policy, Thrive } from '../policy/index.js';
import type { CaseFacts } from './case-facts.js';
import { frontDoorText } from './front-door.js';
import { policyReason } from './policy-reason.js';
import type { Reason } from './result.js';

export interface LevelSuggestion {
  level: Level;
  thrive: Thrive;
  reasons: Reason[];
  suggestions: Reason[];
}

export function suggestLevel(facts: CaseFacts, area: Area, policy: Policy): LevelSuggestion {
  const { messages, escalations } = policy.levels;
  const cite = (message: Parameters<typeof policyReason>[0], values: Record<string, string | number>) => policyReason(message, values, policy.sources);
  // Catalogue order, not input order, so the same needs always read the same way.
  const indicators = policy.catalogue.needs.filter((need) => facts.needs.includes(need.id));

  if (indicators.length === 0) {
    const level: Level = 1;
    const definition = levelDefinition(policy, level);
    return {
      level,
      thrive: definition.thriveWithoutNeeds ?? definition.thrive,
      reasons: [cite(messages.noNeeds, { level, levelName: definition.name })],
      suggestions: [],
    };
  }

  // The maximum of Levels is a Level; Math.max only widens the type to number.
  let level = Math.max(...indicators.map((need) => need.defaultLevel)) as Level;
  const reasons = [
    cite(messages.highestIndicator, {
      level,
      levelName: levelDefinition(policy, level).name,
      indicators: describeNeeds(indicators.filter((need) => need.defaultLevel === level)),
    }),
  ];

  for (const rule of escalations) {
    const counted = indicators.filter((need) => need.defaultLevel === rule.countIndicatorsAtLevel);
    const domains = domainsOf(counted);
    if (counted.length >= rule.minIndicators && domains.length >= rule.minDomains && rule.raiseTo > level) {
      level = rule.raiseTo;
      reasons.push(
        cite(rule, {
          count: counted.length,
          domains: domainLabels(policy, domains),
          countLevel: rule.countIndicatorsAtLevel,
          level,
          levelName: levelDefinition(policy, level).name,
        }),
      );
    }
  }

  if (level === 4) {
    reasons.push(
      cite(messages.specialistAdvice, {
        indicators: describeNeeds(indicators.filter((need) => need.defaultLevel === 4)),
        frontDoor: frontDoorText(area),
        area: area.name,
      }),
    );
  }

  const suggestions = policy.levels.suggestions.flatMap((rule) => {
    const counted = indicators.filter((need) => need.defaultLevel >= rule.countFromLevel);
    const domains = domainsOf(counted);
    const applies = level <= rule.whenLevelAtMost && counted.length >= rule.minNeeds && domains.length >= rule.minDomains;
    return applies ? [cite(rule, { count: counted.length, domains: domainLabels(policy, domains) })] : [];
  });

  return { level, thrive: levelDefinition(policy, level).thrive, reasons, suggestions };
}

export function levelDefinition(policy: Policy, level: Level) {
  // The levels schema guarantees levels 1–4 in order, so index level-1 exists.
  const definition = policy.levels.levels[level - 1];
  if (!definition) throw new Error(`levels policy has no level ${level}`);
  return definition;
}

function domainsOf(needs: readonly Need[]): string[] {
  return [...new Set(needs.map((need) => need.domain))];
}

function domainLabels(policy: Policy, domainIds: readonly string[]): string {
  const labels = domainIds.map((id) => policy.catalogue.domains.find((domain) => domain.id === id)?.label.toLowerCase() ?? id);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** Plain labels, never ids: the reasons are read on cards. */
function describeNeeds(needs: readonly Need[]): string {
  return needs.map((need) => need.label.toLowerCase()).join('; ');
}
