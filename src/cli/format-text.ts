// Owns the readable explanation printed by `check --format text`: the stop or
// the suggested level, every reason with its source, any suggestion, what to
// do when no service fits, then each service's named response, outcome,
// conditions and offer. Words only; the JSON result stays the contract.
import type { Policy } from '../domain/policy/index.js';
import { periodWords } from '../domain/reminders/service-timescales.js';
import type { CheckResult, Outcome, Reason, ServiceResult } from '../domain/threshold/index.js';

const OUTCOME_TEXT: Record<Outcome, string> = {
  eligible: 'ELIGIBLE',
  conditional: 'CONDITIONAL',
  'not-eligible': 'NOT ELIGIBLE',
};

export function formatCheckText(result: CheckResult, policy: Policy): string {
  const lines: string[] = [];
  if (result.stop !== null) {
    lines.push(`STOP: ${result.stop === 'immediate-risk' ? 'immediate risk of significant harm' : 'the family is already open to a service'}`);
    lines.push(...result.reasons.map((reason) => bullet(reason, '  ')));
    return `${lines.join('\n')}\n`;
  }

  const levelName = result.level === null ? '' : (policy.levels.levels[result.level - 1]?.name ?? '');
  lines.push(`Suggested level: ${result.level} (${levelName}), i-THRIVE: ${titleCase(result.thrive ?? '')}`);
  lines.push('This is advice, not a decision: you can override it with a reason.');
  lines.push('', 'Why:');
  lines.push(...result.reasons.map((reason) => bullet(reason, '  ')));
  if (result.suggestions.length > 0) {
    lines.push('', 'Consider:');
    lines.push(...result.suggestions.map((reason) => bullet(reason, '  ')));
  }
  if (result.instead) lines.push('', 'No service fits. Instead:', bullet(result.instead, '  '));
  lines.push('', 'Services:');
  for (const service of result.services) lines.push(...describeService(service));
  return `${lines.join('\n')}\n`;
}

function describeService(service: ServiceResult): string[] {
  const lines = ['', `  ${service.name}: ${OUTCOME_TEXT[service.outcome]}${service.inArea ? '' : ' (not offered in this area)'}`];
  for (const named of service.namedResponses ?? []) lines.push(`    Named response: ${named.text} [${cited(named)}]`);
  lines.push(...service.reasons.map((reason) => bullet(reason, '    ')));
  if (service.conditions.length > 0) {
    lines.push('    Before referring:');
    lines.push(...service.conditions.map((condition) => `      - ${condition}`));
  }
  const { offer } = service;
  if (offer?.parenting) {
    const { format, sessionsBeforeReview, extension } = offer.parenting;
    const more = extension ? `, then up to a further ${periodWords(extension)} if the review agrees` : '';
    lines.push(`    Parenting: ${format === 'group' ? 'group programme' : '1:1'}, review after ${sessionsBeforeReview} sessions${more}`);
    lines.push(...offer.parenting.reasons.map((reason) => bullet(reason, '      ')));
  }
  for (const timescale of offer?.timescales ?? []) lines.push(`    Timescale: ${timescale.text}`);
  for (const task of offer?.tasks ?? []) lines.push(`    Task: ${task.text}`);
  return lines;
}

function bullet(reason: Reason, indent: string): string {
  return `${indent}- ${reason.text} [${cited(reason)}]`;
}

function cited(reason: Pick<Reason, 'source' | 'section'>): string {
  return reason.section === undefined ? reason.source : `${reason.source} (${reason.section})`;
}

function titleCase(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
