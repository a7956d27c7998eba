// Owns recording a family's feedback on a request (Barnet One Service Response protocol, 5.3): the
// allocated practitioner or the hub's manager records it with the family at a
// review or at closure. The feedback is family data (export and erasure find
// it by case); reports only ever count it and average its scores. A request
// closed without it gets a reminder, resolved when it is recorded.
import { randomUUID } from 'node:crypto';
import { withTransaction, type Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { getRequest, type RequestRow } from '../../store/request-store.js';
import { countFeedbackFor, insertFeedback } from '../../store/report-store.js';
import { feedbackMomentOf, validateFeedback } from '../../domain/reports/feedback.js';
import { planFeedbackMissingReminder } from '../../domain/reports/feedback-reminder.js';
import type { FieldProblem } from '../../domain/field-problem.js';
import { UseCaseError } from '../errors.js';
import { notFound, partiesOf, refuse, type RequestActor, type RequestDeps } from '../request/access.js';
import { reminderContext } from '../reminders/context.js';
import { resolveReminders, scheduleReminders } from '../reminders/schedule.js';
import type { ReminderConfig } from '../request/reminder-hooks.js';

export const FEEDBACK_ACTION = 'request.feedback';

/** Who may record it: the practitioner who did the work, or the hub's manager. */
export function mayRecordFeedback(actor: RequestActor, row: RequestRow): boolean {
  const parties = partiesOf(actor, row);
  return parties.has('allocated-practitioner') || parties.has('hub-manager');
}

export type FeedbackOutcome =
  | { kind: 'recorded'; request: RequestRow; alreadyRecorded: boolean }
  | { kind: 'invalid'; problems: FieldProblem[] };

/** The request, if this actor may record feedback on it now; refusals are audited. */
export async function requestForFeedback(deps: RequestDeps, actor: RequestActor, requestId: string): Promise<RequestRow> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  if (!mayRecordFeedback(actor, row)) await refuse(deps.db, actor, FEEDBACK_ACTION, row, deps.clock.now());
  if (!feedbackMomentOf(row.status)) throw wrongStatus();
  return row;
}

export async function recordFeedback(deps: RequestDeps, actor: RequestActor, requestId: string, idempotencyKey: string, raw: unknown): Promise<FeedbackOutcome> {
  const row = await requestForFeedback(deps, actor, requestId);
  const v = validateFeedback(raw);
  if (!v.ok) return { kind: 'invalid', problems: v.problems };
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const locked = await getRequest(tx, row.id, true);
    if (!locked) throw notFound();
    const moment = feedbackMomentOf(locked.status);
    if (!moment) throw wrongStatus();
    const inserted = await insertFeedback(tx, {
      id: randomUUID(), idempotencyKey, requestId: locked.id, caseRef: locked.case_ref ?? '', hubId: locked.hub_id ?? '', moment,
      givenBy: v.value.givenBy, listened: v.value.listened, helped: v.value.helped, easyToReach: v.value.easyToReach, comment: v.value.comment,
      recordedBy: actor.aadObjectId, recordedAt: now,
    });
    if (inserted) {
      // Codes only in the audit: the scores and comment are the family's and stay in their record.
      await writeAudit(tx, { actor: actor.aadObjectId, action: FEEDBACK_ACTION, recordType: 'request', recordId: locked.id, caseRef: locked.case_ref,
        detail: { moment, givenBy: v.value.givenBy } }, now);
      await resolveReminders(tx, 'family-feedback', locked.id, { outcome: 'feedback-recorded', by: actor.aadObjectId });
    }
    return { kind: 'recorded', request: locked, alreadyRecorded: !inserted };
  });
}

/** Called in the close transaction: a request closed without feedback reminds its practitioner. */
export async function onClosedPlanFeedbackReminder(tx: Queryable, row: RequestRow, config: ReminderConfig, now: Date): Promise<void> {
  const hasFeedback = (await countFeedbackFor(tx, row.id)) > 0;
  await scheduleReminders(tx, planFeedbackMissingReminder({
    requestId: row.id, caseRef: row.case_ref ?? '', practitionerAadId: row.allocated_to, closedAt: row.ended_at ?? now, hasFeedback,
  }, reminderContext(config, now)));
}

function wrongStatus(): UseCaseError {
  return new UseCaseError('FEEDBACK_WRONG_STATUS', "The family's feedback is recorded at a review or once the case is closed. Open a review first, or close the case.");
}
