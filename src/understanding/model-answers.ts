// Owns reading what a language model answered, as untrusted input: the JSON
// is found and parsed, checked with zod, and every need must be in the
// catalogue and every quoted phrase must be words of the (redacted) text the
// model was given; anything else is dropped, so a hostile or confused answer
// can neither invent a need nor put words on a card.
import { z } from 'zod';
import type { Need } from '../domain/policy/catalogue.js';
import type { SuggestedNeed } from './engine.js';
import { INTENT_VERBS } from './intents.js';

export class ModelAnswerError extends Error {
  readonly code = 'MODEL_ANSWER_INVALID';
}

export const NeedsAnswerSchema = z.object({
  needs: z.array(z.object({ id: z.string().max(80), phrase: z.string().max(300) }).passthrough()).max(40).default([]),
  immediateRiskSuspected: z.boolean().default(false),
  riskPhrases: z.array(z.string().max(300)).max(20).default([]),
}).passthrough();

export const ROUTE_VERBS = [...INTENT_VERBS, 'describe-family', 'unknown'] as const;

export const IntentAnswerSchema = z.object({
  intent: z.enum(ROUTE_VERBS),
  caseRef: z.string().max(40).nullish(),
  when: z.string().max(80).nullish(),
  range: z.enum(['today', 'this-week', 'next-week']).nullish(),
  week: z.enum(['this', 'next']).nullish(),
  visitType: z.enum(['home-visit', 'virtual-visit', 'consultation']).nullish(),
}).passthrough();
export type IntentAnswer = z.infer<typeof IntentAnswerSchema>;

/** The first JSON object in a model's reply (models wrap JSON in prose or code fences). */
export function readJsonAnswer(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) throw new ModelAnswerError('the answer holds no JSON object');
  try {
    return JSON.parse(content.slice(start, end + 1));
  } catch {
    throw new ModelAnswerError('the answer is not valid JSON');
  }
}

export function parseAnswer<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, content: string): T {
  const parsed = schema.safeParse(readJsonAnswer(content));
  if (!parsed.success) throw new ModelAnswerError(`the answer does not have the expected shape (${parsed.error.issues.length} problems)`);
  return parsed.data;
}

export interface CheckedNeeds { needs: SuggestedNeed[]; immediateRiskSuspected: boolean; riskPhrases: string[]; dropped: number }

/** Keeps what the catalogue and the text support; phrases come back in the practitioner's own words. */
export function checkNeedsAnswer(answer: z.infer<typeof NeedsAnswerSchema>, sentText: string, restore: (s: string) => string, catalogue: readonly Need[]): CheckedNeeds {
  const byId = new Map(catalogue.map((n) => [n.id, n]));
  const said = sentText.toLowerCase();
  const quoted = (phrase: string) => phrase.trim() !== '' && said.includes(phrase.trim().toLowerCase());
  const needs: SuggestedNeed[] = [];
  let dropped = 0;
  for (const n of answer.needs) {
    const need = byId.get(n.id);
    if (!need || !quoted(n.phrase) || needs.some((x) => x.id === n.id)) { dropped++; continue; }
    needs.push({ id: need.id, label: need.label, domain: need.domain, phrase: restore(n.phrase.trim()) });
  }
  const riskPhrases = answer.riskPhrases.filter(quoted).map((p) => restore(p.trim()));
  return { needs, immediateRiskSuspected: answer.immediateRiskSuspected, riskPhrases, dropped };
}
