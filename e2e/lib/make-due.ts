// Owns making a person's next reminder due now, so a journey can see a
// reminder arrive without waiting days. The bot has no development switch for
// this and its clock is the real one (the job queue runs on the database's
// clock), so this uses the app's own rescheduling path: a reminder planned
// again under the same key with an earlier due time (src/store/reminders-store.ts
// upsertReminders), exactly as a feature moving a due date would.
import type { RunningApp } from '../../src/main.js';
import { openRemindersFor, upsertReminders, type ReminderRow } from '../../src/store/reminders-store.js';
import { recipientKeysOf } from '../../src/app/reminders/actions.js';

const A_YEAR_MS = 365 * 86_400_000;

/** Makes the earliest pending reminder for `displayName` due now; returns it, or undefined when they have none. */
export async function makeNextReminderDue(app: RunningApp, displayName: string): Promise<ReminderRow | undefined> {
  const person = app.directory.people.find((p) => p.displayName === displayName);
  if (!person) throw new Error(`${displayName} is not in the demo directory`);
  const open = await openRemindersFor(app.db, recipientKeysOf(person.aadObjectId, person), new Date(Date.now() + A_YEAR_MS), 100);
  const next = open.find((r) => r.status === 'pending' && r.recipient === recipientKeysOf(person.aadObjectId, person)[0]);
  if (!next) return undefined;
  await upsertReminders(app.db, [{
    jobKey: next.job_key, cause: next.cause, causeId: next.cause_id, occurrence: next.occurrence, recipient: next.recipient,
    recipientSpec: next.recipient_spec, dueAt: new Date(), escalation: next.escalation, caseRef: next.case_ref, template: next.template, data: next.data,
  }]);
  return next;
}
