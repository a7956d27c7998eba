// Owns the shared words of the threshold engine: levels of need, i-THRIVE
// groupings and the enumerated case facts. Policy files and case facts both use
// them, so they live here rather than in either, keeping imports one-way
// (threshold → policy, never back).
import { z } from 'zod';

/** The four levels of need of Hertfordshire's "Meeting the Needs of Children and Families" (named by the Home-Start Hertfordshire referral criteria). */
export type Level = 1 | 2 | 3 | 4;
export const LevelSchema = z
  .number()
  .int('levels are whole numbers')
  .min(1, 'levels run from 1 to 4')
  .max(4, 'levels run from 1 to 4')
  // Safe: the checks above admit exactly 1, 2, 3 and 4.
  .transform((n) => n as Level);
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

/** i-THRIVE's five needs-based groupings (Plymouth Early Help and Targeted Support offer, 4.3). */
export const ThriveSchema = z.enum([
  'thriving',
  'getting-advice',
  'getting-help',
  'getting-more-help',
  'getting-risk-support',
]);
export type Thrive = z.infer<typeof ThriveSchema>;

/** The three domains of the assessment triangle. */
export const NeedDomainSchema = z.enum(['child-development', 'parenting-capacity', 'family-environment']);
export type NeedDomain = z.infer<typeof NeedDomainSchema>;

export const ExistingInvolvementSchema = z.enum(['none', 'social-care', 'early-help-plan']);
export type ExistingInvolvement = z.infer<typeof ExistingInvolvementSchema>;

/** Where the lead professional of a Team Around the Family sits, if there is one. */
export const TeamAroundFamilySchema = z.enum(['none', 'universal', 'targeted', 'specialist']);
export type TeamAroundFamily = z.infer<typeof TeamAroundFamilySchema>;

export const RequestedSupportSchema = z.enum([
  'parenting',
  'specialist-parenting',
  'court-report',
  'parenting-viability-assessment',
  'pre-birth-assessment',
  'family-support',
]);
export type RequestedSupport = z.infer<typeof RequestedSupportSchema>;

/**
 * Yes/no case facts a policy condition may test. `immediateRisk` is absent on
 * purpose: it stops the check before any service is looked at.
 */
export const CaseFlagSchema = z.enum([
  'multipleBirth',
  'referrerIsAllocatedWorker',
  'informationSharingDiscussed',
  'steppingDown',
  'courtProceedings',
  'childProtectionPlan',
  'interpreterNeeded',
]);
export type CaseFlag = z.infer<typeof CaseFlagSchema>;

/**
 * Ages the engine accepts: the 0–19 services of every source document, the
 * same limit the 0–19 Request Form applies. A young parent over 19 is not a
 * child of the family: the family is described through their child.
 */
export const MIN_CHILD_AGE = 0;
export const MAX_CHILD_AGE = 19;

/**
 * Stable ids for everything that can be cited in a reason: lower-case words
 * joined by hyphens, optionally namespaced with dots ("home-start-herts.area").
 */
export const StableIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/, 'use lower-case words joined by hyphens, namespaced with dots');

/** Plain-English text shown to practitioners: never empty. */
export const TextSchema = z.string().trim().min(1, 'must not be empty');

/**
 * Where a rule comes from: a document listed in policies/sources.json (and
 * docs/SOURCES.md), the section as the document numbers it, and what it says.
 * Cards show only the document's plain-English name; the section and the
 * words are for the people who check the policy against the document.
 */
export const SourceSchema = z
  .object({
    document: StableIdSchema,
    section: z.string().trim().min(1).max(80).optional(),
    says: z.string().trim().min(1).max(400).optional(),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;
