// Owns the retention policy as data: which record types exist, how long each
// is kept (config/retention.json, validated here), the cut-off instant for a
// given "now", and when the nightly purge runs. Pure: time is a parameter.
import { z } from 'zod';
import { subDays, subMonths, subYears } from 'date-fns';
import { addLocalDays, instantAt, localDateOf } from '../time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../time/london.js';

/**
 * Every record type the purge knows, in the order it runs. Each must have a
 * period in the retention file: a new record type is a decision, not a default.
 */
export const RECORD_TYPES = [
  'check.cancelled', 'check.abandoned', 'check.completed',
  'request.draft', 'request.ended',
  'booking.past',
  'reminder.closed', 'notification.finished',
  'activity.dedupe',
  // Last, so it sees which case references the purge above left without records.
  'audit.expired',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const PERIOD = /^(\d{1,4}) (day|days|month|months|year|years)$/;

export interface Period { amount: number; unit: 'day' | 'month' | 'year' }

export const PeriodSchema = z.string().regex(PERIOD, 'a period such as "30 days", "6 months" or "2 years"').transform((text): Period => {
  const [, amount, unit] = PERIOD.exec(text)!;
  return { amount: Number(amount), unit: unit!.replace(/s$/, '') as Period['unit'] };
}).refine((p) => p.amount > 0, 'a period must be at least 1 day');

/** The audit trail must outlive the records it is about (UK GDPR Art 5(2), accountability). */
const AUDIT_MINIMUM_YEARS = 1;

const EntrySchema = z.object({ keep: PeriodSchema, why: z.string().min(10, 'say why (it is read in a DPIA)') }).strict();

export const RetentionPolicySchema = z.object({
  $comment: z.string().optional(),
  /** Local hour (Europe/London) the nightly purge runs; quiet hours, outside the working day. */
  purgeHour: z.number().int().min(0).max(23).default(2),
  recordTypes: z.record(z.string(), EntrySchema),
}).strict().superRefine((policy, ctx) => {
  for (const type of RECORD_TYPES) {
    if (!policy.recordTypes[type]) ctx.addIssue({ code: 'custom', path: ['recordTypes', type], message: 'missing: every record type needs a retention period' });
  }
  for (const type of Object.keys(policy.recordTypes)) {
    if (!(RECORD_TYPES as readonly string[]).includes(type)) ctx.addIssue({ code: 'custom', path: ['recordTypes', type], message: `unknown record type (known: ${RECORD_TYPES.join(', ')})` });
  }
  const audit = policy.recordTypes['audit.expired']?.keep;
  if (audit && inDays(audit) < AUDIT_MINIMUM_YEARS * 365) {
    ctx.addIssue({ code: 'custom', path: ['recordTypes', 'audit.expired', 'keep'], message: `keep the audit trail at least ${AUDIT_MINIMUM_YEARS} year` });
  }
});

export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

function inDays(p: Period): number {
  return p.unit === 'day' ? p.amount : p.unit === 'month' ? p.amount * 28 : p.amount * 365;
}

/** Records last touched before this instant are past their retention period. */
export function cutoff(now: Date, keep: Period): Date {
  switch (keep.unit) {
    case 'day': return subDays(now, keep.amount);
    case 'month': return subMonths(now, keep.amount);
    case 'year': return subYears(now, keep.amount);
  }
}

/** The next purge: the coming purgeHour:00 on London clocks, strictly after now. */
export function nextPurgeAt(now: Date, purgeHour: number): Date {
  const today = localDateOf(now, LONDON_TIME_ZONE);
  const atToday = instantAt(today, purgeHour, 0, LONDON_TIME_ZONE);
  return atToday.getTime() > now.getTime() ? atToday : instantAt(addLocalDays(today, 1), purgeHour, 0, LONDON_TIME_ZONE);
}

export function describePeriod(p: Period): string {
  return `${p.amount} ${p.unit}${p.amount === 1 ? '' : 's'}`;
}
