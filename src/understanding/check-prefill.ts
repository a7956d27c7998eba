// Owns what a description can pre-fill in a threshold check: the suggested
// needs, the children's ages, the postcode and area, a few case facts and
// the description itself (kept only in the check's draft). It travels on the
// "understood" card, so it is read back as untrusted input: every value is
// checked against the policy and the step rules before it reaches a draft.
import { z } from 'zod';
import { areaForPostcode, type Policy } from '../domain/policy/index.js';
import type { Understanding } from './engine.js';
import type { CheckAnswers } from '../domain/check-flow/answers.js';
import { MAX_DESCRIPTION, parseChildren } from '../domain/check-flow/step-inputs.js';
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

export const CheckPrefillSchema = z.object({
  needs: z.array(z.string().max(80)).max(60).default([]),
  children: z.string().max(200).default(''),
  multipleBirth: z.boolean().default(false),
  postcode: z.string().max(10).default(''),
  area: z.string().max(80).default(''),
  description: z.string().max(MAX_DESCRIPTION).default(''),
  openToSocialCare: z.boolean().default(false),
  earlyHelpPlan: z.boolean().default(false),
  childProtectionPlan: z.boolean().default(false),
  interpreterNeeded: z.boolean().default(false),
  steppingDown: z.boolean().default(false),
  courtProceedings: z.boolean().default(false),
}).strip();
export type CheckPrefill = z.infer<typeof CheckPrefillSchema>;

export function prefillFrom(u: Understanding, description: string): CheckPrefill {
  const f = u.facts;
  const children = [...u.ages.map(String), ...(f.unborn ? ['unborn'] : [])].join(', ');
  return {
    needs: u.needs.map((n) => n.id), children, multipleBirth: !!f.multipleBirth, postcode: u.postcode ?? '', area: u.area?.id ?? '',
    description: description.slice(0, MAX_DESCRIPTION),
    openToSocialCare: !!f.openToSocialCare || !!f.childProtectionPlan, earlyHelpPlan: !!f.earlyHelpPlan, childProtectionPlan: !!f.childProtectionPlan,
    interpreterNeeded: !!f.interpreterNeeded, steppingDown: !!f.steppingDown, courtProceedings: !!f.courtProceedings,
  };
}

/**
 * The answers a pre-filled check starts with, for the area the practitioner
 * chose: only what fits (known needs, ages the family step accepts, a
 * postcode in that area). The practitioner confirms each on its step card.
 */
export function answersFromPrefill(raw: unknown, area: string, policy: Policy): CheckAnswers {
  const parsed = CheckPrefillSchema.safeParse(raw);
  const p = parsed.success ? parsed.data : CheckPrefillSchema.parse({});
  const known = new Set(policy.catalogue.needs.map((n) => n.id));
  const answers: CheckAnswers = { area };
  const needs = [...new Set(p.needs.filter((id) => known.has(id)))].sort();
  if (needs.length > 0) answers.needs = needs;
  const children = p.children ? parseChildren(p.children) : undefined;
  if (children?.ok) { answers.childrenText = p.children; answers.children = children.children; }
  if (p.multipleBirth) answers.multipleBirth = true;
  const postcode = p.postcode.trim().toUpperCase();
  if (POSTCODE.test(postcode) && areaForPostcode(postcode, policy.areas.areas)?.id === area) answers.postcode = postcode.replace(/\s+/g, '').replace(/(\d[A-Z]{2})$/, ' $1');
  if (p.description.trim()) answers.description = p.description.trim();
  if (p.openToSocialCare) answers.existingInvolvement = 'social-care';
  else if (p.earlyHelpPlan) answers.existingInvolvement = 'early-help-plan';
  if (p.childProtectionPlan) answers.childProtectionPlan = true;
  if (p.interpreterNeeded) answers.interpreterNeeded = true;
  if (p.steppingDown) answers.steppingDown = true;
  if (p.courtProceedings) answers.courtProceedings = true;
  return answers;
}

/** The needs step after "suggest from my words": what was ticked stays ticked, suggestions are added. */
export function withSuggestedNeeds(answers: CheckAnswers, ticked: readonly string[], u: Understanding, description: string): CheckAnswers {
  const needs = [...new Set([...ticked, ...u.needs.map((n) => n.id)])].sort();
  return { ...answers, needs, description: description.slice(0, MAX_DESCRIPTION) };
}
