// Owns the shape of a check result: the stable output contract (stop codes,
// levels, i-THRIVE groupings, per-service outcomes with reasons, conditions and
// offers). The schema doubles as the executable description of the contract.
import { z } from 'zod';
import { LevelSchema, PeriodSchema, ThriveSchema, TimescaleEventSchema } from '../policy/index.js';

/** Why a check stopped before suggesting a level: stable codes that cards map to words. */
export const StopCodeSchema = z.enum(['immediate-risk', 'already-open']);
export type StopCode = z.infer<typeof StopCodeSchema>;

export const OutcomeSchema = z.enum(['eligible', 'conditional', 'not-eligible']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/**
 * One explained step: which policy rule, what it means for this case, and where
 * it comes from: `source` is the document's plain-English name (what cards
 * show), `section` the part of it, as the document numbers it, when there is one.
 */
export const ReasonSchema = z.object({ rule: z.string(), text: z.string(), source: z.string(), section: z.string().optional() }).strict();
export type Reason = z.infer<typeof ReasonSchema>;

export const ParentingOfferResultSchema = z
  .object({
    format: z.enum(['group', 'one-to-one']),
    sessionsBeforeReview: z.number().int().min(1),
    /** How long the work may go on after the review when extension is justified (complex issues); null otherwise. */
    extension: PeriodSchema.nullable(),
    reasons: z.array(ReasonSchema),
  })
  .strict();

export const TimescaleResultSchema = z
  .object({ id: z.string(), event: TimescaleEventSchema, due: z.enum(['within', 'every']), period: PeriodSchema, text: z.string(), source: z.string(), section: z.string().optional() })
  .strict();

export const TaskResultSchema = z.object({ id: z.string(), text: z.string(), source: z.string(), section: z.string().optional() }).strict();

export const OfferResultSchema = z
  .object({
    parenting: ParentingOfferResultSchema.optional(),
    timescales: z.array(TimescaleResultSchema).optional(),
    tasks: z.array(TaskResultSchema).optional(),
  })
  .strict();

export const ServiceResultSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Whether the service works in the family's area at all (its area rules); cards list the others apart. */
    inArea: z.boolean(),
    outcome: OutcomeSchema,
    /** The service is the council's named response to something in this case, at any level: which, and why. */
    namedResponses: z.array(ReasonSchema).optional(),
    reasons: z.array(ReasonSchema).min(1),
    /** What the referrer must do first; non-empty exactly when the outcome is "conditional". */
    conditions: z.array(z.string()),
    offer: OfferResultSchema.optional(),
  })
  .strict()
  .refine((service) => (service.outcome === 'conditional') === service.conditions.length > 0, {
    message: 'conditions are listed exactly when the outcome is conditional',
    path: ['conditions'],
  });

export const CheckResultSchema = z
  .object({
    stop: StopCodeSchema.nullable(),
    level: LevelSchema.nullable(),
    thrive: ThriveSchema.nullable(),
    reasons: z.array(ReasonSchema).min(1),
    /** Prompts for the practitioner's judgement (e.g. consider a Team Around the Family); never a change of level. */
    suggestions: z.array(ReasonSchema),
    /** When no service in the family's area is eligible or conditional: what to do instead. */
    instead: ReasonSchema.nullable(),
    services: z.array(ServiceResultSchema),
  })
  .strict()
  .refine((result) => (result.stop === null
    ? result.level !== null && result.thrive !== null
    : result.level === null && result.thrive === null && result.services.length === 0 && result.suggestions.length === 0 && result.instead === null), {
    message: 'a stopped check has no level, grouping, services or suggestions; any other check has a level and grouping',
  });

export type ParentingOfferResult = z.infer<typeof ParentingOfferResultSchema>;
export type TimescaleResult = z.infer<typeof TimescaleResultSchema>;
export type TaskResult = z.infer<typeof TaskResultSchema>;
export type OfferResult = z.infer<typeof OfferResultSchema>;
export type ServiceResult = z.infer<typeof ServiceResultSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
