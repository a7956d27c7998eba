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

/** One explained step: which policy rule, what it means for this case, where it comes from. */
export const ReasonSchema = z.object({ rule: z.string(), text: z.string(), source: z.string() }).strict();
export type Reason = z.infer<typeof ReasonSchema>;

export const ParentingOfferResultSchema = z
  .object({
    format: z.enum(['group', 'one-to-one']),
    sessionsBeforeReview: z.number().int().min(1),
    /** Equal to sessionsBeforeReview unless extension is justified (e.g. complex needs). */
    maxSessions: z.number().int().min(1),
    reasons: z.array(ReasonSchema),
  })
  .strict();

export const TimescaleResultSchema = z
  .object({ id: z.string(), event: TimescaleEventSchema, due: z.enum(['within', 'every']), period: PeriodSchema, text: z.string(), source: z.string() })
  .strict();

export const TaskResultSchema = z.object({ id: z.string(), text: z.string(), source: z.string() }).strict();

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
    outcome: OutcomeSchema,
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
    services: z.array(ServiceResultSchema),
  })
  .strict()
  .refine((result) => (result.stop === null ? result.level !== null && result.thrive !== null : result.level === null && result.thrive === null && result.services.length === 0), {
    message: 'a stopped check has no level, grouping or services; any other check has a level and grouping',
  });

export type ParentingOfferResult = z.infer<typeof ParentingOfferResultSchema>;
export type TimescaleResult = z.infer<typeof TimescaleResultSchema>;
export type TaskResult = z.infer<typeof TaskResultSchema>;
export type OfferResult = z.infer<typeof OfferResultSchema>;
export type ServiceResult = z.infer<typeof ServiceResultSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
