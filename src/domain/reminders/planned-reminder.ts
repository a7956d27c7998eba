// What every reminder rule returns: a PlannedReminder, one per recipient per
// step, with a job key that names the reminder exactly. The job queue uses
// the key to replace a re-planned reminder instead of adding a second one,
// and the delivery log uses it to never send the same reminder twice.
import { z } from 'zod';

export const REMINDER_CAUSES = [
  'plan-review',
  'support-not-started',
  'needs-not-met',
  'joint-visit',
  'request-not-filed',
  'booking-not-answered',
  'parenting-sessions',
  'return-home-interview',
  'staff-supervision',
  'weekly-digest',
  'family-feedback',
] as const;
export type ReminderCause = (typeof REMINDER_CAUSES)[number];

export const MANAGER_ROLES = ['hub-manager', 'dat-manager'] as const;
export type ManagerRole = (typeof MANAGER_ROLES)[number];

export const reminderRecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), aadObjectId: z.string().min(1) }),
  // scopeId is the hub id for a hub manager and the DAT team id for a DAT manager.
  z.object({ kind: z.literal('role'), role: z.enum(MANAGER_ROLES), scopeId: z.string().min(1) }),
  z.object({ kind: z.literal('channel'), hubId: z.string().min(1) }),
]);
export type ReminderRecipient = z.infer<typeof reminderRecipientSchema>;

/**
 * Card data: identifiers, case references, numbers and ISO dates only. There
 * is deliberately no nesting and no field for names or notes (data protection, docs/SECURITY.md:
 * channel cards and logs hold no family details).
 */
export type ReminderData = Readonly<Record<string, string | number | boolean>>;

export interface PlannedReminder {
  readonly cause: ReminderCause;
  /** The record the reminder is about: plan, request, booking, episode, staff member or hub id. */
  readonly causeId: string;
  /**
   * Which instance of the cause: 'review-2' for a plan's second review,
   * '2026-W49' for a week's digest, 'once' for one-off causes. Part of the key
   * so that a later instance is a new reminder, not a re-send of an old one.
   */
  readonly occurrence: string;
  readonly recipient: ReminderRecipient;
  readonly dueAt: Date;
  /** 0 for the first reminder, 1 for the escalation, and so on. */
  readonly escalation: number;
  /** `${cause}:${causeId}:${occurrence}:${recipientKey}:${escalation}`, each part URI-encoded. */
  readonly jobKey: string;
  /** Card template name. */
  readonly template: string;
  readonly data: ReminderData;
}

export type ReminderPlanFields = Omit<PlannedReminder, 'jobKey'>;

export function planReminder(fields: ReminderPlanFields): PlannedReminder {
  return { ...fields, jobKey: reminderJobKey(fields) };
}

/** A stable, readable key for a recipient: 'user=…', 'hub-manager=…', 'dat-manager=…', 'channel=…'. */
export function recipientKey(recipient: ReminderRecipient): string {
  switch (recipient.kind) {
    case 'user':
      return `user=${recipient.aadObjectId}`;
    case 'role':
      return `${recipient.role}=${recipient.scopeId}`;
    case 'channel':
      return `channel=${recipient.hubId}`;
  }
}

export function reminderJobKey(
  fields: Pick<PlannedReminder, 'cause' | 'causeId' | 'occurrence' | 'recipient' | 'escalation'>,
): string {
  // Encoding each part keeps the ':' separator unambiguous whatever an id contains.
  return [fields.cause, fields.causeId, fields.occurrence, recipientKey(fields.recipient), String(fields.escalation)]
    .map(encodeURIComponent)
    .join(':');
}

/**
 * The prefix shared by every reminder about one record: when its cause is
 * resolved (review recorded, request filed, booking answered) the queue
 * cancels pending jobs whose key starts with this.
 */
export function reminderKeyPrefix(cause: ReminderCause, causeId: string): string {
  return `${encodeURIComponent(cause)}:${encodeURIComponent(causeId)}:`;
}

export function userRecipient(aadObjectId: string): ReminderRecipient {
  return { kind: 'user', aadObjectId };
}

export function hubManagerOf(hubId: string): ReminderRecipient {
  return { kind: 'role', role: 'hub-manager', scopeId: hubId };
}

export function datManagerOf(datTeamId: string): ReminderRecipient {
  return { kind: 'role', role: 'dat-manager', scopeId: datTeamId };
}

export function hubChannel(hubId: string): ReminderRecipient {
  return { kind: 'channel', hubId };
}
