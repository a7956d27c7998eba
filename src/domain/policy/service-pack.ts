// Owns the shape of a service pack (policies/services/<id>.json): the service's
// eligibility rules, what it offers (e.g. parenting format and session limits),
// its timescales (which drive the reminders of requests routed to it), the
// tasks it sets on a request and how requests to it are filed. A council adds
// a service by adding a file; no code changes.
import { z } from 'zod';
import { ConditionSchema } from './condition.js';
import { ServiceRuleSchema } from './service-rule.js';
import { SourceSchema, StableIdSchema, TextSchema } from './vocabulary.js';

export const PeriodSchema = z
  .object({ amount: z.number().int().min(1), unit: z.enum(['hours', 'days', 'weeks', 'months']) })
  .strict();

/**
 * Barnet One Service Response protocol 4.2: a group programme by default, 1:1
 * considered in named situations; a fixed number of sessions, then a review;
 * when issues are complex, the work can go on for a further period ("up to a
 * further 6 weeks": a period after the review, not a number of sessions).
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
        /** How long the work may go on after the review when `when` holds. */
        extended: z.object({ period: PeriodSchema, when: ConditionSchema, text: TextSchema }).strict().optional(),
      })
      .strict(),
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

/**
 * How requests to this service are filed, each switch with its source:
 * - familyMustAgree: a request can only be filed once information sharing has
 *   been discussed and the family agrees (no lawful-basis route);
 * - keepAllocatedWorker: a new request for a case already allocated in the
 *   same hub is offered to the practitioner who has it.
 */
export const RequestTermsSchema = z
  .object({
    familyMustAgree: z.object({ text: TextSchema, source: SourceSchema }).strict().optional(),
    keepAllocatedWorker: z.object({ text: TextSchema, source: SourceSchema }).strict().optional(),
  })
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
    requestTerms: RequestTermsSchema.default({}),
  })
  .strict();

export type ParentingOffer = z.infer<typeof ParentingOfferSchema>;
export type ServiceOffer = z.infer<typeof ServiceOfferSchema>;
export type TimescaleEvent = z.infer<typeof TimescaleEventSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Timescale = z.infer<typeof TimescaleSchema>;
export type ServiceTask = z.infer<typeof ServiceTaskSchema>;
export type ServicePack = z.infer<typeof ServicePackSchema>;
export type RequestTerms = z.infer<typeof RequestTermsSchema>;
