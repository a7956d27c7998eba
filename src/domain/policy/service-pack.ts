// Owns the shape of a service pack (policies/services/<id>.json): the service's
// eligibility rules, what it offers (e.g. parenting format and session limits),
// its timescales (read by the reminder jobs too) and the tasks it sets on a
// request. A council adds a service by adding a file; no code changes.
import { z } from 'zod';
import { ConditionSchema } from './condition.js';
import { ServiceRuleSchema } from './service-rule.js';
import { SourceSchema, StableIdSchema, TextSchema } from './vocabulary.js';

/**
 * seed 004 §4.2: a group programme by default, 1:1 considered in named
 * situations; a fixed number of sessions, then a review; more when complex.
 */
export const ParentingOfferSchema = z
  .object({
    id: StableIdSchema,
    kind: z.literal('parenting-programme'),
    appliesWhen: ConditionSchema.optional(),
    format: z
      .object({
        default: z.enum(['group', 'one-to-one']),
        defaultText: TextSchema,
        oneToOne: z.object({ when: ConditionSchema, text: TextSchema }).strict().optional(),
      })
      .strict(),
    sessions: z
      .object({
        beforeReview: z.number().int().min(1),
        text: TextSchema,
        extended: z.object({ max: z.number().int().min(1), when: ConditionSchema, text: TextSchema }).strict().optional(),
      })
      .strict()
      .refine((sessions) => !sessions.extended || sessions.extended.max > sessions.beforeReview, {
        path: ['extended', 'max'],
        message: 'the extended maximum must be above the sessions before review',
      }),
    source: SourceSchema,
  })
  .strict();

/** One kind today; a discriminated union so new offer kinds slot in beside it. */
export const ServiceOfferSchema = z.discriminatedUnion('kind', [ParentingOfferSchema]);

/**
 * Events the reminder jobs understand. "within" = a deadline after the event
 * that starts it (request, missing episode); "every" = a repeating cadence.
 */
export const TimescaleEventSchema = z.enum([
  'support-start',
  'support-plan-review',
  'needs-met',
  'return-home-interview',
  'staff-supervision',
]);

export const PeriodSchema = z
  .object({ amount: z.number().int().min(1), unit: z.enum(['hours', 'days', 'weeks', 'months']) })
  .strict();

export const TimescaleSchema = z
  .object({
    id: StableIdSchema,
    event: TimescaleEventSchema,
    due: z.enum(['within', 'every']),
    period: PeriodSchema,
    /** "case" timescales are shown with a check result; "staff" ones only drive reminders. */
    appliesTo: z.enum(['case', 'staff']),
    appliesWhen: ConditionSchema.optional(),
    text: TextSchema,
    source: SourceSchema,
  })
  .strict();

export const ServiceTaskSchema = z
  .object({ id: StableIdSchema, appliesWhen: ConditionSchema.optional(), text: TextSchema, source: SourceSchema })
  .strict();

export const ServicePackSchema = z
  .object({
    id: StableIdSchema,
    name: TextSchema,
    provider: TextSchema,
    summary: TextSchema,
    source: SourceSchema,
    /** Tested in order; reasons are reported in this order. */
    rules: z.array(ServiceRuleSchema).min(1),
    offers: z.array(ServiceOfferSchema).default([]),
    timescales: z.array(TimescaleSchema).default([]),
    tasks: z.array(ServiceTaskSchema).default([]),
  })
  .strict();

export type ParentingOffer = z.infer<typeof ParentingOfferSchema>;
export type ServiceOffer = z.infer<typeof ServiceOfferSchema>;
export type TimescaleEvent = z.infer<typeof TimescaleEventSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Timescale = z.infer<typeof TimescaleSchema>;
export type ServiceTask = z.infer<typeof ServiceTaskSchema>;
export type ServicePack = z.infer<typeof ServicePackSchema>;
