// Owns the per-check view of a case that rules and conditions read: the facts,
// the suggested level and a few derived values, computed once per check.
import type { Level, SourcesPolicy } from '../policy/index.js';
import type { CaseFacts, Child } from './case-facts.js';

export interface CaseContext {
  readonly facts: CaseFacts;
  /** The suggested level, after escalation. */
  readonly level: Level;
  readonly needIds: ReadonlySet<string>;
  /** Some pack is the council's own for the family's area (a generic pack then steps aside). */
  readonly areaHasOwnServices: boolean;
  /** For citing each reason's source document by name. */
  readonly sources: SourcesPolicy;
}

export function childIsAged(child: Child, minAge: number, maxAge: number, unbornCounts: boolean): boolean {
  if (child.unborn === true) return unbornCounts;
  return child.age !== undefined && child.age >= minAge && child.age <= maxAge;
}

export function countChildrenUnder(children: readonly Child[], age: number, unbornCounts: boolean): number {
  return children.filter((child) => childIsAged(child, 0, age - 1, unbornCounts)).length;
}
