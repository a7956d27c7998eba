// Owns deciding what a free-text message is: a family described (risk words
// always make it one, so the safety question comes first), a request for a
// journey, or something not understood (the help card with the closest
// commands).
import type { Understanding } from './engine.js';
import type { Intent } from './intents.js';

export type Interpretation =
  | { kind: 'family'; understanding: Understanding }
  | { kind: 'intent'; intent: Intent }
  | { kind: 'unknown' };

export function interpret(understanding: Understanding, intent: Intent | undefined): Interpretation {
  if (understanding.immediateRiskSuspected) return { kind: 'family', understanding };
  if (intent) return { kind: 'intent', intent };
  const saysSomething = understanding.needs.length > 0 || understanding.ages.length > 0 || understanding.area !== null || Object.keys(understanding.facts).length > 0;
  return saysSomething ? { kind: 'family', understanding } : { kind: 'unknown' };
}
