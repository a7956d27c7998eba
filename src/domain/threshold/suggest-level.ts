// Owns the suggested level of need and its i-THRIVE grouping (DOMAIN.md §3):
// no indicators → level 1; otherwise the highest indicator's default level,
// raised by the configured escalation rules (e.g. three or more level-2
// indicators across two or more domains → 3). Level 4 is only ever reported
// with the advice to discuss with the front door now: it is never a decision.
import type { Area, Level, Need, Policy, Thrive } from '../policy/index.js';
import type { CaseFacts } from './case-facts.js';
import { frontDoorText } from './front-door.js';
import { policyReason } from './policy-reason.js';
import type { Reason } from './result.js';

export interface LevelSuggestion {
  level: Level;
  thrive: Thrive;
  reasons: Reason[];
}

export function suggestLevel(facts: CaseFacts, area: Area, policy: Policy): LevelSuggestion {
  const { messages, escalations } = policy.levels;
  // Catalogue order, not input order, so the same needs always read the same way.
  const indicators = policy.catalogue.needs.filter((need) => facts.needs.includes(need.id));

  if (indicators.length === 0) {
    const level: Level = 1;
    const definition = levelDefinition(policy, level);
    return {
      level,
      thrive: definition.thriveWithoutNeeds ?? definition.thrive,
      reasons: [policyReason(messages.noNeeds, { level, levelName: definition.name })],
    };
  }

  // The maximum of Levels is a Level; Math.max only widens the type to number.
  let level = Math.max(...indicators.map((need) => need.defaultLevel)) as Level;
  const reasons = [
    policyReason(messages.highestIndicator, {
      level,
      levelName: levelDefinition(policy, level).name,
      indicators: describeNeeds(indicators.filter((need) => need.defaultLevel === level)),
    }),
  ];

  for (const rule of escalations) {
    const counted = indicators.filter((need) => need.defaultLevel === rule.countIndicatorsAtLevel);
    const domains = [...new Set(counted.map((need) => need.domain))];
    if (counted.length >= rule.minIndicators && domains.length >= rule.minDomains && rule.raiseTo > level) {
      level = rule.raiseTo;
      reasons.push(
        policyReason(rule, {
          count: counted.length,
          domains: domains.map((domain) => domainLabel(policy, domain)).join(', '),
          countLevel: rule.countIndicatorsAtLevel,
          level,
          levelName: levelDefinition(policy, level).name,
        }),
      );
    }
  }

  if (level === 4) {
    reasons.push(
      policyReason(messages.specialistAdvice, {
        indicators: describeNeeds(indicators.filter((need) => need.defaultLevel === 4)),
        frontDoor: frontDoorText(area),
        area: area.name,
      }),
    );
  }

  return { level, thrive: levelDefinition(policy, level).thrive, reasons };
}

function levelDefinition(policy: Policy, level: Level) {
  // The levels schema guarantees levels 1–4 in order, so index level-1 exists.
  const definition = policy.levels.levels[level - 1];
  if (!definition) throw new Error(`levels policy has no level ${level}`);
  return definition;
}

function domainLabel(policy: Policy, domainId: string): string {
  return policy.catalogue.domains.find((domain) => domain.id === domainId)?.label ?? domainId;
}

function describeNeeds(needs: readonly Need[]): string {
  return needs.map((need) => `${need.label} (${need.id})`).join('; ');
}
