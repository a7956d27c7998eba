// Owns the rule vocabulary of service packs: a small, closed set of rule kinds
// that councils combine in data to describe who a service is for. Every rule
// has a stable id, plain-English wording and a source; what happens when it is
// not met ("not-eligible" or "conditional", with the condition) is data too.
import { z } from 'zod';
import { ConditionSchema } from './condition.js';
import {
  LevelSchema,
  MAX_CHILD_AGE,
  MIN_CHILD_AGE,
  RequestedSupportSchema,
  SourceSchema,
  StableIdSchema,
  TeamAroundFamilySchema,
  TextSchema,
} from './vocabulary.js';

/** What a rule says in each state; a missing text means "say nothing then". */
export const RuleWordingSchema = z
  .object({
    met: TextSchema.optional(),
    unmet: TextSchema,
    /** Shown when `appliesWhen` is false, e.g. "Needs are at level 1–2, …". */
    notApplicable: TextSchema.optional(),
  })
  .strict();

const ruleBase = {
  id: StableIdSchema,
  /** The rule is only tested when this holds; otherwise it counts as met. */
  appliesWhen: ConditionSchema.optional(),
  onUnmet: z.enum(['not-eligible', 'conditional']),
  /** What the referrer must do; required when onUnmet is "conditional". */
  condition: TextSchema.optional(),
  reason: RuleWordingSchema,
  source: SourceSchema,
};

const AgeSchema = z.number().int().min(MIN_CHILD_AGE).max(MAX_CHILD_AGE);

export const AreaInRuleSchema = z.object({ ...ruleBase, kind: z.literal('area-in'), areas: z.array(StableIdSchema).min(1) }).strict();

/** Any area except these. */
export const AreaNotInRuleSchema = z.object({ ...ruleBase, kind: z.literal('area-not-in'), areas: z.array(StableIdSchema).min(1) }).strict();

/**
 * For a generic pack: met only in an area that no other pack names in an
 * "area-in" rule, so a generic service is never offered beside a council's own.
 */
export const AreaWithoutOwnServiceRuleSchema = z.object({ ...ruleBase, kind: z.literal('area-without-own-service') }).strict();

/** Met when at least one child is in [minAge, maxAge], or is unborn and unbornCounts. */
export const ChildAgeRangeRuleSchema = z
  .object({ ...ruleBase, kind: z.literal('child-age-range'), minAge: AgeSchema, maxAge: AgeSchema, unbornCounts: z.boolean() })
  .strict();

/** Met when the suggested level is within [min, max]; either bound may be left open. */
export const LevelRangeRuleSchema = z
  .object({ ...ruleBase, kind: z.literal('level-range'), min: LevelSchema.optional(), max: LevelSchema.optional() })
  .strict();

/**
 * "More than one need" in Home-Start's sense (Home-Start Hertfordshire referral criteria): recorded needs count
 * one each; the demographic facts (a multiple birth, several young children)
 * together count as one need at most, and never qualify on their own.
 */
export const MinNeedsRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('min-needs-excluding-demographic'),
    minNeeds: z.number().int().min(1),
    /** Recorded needs required whatever the demographic facts: 1 means "never on demographics alone". */
    minPresentingNeeds: z.number().int().min(1),
    demographicNeed: z
      .object({
        multipleBirth: z.boolean(),
        childrenUnder: z
          .object({ age: AgeSchema, atLeast: z.number().int().min(2), unbornCounts: z.boolean() })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();

export const InfoSharingRuleSchema = z.object({ ...ruleBase, kind: z.literal('requires-info-sharing') }).strict();

/** Met when a Team Around the Family exists and its lead professional sits in one of these services. */
export const TafLeadRuleSchema = z
  .object({ ...ruleBase, kind: z.literal('requires-taf-lead-in'), leadIn: z.array(TeamAroundFamilySchema.exclude(['none'])).min(1) })
  .strict();

/** Unmet when the referrer asks for something the service does not do; the signpost says where to go. */
export const NotOfferedRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('requested-support-not-offered'),
    requested: z.array(RequestedSupportSchema).min(1),
    signpost: TextSchema,
  })
  .strict();

/**
 * The general form: met when the requirement (a condition) holds, e.g. a
 * young carers service requiring { "needsAny": ["cd.young-carer"] }. Prefer
 * a named kind when one fits; this is for what they do not cover.
 */
export const RequiresRuleSchema = z.object({ ...ruleBase, kind: z.literal('requires'), requirement: ConditionSchema }).strict();

/**
 * The service is the council's named response to a situation, at any level of
 * need (e.g. Plymouth Targeted Support for a young person who went missing).
 * When `when` holds, the pack's level-range rules do not apply and the result
 * names the response and why. Area, age and other rules still decide.
 */
export const NamedResponseRuleSchema = z
  .object({ id: StableIdSchema, kind: z.literal('named-response'), when: ConditionSchema, text: TextSchema, source: SourceSchema })
  .strict();

/** Information only: shown with an eligible or conditional outcome when it applies; never decides. */
export const NoteRuleSchema = z
  .object({ id: StableIdSchema, kind: z.literal('note'), appliesWhen: ConditionSchema.optional(), text: TextSchema, source: SourceSchema })
  .strict();

export const ServiceRuleSchema = z
  .discriminatedUnion('kind', [
    AreaInRuleSchema,
    AreaNotInRuleSchema,
    AreaWithoutOwnServiceRuleSchema,
    ChildAgeRangeRuleSchema,
    LevelRangeRuleSchema,
    MinNeedsRuleSchema,
    InfoSharingRuleSchema,
    TafLeadRuleSchema,
    NotOfferedRuleSchema,
    RequiresRuleSchema,
    NamedResponseRuleSchema,
    NoteRuleSchema,
  ])
  .superRefine((rule, ctx) => {
    if (rule.kind === 'note' || rule.kind === 'named-response') return;
    if (rule.onUnmet === 'conditional' && rule.condition === undefined) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'a rule that is "conditional" when unmet must say the condition to meet' });
    }
    if (rule.onUnmet === 'not-eligible' && rule.condition !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'only "conditional" rules carry a condition; remove it or change onUnmet' });
    }
    if (rule.kind === 'child-age-range' && rule.minAge > rule.maxAge) {
      ctx.addIssue({ code: 'custom', path: ['maxAge'], message: 'maxAge must not be below minAge' });
    }
    if (rule.kind === 'level-range') {
      if (rule.min === undefined && rule.max === undefined) {
        ctx.addIssue({ code: 'custom', path: ['min'], message: 'give min, max or both' });
      } else if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
        ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must not be below min' });
      }
    }
  });

export type ServiceRule = z.infer<typeof ServiceRuleSchema>;
export type RuleKind = ServiceRule['kind'];
export type DecidingRule = Exclude<ServiceRule, { kind: 'note' | 'named-response' }>;
export type RuleOfKind<K extends RuleKind> = Extract<ServiceRule, { kind: K }>;
export type RuleWording = z.infer<typeof RuleWordingSchema>;
