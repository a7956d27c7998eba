// Owns the shared words of the threshold engine: levels of need, i-THRIVE
// groupings and the enumerated case facts. Policy files and case facts both use
// them, so they live here rather than in either, keeping imports one-way
// (threshold → policy, never back).
import { z } from 'zod';

/** Hertfordshire's four levels of need (seeds 000, 001). */
export type Level = 1 | 2 | 3 | 4;
export const LevelSchema = z
  .number()
  .int('levels are whole numbers')
  .min(1, 'levels run from 1 to 4')
  .max(4, 'levels run from 1 to 4')
  // Safe: the checks above admit exactly 1, 2, 3 and 4.
  .transform((n) => n as Level);
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

/** i-THRIVE's five needs-based groupings (seed 003 §4.3). */
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

/** Ages the engine accepts: 0–19 services, plus care leavers and SEND up to 25. */
export const MIN_CHILD_AGE = 0;
export const MAX_CHILD_AGE = 25;

/**
 * Stable ids for everything that can be cited in a reason: lower-case words
 * joined by hyphens, optionally namespaced with dots ("home-start-herts.area").
 */
export const StableIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/, 'use lower-case words joined by hyphens, namespaced with dots');

/** Plain-English text shown to practitioners: never empty. */
export const TextSchema = z.string().trim().min(1, 'must not be empty');

/** Where a rule comes from, e.g. "seed 000: more than one need". */
export const SourceSchema = z.string().trim().min(1, 'name the source of this rule (e.g. "seed 000: more than one need")');
