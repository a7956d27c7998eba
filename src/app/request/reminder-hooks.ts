// Owns the one place a request's status changes meet the reminders engine.
// Each service's own timescales, from the policy pack of the hub the request
// was routed to, decide which reminders it gets: the start target when it is
// submitted (referrer and hub manager), plan reviews and the "needs met"
// target once support starts; a service that sets none gets none (a Barnet
// request never inherits Home-Start's 4 weeks). Everything is resolved when
// the request ends. Called inside the same transaction as the change, so a
// reminder never outlives its cause.
import { requestFiledForCase } from '../cases/journeys.js';
import type { Queryable } from '../../store/db.js';
import type { RequestRow } from '../../store/request-store.js';
import type { AppConfig } from '../../config/env.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findHub } from '../../domain/directory/lookup.js';
import type { Policy } from '../../domain/policy/index.js';
import { reminderContext } from '../reminders/context.js';
import { resolveReminders, scheduleReminders } from '../reminders/schedule.js';
import { planSupportNotStartedReminders } from '../../domain/reminders/support-not-started.js';
import { planSupportPlanReviewReminders, type SupportPlanSnapshot } from '../../domain/reminders/plan-review.js';
import { planNeedsNotMetReminders } from '../../domain/reminders/needs-not-met.js';
import { serviceTimescales, type ServiceTimescales } from '../../domain/reminders/service-timescales.js';
import { parseIsoDate, instantAt } from '../../domain/time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { serviceOfHub } from './form-context.js';
import { resolveEpisodeReminders } from '../case-records/missing-episodes.js';

export type ReminderConfig = Pick<AppConfig, 'WORKING_DAY_START_HOUR' | 'WORKING_DAY_END_HOUR' | 'DIGEST_WEEKDAY' | 'DIGEST_HOUR'>;

/** What the hooks read: the directory and policy (to find the request's service) and the working calendar's settings. */
export interface ReminderHookDeps { directory: Directory; policy: Policy; config: ReminderConfig }

/** The timescales of the service whose hub the request was routed to. */
export function timescalesOfRequest(deps: Pick<ReminderHookDeps, 'directory' | 'policy'>, row: Pick<RequestRow, 'hub_id'>): ServiceTimescales {
  return serviceTimescales(serviceOfHub(deps.policy, findHub(deps.directory, row.hub_id ?? '')));
}

/** The request is the support plan: its id names the plan's reminders. */
function planOf(row: RequestRow, reviewsHeld: number, lastReviewAt: Date | null, config: ReminderConfig): SupportPlanSnapshot {
  // Support starts on the recorded start date; the working day's start hour keeps reviews in working time.
  const startedAt = row.start_date ? instantAt(parseIsoDate(row.start_date), config.WORKING_DAY_START_HOUR, 0, LONDON_TIME_ZONE) : row.updated_at;
  return {
    planId: row.id, caseRef: row.case_ref ?? '', hubId: row.hub_id ?? '', practitionerAadId: row.allocated_to ?? '',
    startedAt, reviewsHeld, lastReviewAt, closedAt: null,
  };
}

export async function onSubmitted(tx: Queryable, row: RequestRow, deps: ReminderHookDeps, now: Date): Promise<void> {
  const startWithin = timescalesOfRequest(deps, row)['support-start'];
  if (startWithin) {
    await scheduleReminders(tx, planSupportNotStartedReminders({
      requestId: row.id, caseRef: row.case_ref ?? '', hubId: row.hub_id ?? '', referrerAadId: row.referrer_aad, status: 'submitted', submittedAt: row.submitted_at ?? now,
    }, startWithin, reminderContext(deps.config, now)));
  }
  // The follow-up ("file the request") of every joint visit of this case is done (issue 12).
  await requestFiledForCase(tx, row, now);
}

export async function onStarted(tx: Queryable, row: RequestRow, deps: ReminderHookDeps, now: Date, by: string): Promise<void> {
  const ctx = reminderContext(deps.config, now);
  await resolveReminders(tx, 'support-not-started', row.id, { outcome: 'started', by });
  const timescales = timescalesOfRequest(deps, row);
  const plan = planOf(row, 0, null, deps.config);
  const reviewEvery = timescales['support-plan-review'];
  const needsMetWithin = timescales['needs-met'];
  await scheduleReminders(tx, [
    ...(reviewEvery ? planSupportPlanReviewReminders(plan, reviewEvery, ctx) : []),
    ...(needsMetWithin ? planNeedsNotMetReminders(plan, needsMetWithin, ctx) : []),
  ]);
}

/** A review is under way: its reminder has done its job. */
export async function onReviewOpened(tx: Queryable, row: RequestRow, by: string): Promise<void> {
  await resolveReminders(tx, 'plan-review', row.id, { outcome: 'review-opened', by });
}

/** A review was held: this review's reminders are done and the next one is planned from today. */
export async function onReviewed(tx: Queryable, row: RequestRow, reviewsHeld: number, deps: ReminderHookDeps, now: Date, by: string): Promise<void> {
  await resolveReminders(tx, 'plan-review', row.id, { outcome: 'reviewed', by });
  const reviewEvery = timescalesOfRequest(deps, row)['support-plan-review'];
  if (reviewEvery) await scheduleReminders(tx, planSupportPlanReviewReminders(planOf(row, reviewsHeld, now, deps.config), reviewEvery, reminderContext(deps.config, now)));
}

export async function onEnded(tx: Queryable, row: RequestRow, by: string): Promise<void> {
  const outcome = { outcome: row.status, by };
  for (const cause of ['support-not-started', 'plan-review', 'needs-not-met', 'parenting-sessions']) await resolveReminders(tx, cause, row.id, outcome);
  await resolveEpisodeReminders(tx, row.id, by, row.status);
}
