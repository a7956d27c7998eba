// Owns the case facts a threshold check is run on: their schema (the stable,
// documented input shape), and parseCaseFacts, which validates untrusted input
// against the schema *and* a policy (known area, known need ids) and never throws.
import { z } from 'zod';
import {
  ExistingInvolvementSchema,
  MAX_CHILD_AGE,
  MIN_CHILD_AGE,
  RequestedSupportSchema,
  ROOT_PATH,
  TeamAroundFamilySchema,
  describeZodIssues,
  type FieldProblem,
  type Policy,
} from '../policy/index.js';

const AGE_RULE = `a whole number of years from ${MIN_CHILD_AGE} to ${MAX_CHILD_AGE}`;

export const ChildSchema = z
  .object({
    age: z
      .number({ invalid_type_error: `age must be ${AGE_RULE}` })
      .int(`age must be ${AGE_RULE}`)
      .min(MIN_CHILD_AGE, `age must be ${AGE_RULE}`)
      .max(MAX_CHILD_AGE, `age must be ${AGE_RULE}`)
      .optional(),
    /** An expected baby: pregnancy counts wherever a service says "pre-birth". */
    unborn: z.boolean().optional(),
  })
  .strict()
  .superRefine((child, ctx) => {
    if (child.unborn === true && child.age !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['age'], message: 'an unborn child has no age: give either "age" or "unborn": true' });
    }
    if (child.unborn !== true && child.age === undefined) {
      ctx.addIssue({ code: 'custom', path: ['age'], message: `is required: ${AGE_RULE}, or "unborn": true for an expected baby` });
    }
  });

/** Yes/no facts that a referrer may leave out: absent means "no". */
const optionalFlag = z.boolean().default(false);

export const CaseFactsSchema = z
  .object({
    area: z.string().min(1, 'name the area the family lives in'),
    immediateRisk: optionalFlag,
    existingInvolvement: ExistingInvolvementSchema.default('none'),
    referrerIsAllocatedWorker: optionalFlag,
    children: z.array(ChildSchema).min(1, 'list at least one child (an expected baby is {"unborn": true})'),
    multipleBirth: optionalFlag,
    /** Required, even if empty: a missing list is more likely a broken caller than "no needs". */
    needs: z.array(z.string()),
    informationSharingDiscussed: optionalFlag,
    teamAroundFamily: TeamAroundFamilySchema.default('none'),
    steppingDown: optionalFlag,
    courtProceedings: optionalFlag,
    childProtectionPlan: optionalFlag,
    interpreterNeeded: optionalFlag,
    requestedSupport: RequestedSupportSchema.optional(),
  })
  // Unknown fields are errors: a misspelt "immediaterisk" must not quietly default to false.
  .strict();

export type CaseFactsInput = z.input<typeof CaseFactsSchema>;
export type CaseFacts = z.output<typeof CaseFactsSchema>;
export type Child = z.output<typeof ChildSchema>;

export type ParseCaseFactsResult = { ok: true; facts: CaseFacts } | { ok: false; errors: FieldProblem[] };

/**
 * Validates untrusted input (a card submit, a CLI file) into CaseFacts for
 * this policy. Every problem is reported at once, each with its field path.
 */
export function parseCaseFacts(input: unknown, policy: Policy): ParseCaseFactsResult {
  let parsed: z.SafeParseReturnType<unknown, CaseFacts>;
  try {
    parsed = schemaFor(policy).safeParse(input);
  } catch {
    // Only exotic values (throwing getters, revoked proxies) get here; JSON never does.
    return { ok: false, errors: [{ path: ROOT_PATH, message: 'could not be read as plain JSON data' }] };
  }
  return parsed.success ? { ok: true, facts: parsed.data } : { ok: false, errors: describeZodIssues(parsed.error) };
}

const schemaCache = new WeakMap<Policy, z.ZodType<CaseFacts, z.ZodTypeDef, unknown>>();

/** The base schema with this policy's areas and needs checked field by field, so all errors come out together. */
function schemaFor(policy: Policy): z.ZodType<CaseFacts, z.ZodTypeDef, unknown> {
  const cached = schemaCache.get(policy);
  if (cached) return cached;
  const areaIds = policy.areas.areas.map((area) => area.id);
  const needIds = new Set(policy.catalogue.needs.map((need) => need.id));
  const schema = CaseFactsSchema.extend({
    area: z.string().refine((area) => areaIds.includes(area), (area) => ({
      message: `unknown area ${JSON.stringify(area)}; known areas: ${areaIds.join(', ')}`,
    })),
    needs: z
      .array(z.string().refine((id) => needIds.has(id), (id) => ({ message: `unknown need id ${JSON.stringify(id)} (not in the needs catalogue)` })))
      .superRefine((needs, ctx) => {
        needs.forEach((id, i) => {
          if (needs.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `need ${JSON.stringify(id)} is listed more than once` });
        });
      }),
  });
  schemaCache.set(policy, schema);
  return schema;
}
