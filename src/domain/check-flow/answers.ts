// Owns what a threshold check remembers between steps: the answers so far
// (validated), the raw inputs of a step left by "Back" (so nothing typed is
// lost), and turning complete answers into the engine's case facts.
import { z } from 'zod';
import type { CaseFactsInput } from '../threshold/index.js';

export const CHECK_STEPS = ['involvement', 'family', 'needs', 'context'] as const;
export type CheckStep = (typeof CHECK_STEPS)[number] | 'result';

export const TeamAroundFamilyChoice = z.enum(['none', 'universal', 'targeted', 'specialist']);
export const RequestedSupportChoice = z.enum(['', 'family-support', 'parenting', 'specialist-parenting', 'court-report', 'parenting-viability-assessment', 'pre-birth-assessment']);

export const ChildAnswerSchema = z.union([z.object({ age: z.number().int() }), z.object({ unborn: z.literal(true) })]);

export const CheckAnswersSchema = z.object({
  area: z.string(),
  existingInvolvement: z.enum(['none', 'social-care', 'early-help-plan']).optional(),
  referrerIsAllocatedWorker: z.boolean().optional(),
  involvementCaseRef: z.string().optional(),
  postcode: z.string().optional(),
  caseRef: z.string().optional(),
  childrenText: z.string().optional(),
  children: z.array(ChildAnswerSchema).optional(),
  multipleBirth: z.boolean().optional(),
  needs: z.array(z.string()).optional(),
  note: z.string().optional(),
  /** The practitioner's own words about the family (issue 14): kept only here, purged with the check. */
  description: z.string().optional(),
  informationSharingDiscussed: z.boolean().optional(),
  teamAroundFamily: TeamAroundFamilyChoice.optional(),
  steppingDown: z.boolean().optional(),
  courtProceedings: z.boolean().optional(),
  childProtectionPlan: z.boolean().optional(),
  interpreterNeeded: z.boolean().optional(),
  requestedSupport: RequestedSupportChoice.optional(),
  /** Inputs of a step the user left with Back before submitting it. */
  raw: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});
export type CheckAnswers = z.infer<typeof CheckAnswersSchema>;

export function previousStep(step: CheckStep): CheckStep | undefined {
  if (step === 'result') return CHECK_STEPS[CHECK_STEPS.length - 1];
  const i = CHECK_STEPS.indexOf(step);
  return i > 0 ? CHECK_STEPS[i - 1] : undefined;
}

export function nextStep(step: CheckStep): CheckStep {
  if (step === 'result') return 'result';
  const i = CHECK_STEPS.indexOf(step);
  return CHECK_STEPS[i + 1] ?? 'result';
}

/** The engine's input, from answers every step has filled in. */
export function toCaseFacts(a: CheckAnswers): CaseFactsInput {
  const facts: CaseFactsInput = {
    area: a.area,
    immediateRisk: false,
    existingInvolvement: a.existingInvolvement ?? 'none',
    referrerIsAllocatedWorker: a.referrerIsAllocatedWorker ?? false,
    children: a.children ?? [],
    multipleBirth: a.multipleBirth ?? false,
    needs: a.needs ?? [],
    informationSharingDiscussed: a.informationSharingDiscussed ?? false,
    teamAroundFamily: a.teamAroundFamily ?? 'none',
    steppingDown: a.steppingDown ?? false,
    courtProceedings: a.courtProceedings ?? false,
    childProtectionPlan: a.childProtectionPlan ?? false,
    interpreterNeeded: a.interpreterNeeded ?? false,
  };
  if (a.requestedSupport) facts.requestedSupport = a.requestedSupport;
  return facts;
}
