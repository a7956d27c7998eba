// The use cases behind a reminder card and "my reminders": Done (records the
// outcome and resolves that occurrence for everyone it went to), Snooze, Open
// the case, and the list of what is due and overdue. Only a reminder's
// recipients may act on it; refusals are audited.
import { withTransaction, type Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import { refuseAudited } from '../refusal.js';
import type { Person } from '../../domain/directory/schema.js';
import { findPerson } from '../../domain/directory/lookup.js';
import { recipientKey, hubManagerOf, datManagerOf, userRecipient } from '../../domain/reminders/planned-reminder.js';
import { snooze, type SnoozePeriod } from '../../domain/reminders/snooze.js';
import { reminderById, snoozeReminderRow, openRemindersFor, openCaseReminders, resolveOccurrence, type ReminderRow } from '../../store/reminders-store.js';
import { reminderContext } from './context.js';
import type { ReminderDeps } from './fire.js';

export type DoneHook = (tx: Queryable, reminder: ReminderRow, outcome: { label: string; date: string; by: string }) => Promise<void>;
const doneHooks = new Map<string, DoneHook>();

/**
 * Lets the feature owning a cause react to Done in the same transaction, e.g.
 * recording the return home interview when its reminder is marked done. One
 * owner per cause: registering again (an app started twice in one process)
 * replaces the hook, so it never runs twice.
 */
export function onReminderDone(cause: string, hook: DoneHook): void {
  doneHooks.set(cause, hook);
}

/** The recipient keys a person answers to: themselves, and the hub or DAT team they manage. */
export function recipientKeysOf(aadObjectId: string, person: Person | undefined): string[] {
  const keys = [recipientKey(userRecipient(aadObjectId))];
  if (person?.roles.includes('hub-manager') && person.hubId) keys.push(recipientKey(hubManagerOf(person.hubId)));
  if (person?.roles.includes('dat-manager') && person.datTeamId) keys.push(recipientKey(datManagerOf(person.datTeamId)));
  return keys;
}

type AlreadyResolved = { kind: 'already-resolved'; reminder: ReminderRow };
export type DoneResult = { kind: 'done'; reminder: ReminderRow; resolvedCount: number } | AlreadyResolved;
export type SnoozeResult = { kind: 'snoozed'; reminder: ReminderRow; until: Date } | AlreadyResolved;

async function loadForActor(tx: Queryable, deps: ReminderDeps, actorId: string, reminderId: string, action: string): Promise<ReminderRow> {
  if (!/^\d{1,18}$/.test(reminderId)) throw new UseCaseError('REMINDER_NOT_FOUND', 'That reminder no longer exists.');
  const r = await reminderById(tx, reminderId, true);
  if (!r) throw new UseCaseError('REMINDER_NOT_FOUND', 'That reminder no longer exists.');
  const keys = recipientKeysOf(actorId, findPerson(deps.directory, actorId));
  if (!keys.includes(r.recipient)) {
    // Written once the throw has rolled `tx` back, so the refusal stays recorded.
    await refuseAudited(deps.db, { actor: actorId, action, recordType: 'reminder', recordId: r.id, caseRef: r.case_ref }, deps.clock.now(),
      new AccessDeniedError('REMINDER_NOT_YOURS', 'This reminder was sent to someone else, so only they can act on it.'));
  }
  return r;
}

const isClosed = (r: ReminderRow) => r.status === 'resolved';

export async function markReminderDone(deps: ReminderDeps, actorId: string, reminderId: string, outcome: { label: string; date: string }): Promise<DoneResult> {
  // A refusal is audited and must survive the throw, so it commits on its own.
  const r = await withTransaction(deps.db, (tx) => loadForActor(tx, deps, actorId, reminderId, 'reminder.done'));
  return withTransaction(deps.db, async (tx) => {
    const current = (await reminderById(tx, r.id, true))!;
    if (isClosed(current)) return { kind: 'already-resolved', reminder: current };
    // Done closes this occurrence for everyone it went to (the practitioner and the manager's copy).
    const now = deps.clock.now();
    const resolved = await resolveOccurrence(tx, { cause: current.cause, causeId: current.cause_id, occurrence: current.occurrence },
      { by: actorId, outcome: 'done', detail: { label: outcome.label, date: outcome.date } }, now);
    await writeAudit(tx, {
      actor: actorId, action: 'reminder.done', recordType: 'reminder', recordId: current.id, caseRef: current.case_ref,
      after: { outcome: outcome.label, date: outcome.date }, detail: { cause: current.cause, resolved: resolved.length },
    }, now);
    await doneHooks.get(current.cause)?.(tx, current, { ...outcome, by: actorId });
    return { kind: 'done', reminder: current, resolvedCount: resolved.length };
  });
}

export async function snoozeReminder(deps: ReminderDeps, actorId: string, reminderId: string, period: SnoozePeriod): Promise<SnoozeResult> {
  const r = await withTransaction(deps.db, (tx) => loadForActor(tx, deps, actorId, reminderId, 'reminder.snooze'));
  return withTransaction(deps.db, async (tx) => {
    const current = (await reminderById(tx, r.id, true))!;
    if (isClosed(current)) return { kind: 'already-resolved', reminder: current };
    const now = deps.clock.now();
    const until = snooze(current.due_at, period, now, reminderContext(deps.config, now).calendar);
    const updated = (await snoozeReminderRow(tx, current.id, until))!;
    await writeAudit(tx, {
      actor: actorId, action: 'reminder.snooze', recordType: 'reminder', recordId: current.id, caseRef: current.case_ref,
      before: { dueAt: current.due_at.toISOString() }, after: { dueAt: until.toISOString(), period },
    }, now);
    return { kind: 'snoozed', reminder: updated, until };
  });
}

/** Reminders the person can act on and may open: their own, or their team's as manager. */
export async function viewReminder(deps: ReminderDeps, actorId: string, reminderId: string): Promise<ReminderRow> {
  return withTransaction(deps.db, (tx) => loadForActor(tx, deps, actorId, reminderId, 'reminder.view'));
}

/** Due and overdue: sent and not yet done, or pending and due by the end of today (London). */
export async function myReminders(deps: ReminderDeps, actorId: string, endOfToday: Date): Promise<ReminderRow[]> {
  return openRemindersFor(deps.db, recipientKeysOf(actorId, findPerson(deps.directory, actorId)), endOfToday);
}

/** Open reminders on the same case that this person can see (for "Open the case"). */
export async function caseReminders(deps: ReminderDeps, actorId: string, caseRef: string): Promise<ReminderRow[]> {
  const keys = recipientKeysOf(actorId, findPerson(deps.directory, actorId));
  return openCaseReminders(deps.db, caseRef, keys);
}
