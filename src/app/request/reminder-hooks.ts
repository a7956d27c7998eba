// Owns the one place a request's status changes meet the reminders engine
// (issue 7): the 4-week start rule when it is submitted (referrer and hub
// manager, seed 000), 3-monthly plan reviews and the 9-month target once
// support starts, and resolving everything when it ends. Called inside the
// same transaction as the change, so a reminder never outlives its cause.
import type { Queryable } from '../../store/db.js';
import type { RequestRow } from '../../store/request-store.js';
import type { AppConfig } from '../../config/env.js';
import { reminderContext } from '../reminders/context.js';
import { resolveReminders, scheduleReminders } from '../reminders/schedule.js';
import { planSupportNotStartedReminders } from '../../domain/reminders/support-not-started.js';
import { planSupportPlanReviewReminders, type SupportPlanSnapshot } from '../../domain/reminders/plan-review.js';
import { planNeedsNotMetReminders } from '../../domain/reminders/needs-not-met.js';
import { parseIsoDate, instantAt } from '../../domain/time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';

export type ReminderConfig = Pick<AppConfig, 'WORKING_DAY_START_HOUR' | 'WORKING_DAY_END_HOUR' | 'DIGEST_WEEKDAY' | 'DIGEST_HOUR'>;

/** The request is the support plan: its id names the plan's reminders. */
function planOf(row: RequestRow, reviewsHeld: number, lastReviewAt: Date | null, config: ReminderConfig): SupportPlanSnapshot {
  // Support starts on the recorded start date; the working day's start hour keeps reviews in working time.
  const startedAt = row.start_date ? instantAt(parseIsoDate(row.start_date), config.WORKING_DAY_START_HOUR, 0, LONDON_TIME_ZONE) : row.updated_at;
  return {
    planId: row.id, caseRef: row.case_ref ?? '', hubId: row.hub_id ?? '', practitionerAadId: row.allocated_to ?? '',
    startedAt, reviewsHeld, lastReviewAt, closedAt: null,
  };
}

export async function onSubmitted(tx: Queryable, row: RequestRow, config: ReminderConfig, now: Date): Promise<void> {
  const ctx = reminderContext(config, now);
  await scheduleReminders(tx, planSupportNotStartedReminders({
    requestId: row.id, caseRef: row.case_ref ?? '', hubId: row.hub_id ?? '', referrerAadId: row.referrer_aad, status: 'submitted', submittedAt: row.submitted_at ?? now,
  }, ctx));
  // The joint visit's follow-up ("file the request") is done.
  if (row.source_booking_id) await resolveReminders(tx, 'request-not-filed', row.source_booking_id, { outcome: 'request-filed', by: row.referrer_aad, detail: { requestId: row.id } });
}

export async function onStarted(tx: Queryable, row: RequestRow, config: ReminderConfig, now: Date, by: string): Promise<void> {
  const ctx = reminderContext(config, now);
  await resolveReminders(tx, 'support-not-started', row.id, { outcome: 'started', by });
  const plan = planOf(row, 0, null, config);
  await scheduleReminders(tx, [...planSupportPlanReviewReminders(plan, ctx), ...planNeedsNotMetReminders(plan, ctx)]);
}

/** A review is under way: its reminder has done its job. */
export async function onReviewOpened(tx: Queryable, row: RequestRow, by: string): Promise<void> {
  await resolveReminders(tx, 'plan-review', row.id, { outcome: 'review-opened', by });
}

/** A review was held: this review's reminders are done and the next one is planned from today. */
export async function onReviewed(tx: Queryable, row: RequestRow, reviewsHeld: number, config: ReminderConfig, now: Date, by: string): Promise<void> {
  const ctx = reminderContext(config, now);
  await resolveReminders(tx, 'plan-review', row.id, { outcome: 'reviewed', by });
  await scheduleReminders(tx, planSupportPlanReviewReminders(planOf(row, reviewsHeld, now, config), ctx));
}

export async function onEnded(tx: Queryable, row: RequestRow, by: string): Promise<void> {
  const outcome = { outcome: row.status, by };
  for (const cause of ['support-not-started', 'plan-review', 'needs-not-met']) await resolveReminders(tx, cause, row.id, outcome);
}
