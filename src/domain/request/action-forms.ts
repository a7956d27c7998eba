// Owns the small forms that move a request on after it is submitted:
// allocate (a practitioner), decline (reason and alternatives, both required:
// a product rule), record the start date, close with an outcome, withdraw with a
// reason, and the hub tasks from the Home-Start Hertfordshire referral criteria (children's-centre registration,
// partner involvement). Each is a zod schema with messages for the field.
import { z } from 'zod';
import { addProblem, cardText, compareIsoDates, isIsoDate, runSchema, type SectionResult } from './field-rules.js';

export const DECLINE_MIN = 10;
export const TEXT_MAX = 1000;

export const WITHDRAW_REASONS = {
  'consent-withdrawn': 'The family withdrew consent',
  'support-elsewhere': 'Support is being given by another service',
  'family-moved': 'The family moved away',
  'filed-in-error': 'Filed in error',
  other: 'Other (say why)',
} as const;

// The close outcomes the Barnet One Service Response protocol, 5 measures are counted from (reports, step-down continuity).
export const CLOSE_OUTCOMES = {
  'needs-met': 'Needs met',
  'partly-met': 'Needs partly met',
  'stepped-down-eha': 'Stepped down to an early help assessment',
  'stepped-down-universal-plus': 'Stepped down to Universal Plus',
  'stepped-down': 'Stepped down to universal services',
  'stepped-up': 'Stepped up to social care',
  'transferred-i-and-p': 'Transferred to Intervention and Planning',
  disengaged: 'Family disengaged',
  'moved-away': 'Family moved away',
  other: 'Other (say why)',
} as const;
export type CloseOutcome = keyof typeof CLOSE_OUTCOMES;

export const CC_REGISTRATION = {
  registered: 'Registered with the local children\'s centre',
  encouraged: 'Not registered: family encouraged to register',
  'not-applicable': 'Not applicable (no child under 5)',
} as const;

export const PARTNER_INVOLVEMENT = {
  confirmed: 'Partner involvement confirmed',
  none: 'No partner involved',
} as const;

export const allocateSchema = z.object({ practitioner: cardText(64, 'Choose a practitioner from the list') })
  .superRefine((s, ctx) => { if (!s.practitioner) addProblem(ctx, ['practitioner'], 'Choose the practitioner who will deliver the work'); });

export const declineSchema = z.object({
  reason: cardText(TEXT_MAX, `Keep the reason under ${TEXT_MAX} characters`),
  alternatives: cardText(TEXT_MAX, `Keep the alternatives under ${TEXT_MAX} characters`),
}).superRefine((s, ctx) => {
  if (s.reason.length < DECLINE_MIN) addProblem(ctx, ['reason'], `Say why the hub is declining this request (at least ${DECLINE_MIN} characters): the referrer is told`);
  if (s.alternatives.length < DECLINE_MIN) addProblem(ctx, ['alternatives'], `Suggest what the referrer can do instead, for example another service (at least ${DECLINE_MIN} characters)`);
});

/** The start date: not in the future, and not before the request was submitted. */
export function startSchema(today: string, submittedOn: string) {
  return z.object({ startDate: cardText(10, 'Enter the start date as a date') }).superRefine((s, ctx) => {
    if (!s.startDate) addProblem(ctx, ['startDate'], 'Enter the date support started');
    else if (!isIsoDate(s.startDate)) addProblem(ctx, ['startDate'], 'Enter the start date as a date, for example 2026-03-02');
    else if (compareIsoDates(s.startDate, today) > 0) addProblem(ctx, ['startDate'], "The start date can't be in the future: record it once support has started");
    else if (compareIsoDates(s.startDate, submittedOn) < 0) addProblem(ctx, ['startDate'], `The start date can't be before the request was submitted (${submittedOn})`);
  });
}

const reasonWithOther = <K extends string>(field: string, options: Record<K, string>, missing: string) =>
  z.object({ [field]: cardText(30, missing), note: cardText(TEXT_MAX, `Keep the note under ${TEXT_MAX} characters`) } as Record<string, z.ZodTypeAny>)
    .superRefine((s, ctx) => {
      const value = s[field] as string;
      if (!(value in options)) addProblem(ctx, [field], missing);
      else if (value === 'other' && !(s.note as string)) addProblem(ctx, ['note'], 'You chose "Other": say why');
    })
    .transform((s) => ({ choice: s[field] as K, note: s.note as string }));

export const withdrawSchema = reasonWithOther('reason', WITHDRAW_REASONS, 'Choose why the request is being withdrawn');
export const closeSchema = reasonWithOther('outcome', CLOSE_OUTCOMES, 'Choose the outcome for the family');

export const tasksSchema = z.object({
  ccRegistration: cardText(20, 'Choose from the list'),
  partnerInvolvement: cardText(20, 'Choose from the list'),
}).superRefine((s, ctx) => {
  if (!s.ccRegistration && !s.partnerInvolvement) addProblem(ctx, ['ccRegistration'], 'Record at least one of the two tasks');
  if (s.ccRegistration && !(s.ccRegistration in CC_REGISTRATION)) addProblem(ctx, ['ccRegistration'], "Choose the family's children's centre registration from the list");
  if (s.partnerInvolvement && !(s.partnerInvolvement in PARTNER_INVOLVEMENT)) addProblem(ctx, ['partnerInvolvement'], 'Choose partner involvement from the list');
});

export function validateAction<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: unknown): SectionResult<T> {
  return runSchema(schema, raw);
}
