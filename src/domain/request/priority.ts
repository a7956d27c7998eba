// Owns the order of a hub's queue (Plymouth Early Help and Targeted Support offer, 4.1: "when demand exceeds provision,
// requests are prioritised by highest vulnerability"): level of need first,
// then vulnerability, then the oldest request. Vulnerability is a count of
// named factors, so a manager can see why one request sits above another.
import { youngestAge } from './ages.js';
import type { CheckPrefill, CompleteForm } from './form.js';

export const VULNERABILITY_FACTORS = {
  baby: 'an unborn baby or a child under 1',
  'child-protection-plan': 'a child protection plan',
  'stepping-down': 'stepping down from specialist services',
  interpreter: 'a parent or carer needs an interpreter',
  'many-needs': 'three or more needs recorded in the check',
  'no-agreement': 'shared without the family\'s agreement',
} as const;
export type VulnerabilityFactor = keyof typeof VULNERABILITY_FACTORS;

/** Product choice: three or more indicators is "multiple needs" (the same count as the check's Team Around the Family prompt). */
export const MANY_NEEDS = 3;

export function vulnerabilityFactors(form: CompleteForm, fromCheck: CheckPrefill | undefined, today: string): VulnerabilityFactor[] {
  const out: VulnerabilityFactor[] = [];
  const youngest = youngestAge(form.family.children, today);
  if (youngest !== null && youngest < 1) out.push('baby');
  if (fromCheck?.childProtectionPlan) out.push('child-protection-plan');
  if (fromCheck?.steppingDown) out.push('stepping-down');
  if (form.family.carers.some((c) => c.interpreter) || fromCheck?.interpreterNeeded) out.push('interpreter');
  if ((fromCheck?.needs.length ?? 0) >= MANY_NEEDS) out.push('many-needs');
  if (!form.consent.familyAgreed) out.push('no-agreement');
  return out;
}

export interface QueueEntry { id: string; level: number | null; vulnerability: number; submittedAt: Date }

/** Highest level, then most vulnerable, then longest waiting; the id keeps the order total. */
export function compareQueue(a: QueueEntry, b: QueueEntry): number {
  return (b.level ?? 0) - (a.level ?? 0)
    || b.vulnerability - a.vulnerability
    || a.submittedAt.getTime() - b.submittedAt.getTime()
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortQueue<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareQueue);
}
