// What happens when a reminder's job runs at its due time: in one
// transaction, lock the reminder, check it is still wanted, write its card(s)
// to the outbox and mark it sent. A job that runs twice (retry, two
// instances, a crash after commit) finds it already sent and does nothing; the
// outbox dedupe key (job key + due time + recipient) backs that up.
import type { Db, Queryable } from '../../store/db.js';
import { withTransaction } from '../../store/db.js';
import type { Logger } from '../../log/logger.js';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../../config/env.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findHub, findPerson, hubManagers, datManagers } from '../../domain/directory/lookup.js';
import { reminderRecipientSchema, type ReminderRecipient } from '../../domain/reminders/planned-reminder.js';
import { planWeeklyDigestReminder } from '../../domain/reminders/weekly-digest.js';
import { enqueueNotification, recipientKey as outboxKey, type Recipient } from '../../store/outbox.js';
import { lockReminderForFiring, markReminderSent, lastDigestWeek, reminderJobKey, reminderQueueName, SEND_REMINDER_TASK, type ReminderRow } from '../../store/reminders-store.js';
import { reminderCardData, reminderSummary, REMINDER_CARD } from './reminder-view.js';
import { DIGEST_CARD, digestCardData, gatherDigestFigures } from './digest.js';
import { reminderContext } from './context.js';
import { scheduleReminders } from './schedule.js';

export interface ReminderDeps {
  db: Db;
  directory: Directory;
  clock: Clock;
  log: Logger;
  config: Pick<AppConfig, 'WORKING_DAY_START_HOUR' | 'WORKING_DAY_END_HOUR' | 'DIGEST_WEEKDAY' | 'DIGEST_HOUR'>;
}

export type FireResult = 'sent' | 'skipped' | 'no-recipient' | 'not-due';

/** The people (or hub channel) a reminder recipient means today, from the directory. */
export function expandRecipient(directory: Directory, spec: ReminderRecipient): Recipient[] {
  switch (spec.kind) {
    case 'user':
      return [{ kind: 'user', aadObjectId: spec.aadObjectId }];
    case 'channel':
      return [{ kind: 'channel', hubId: spec.hubId }];
    case 'role': {
      const people = spec.role === 'hub-manager' ? hubManagers(directory, spec.scopeId) : datManagers(directory, spec.scopeId);
      return people.map((p) => ({ kind: 'user' as const, aadObjectId: p.aadObjectId }));
    }
  }
}

export async function fireReminder(deps: ReminderDeps, jobKey: string): Promise<FireResult> {
  return withTransaction(deps.db, async (tx) => {
    const r = await lockReminderForFiring(tx, jobKey);
    if (!r || !isOpen(r)) return 'skipped';
    // Moved later since this job was placed (a snooze racing the run): place its job again.
    if (r.in_future) {
      await replaceJob(tx, r);
      return 'not-due';
    }
    // Digest figures are read on the pool: one missing table must not abort this transaction.
    const digest = r.cause === 'weekly-digest' ? await digestData(deps, r) : undefined;

    const spec = reminderRecipientSchema.parse(r.recipient_spec);
    const recipients = expandRecipient(deps.directory, spec);
    const now = deps.clock.now();
    for (const to of recipients) {
      await enqueueNotification(tx, {
        to,
        template: digest ? DIGEST_CARD : REMINDER_CARD,
        data: digest ?? reminderCardData(r, now, extraFor(deps.directory, r)),
        summary: digest ? 'Your weekly hub digest' : reminderSummary(r),
        // Same occurrence at the same due time, same card: a job run twice enqueues once.
        dedupeKey: `reminder:${r.job_key}@${r.due_at.toISOString()}>${outboxKey(to)}`,
        reminderId: r.id,
      });
    }
    await markReminderSent(tx, r.id, recipients.length > 0 ? 'sent' : 'undeliverable');
    if (recipients.length === 0) deps.log.warn({ reminderId: r.id, cause: r.cause }, 'reminder has nobody to go to (no one in that role in the directory)');
    if (r.cause === 'weekly-digest') await planNextDigest(tx, deps, r.cause_id, r.occurrence);
    return recipients.length > 0 ? 'sent' : 'no-recipient';
  });
}

function isOpen(r: ReminderRow): boolean {
  return r.status === 'pending' || r.status === 'snoozed';
}

async function replaceJob(q: Queryable, r: ReminderRow): Promise<void> {
  await q.query(
    `SELECT graphile_worker.add_job($1, json_build_object('jobKey', $2::text), run_at := $3, max_attempts := 10, queue_name := $5, job_key := $4, job_key_mode := 'replace')`,
    [SEND_REMINDER_TASK, r.job_key, r.due_at, reminderJobKey(r.job_key), reminderQueueName(r.recipient)]);
}

function extraFor(directory: Directory, r: ReminderRow): { staffName?: string } {
  const staff = typeof r.data.staffAadId === 'string' ? findPerson(directory, r.data.staffAadId) : undefined;
  return staff ? { staffName: staff.displayName } : {};
}

async function digestData(deps: ReminderDeps, r: ReminderRow): Promise<Record<string, unknown>> {
  const hub = findHub(deps.directory, r.cause_id);
  const weekId = r.occurrence;
  const figures = await gatherDigestFigures(deps.db, hub ?? { id: r.cause_id, weeklyCap: 0 }, weekId, deps.clock.now());
  return { ...digestCardData(hub?.name ?? r.cause_id, weekId, figures), reminderId: r.id };
}

/** Each digest plans the next one; `planDigests` (daily) catches hubs added since. */
async function planNextDigest(q: Queryable, deps: ReminderDeps, hubId: string, sentWeek: string): Promise<void> {
  const ctx = reminderContext(deps.config, deps.clock.now());
  await scheduleReminders(q, planWeeklyDigestReminder({ hubId, lastDigestWeekId: sentWeek }, ctx));
}

export async function planDigests(deps: ReminderDeps): Promise<number> {
  let planned = 0;
  for (const hub of deps.directory.hubs) {
    await withTransaction(deps.db, async (tx) => {
      const last = await lastDigestWeek(tx, hub.id);
      const result = await scheduleReminders(tx, planWeeklyDigestReminder({ hubId: hub.id, lastDigestWeekId: last }, reminderContext(deps.config, deps.clock.now())));
      planned += result.scheduled.length;
    });
  }
  return planned;
}

