// Owns the small condition language that policy rules use to say *when* they
// apply ("appliesWhen"), and when an offer changes (1:1 parenting, more
// sessions). A condition is a JSON object; every test in it must hold:
//   { "levelAtLeast": 3 }                      suggested level is 3 or 4
//   { "flag": "steppingDown" }                 a yes/no case fact is true
//   { "needsAny": ["pc.parent-learning-difficulty"] }
//   { "childAged": { "min": 16, "max": 17 } }  a child (not a pregnancy) of that age
//   { "anyOf": [ {…}, {…} ] }  { "not": {…} }  alternatives and negation
// Evaluation lives in src/domain/threshold/conditions.ts.
import { z } from 'zod';
import {
  CaseFlagSchema,
  ExistingInvolvementSchema,
  LevelSchema,
  MAX_CHILD_AGE,
  MIN_CHILD_AGE,
  RequestedSupportSchema,
  TeamAroundFamilySchema,
} from './vocabulary.js';

const conditionTests = z.object({
  levelAtLeast: LevelSchema.optional(),
  levelAtMost: LevelSchema.optional(),
  flag: CaseFlagSchema.optional(),
  existingInvolvement: z.array(ExistingInvolvementSchema).min(1).optional(),
  teamAroundFamily: z.array(TeamAroundFamilySchema).min(1).optional(),
  requestedSupport: z.array(RequestedSupportSchema).min(1).optional(),
  /** Need ids from the catalogue; checked against it when policies load. */
  needsAny: z.array(z.string().min(1)).min(1).optional(),
  /** At least one (born) child aged min–max, e.g. 16/17-year-olds for the homelessness joint protocol. */
  childAged: z
    .object({ min: z.number().int().min(MIN_CHILD_AGE).max(MAX_CHILD_AGE), max: z.number().int().min(MIN_CHILD_AGE).max(MAX_CHILD_AGE) })
    .strict()
    .refine((range) => range.min <= range.max, { message: 'max must not be below min' })
    .optional(),
});

// Recursive schemas need a declared type (zod v3); the leaf tests are inferred.
export type Condition = z.output<typeof conditionTests> & {
  anyOf?: Condition[];
  not?: Condition;
};

export const CONDITION_KEYS = [...Object.keys(conditionTests.shape), 'anyOf', 'not'] as const;

export const ConditionSchema: z.ZodType<Condition, z.ZodTypeDef, unknown> = z.lazy(() =>
  conditionTests
    .extend({
      anyOf: z.array(ConditionSchema).min(1).optional(),
      not: ConditionSchema.optional(),
    })
    .strict()
    .refine((condition) => Object.values(condition).some((value) => value !== undefined), {
      message: `a condition needs at least one test: ${CONDITION_KEYS.join(', ')}`,
    }),
);

/** Every need id a condition mentions, for cross-checking against the catalogue. */
export function needIdsInCondition(condition: Condition): string[] {
  return [
    ...(condition.needsAny ?? []),
    ...(condition.anyOf ?? []).flatMap(needIdsInCondition),
    ...(condition.not ? needIdsInCondition(condition.not) : []),
  ];
}
