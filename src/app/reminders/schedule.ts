// The scheduling API other features call (requests, bookings, plans): plan
// reminders with the pure rules in src/domain/reminders, then hand them here
// inside the same transaction as the change that caused them.
//
//   await withTransaction(db, async (tx) => {
//     … write the booking …
//     await scheduleReminders(tx, planBookingNotAnsweredReminders(booking, ctx));
//   });
//   … and when it is answered:
//     await resolveReminders(tx, 'booking-not-answered', booking.id, { outcome: 'answered', by: actorId });
//
// Scheduling is an upsert by job key: the same key again replaces the due
// time and data (never a second reminder); a reminder already sent is not
// sent again. Resolving cancels the pending ones and records the outcome.
import type { Queryable } from '../../store/db.js';
import { upsertReminders, resolveOpenReminders, type ReminderUpsert } from '../../store/reminders-store.js';
import { recipientKey, type PlannedReminder } from '../../domain/reminders/planned-reminder.js';

export type { PlannedReminder, ReminderRecipient } from '../../domain/reminders/planned-reminder.js';

export type ReminderOutcome = string | { outcome: string; by?: string; detail?: Record<string, unknown> };

export interface ScheduleResult {
  /** Job keys inserted or moved (pending or snoozed afterwards). */
  scheduled: string[];
  /** Job keys left as they were because that reminder was already sent, resolved or undeliverable. */
  unchanged: string[];
}

export function toUpsert(p: PlannedReminder): ReminderUpsert {
  const caseRef = typeof p.data.caseRef === 'string' ? p.data.caseRef : null;
  return {
    jobKey: p.jobKey,
    cause: p.cause,
    causeId: p.causeId,
    occurrence: p.occurrence,
    recipient: recipientKey(p.recipient),
    recipientSpec: p.recipient,
    dueAt: p.dueAt,
    escalation: p.escalation,
    caseRef,
    template: p.template,
    data: { ...p.data },
  };
}

export async function scheduleReminders(tx: Queryable, planned: readonly PlannedReminder[]): Promise<ScheduleResult> {
  // The last plan for a key wins, as if scheduled one after the other.
  const byKey = new Map<string, PlannedReminder>();
  for (const p of planned) byKey.set(p.jobKey, p);
  const scheduled = await upsertReminders(tx, [...byKey.values()].map(toUpsert));
  const done = new Set(scheduled);
  return { scheduled, unchanged: [...byKey.keys()].filter((k) => !done.has(k)) };
}

/**
 * Resolves every open reminder of one cause (e.g. 'plan-review', planId):
 * pending and snoozed ones will not be sent, sent ones stop showing in
 * "my reminders", and their cards not yet delivered are cancelled.
 * Returns how many reminders were resolved.
 */
export async function resolveReminders(tx: Queryable, cause: string, causeId: string, outcome: ReminderOutcome = 'resolved'): Promise<number> {
  const resolution = typeof outcome === 'string' ? { outcome } : outcome;
  const rows = await resolveOpenReminders(tx, cause, causeId, resolution);
  return rows.length;
}
