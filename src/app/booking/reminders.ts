// Owns keeping a booking's reminders and its follow-up job in step with the
// booking, inside the transaction that changed it (issue 7's scheduling API):
// "booking not answered" while the practitioner has to answer, "joint visit"
// and "request not filed" once the visit is agreed, all withdrawn when the
// booking stops being about that visit. Also the job that, after the visit,
// asks the social worker to file the 0–19 request.
import type { Queryable } from '../../store/db.js';
import type { Booking } from '../../domain/booking/schema.js';
import { visitEnd } from '../../domain/booking/schema.js';
import { planBookingNotAnsweredReminders } from '../../domain/reminders/booking-not-answered.js';
import { planJointVisitReminders } from '../../domain/reminders/joint-visit.js';
import { planRequestNotFiledReminders } from '../../domain/reminders/request-not-filed.js';
import { resolveReminders, scheduleReminders } from '../reminders/schedule.js';
import { remindersAt, type BookingDeps } from './deps.js';
import { addJob, removeJobs } from '../../store/job-queue.js';
import { requestFiledFor } from '../../store/booking-store.js';
import { visitAgreedForCase } from '../cases/journeys.js';

export const FOLLOW_UP_TASK = 'booking-follow-up';

export function followUpJobKey(bookingId: string): string {
  return `${FOLLOW_UP_TASK}:${bookingId}`;
}

const same = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export async function syncBookingReminders(tx: Queryable, deps: BookingDeps, before: Booking | undefined, after: Booking, by: string, now: Date): Promise<void> {
  const ctx = remindersAt(deps, now);
  const outcome = { outcome: after.status, by };

  const waitChanged = !same(before?.awaitingAnswerSince, after.awaitingAnswerSince) || before?.assigneeAad !== after.assigneeAad;
  if (before?.awaitingAnswerSince && waitChanged) await resolveReminders(tx, 'booking-not-answered', after.id, outcome);
  if (after.status === 'requested' && after.awaitingAnswerSince && waitChanged) {
    await scheduleReminders(tx, planBookingNotAnsweredReminders({
      bookingId: after.id, caseRef: after.caseRef, hubId: after.hubId, leadResponderAadId: after.assigneeAad, awaitingAnswerSince: after.awaitingAnswerSince,
    }, ctx));
  }

  const wasAgreed = before?.status === 'accepted';
  const isAgreed = after.status === 'accepted';
  const visitChanged = !same(before?.visitAt, after.visitAt) || before?.assigneeAad !== after.assigneeAad;
  if (wasAgreed && (!isAgreed || visitChanged)) {
    await resolveReminders(tx, 'joint-visit', after.id, outcome);
    // A completed visit still owes its request; anything else that ends the agreement does not.
    if (after.status !== 'completed') await resolveReminders(tx, 'request-not-filed', after.id, outcome);
  }
  if (isAgreed && (!wasAgreed || visitChanged)) {
    // A request already filed for this family answers the visit's follow-up before it is asked (issue 12).
    const filed = await requestFiledFor(tx, after.id);
    await visitAgreedForCase(tx, filed, after.id, by, after.caseRef, now);
    await scheduleReminders(tx, [
      ...planJointVisitReminders({
        bookingId: after.id, caseRef: after.caseRef, hubId: after.hubId, visitAt: after.visitAt,
        socialWorkerAadId: after.socialWorkerAad, practitionerAadId: after.assigneeAad, confirmed: true,
      }, ctx),
      ...planRequestNotFiledReminders({
        bookingId: after.id, caseRef: after.caseRef, hubId: after.hubId, datTeamId: after.datTeamId,
        socialWorkerAadId: after.socialWorkerAad, visitAt: after.visitAt, visitConfirmed: true, requestFiledAt: filed ? now : null,
      }, ctx),
    ]);
  }
}

/**
 * One follow-up job per booking, due when the agreed visit ends; moved when
 * the visit moves and removed when it is no longer agreed. Scheduled in SQL
 * so it commits with the booking.
 */
export async function syncFollowUpJob(tx: Queryable, before: Booking | undefined, after: Booking): Promise<void> {
  const key = followUpJobKey(after.id);
  if (after.status === 'accepted') {
    if (before?.status === 'accepted' && same(before.visitAt, after.visitAt)) return;
    await addJob(tx, { task: FOLLOW_UP_TASK, payload: { bookingId: after.id }, runAt: visitEnd(after.visitAt), maxAttempts: 10, jobKey: key });
  } else if (before?.status === 'accepted' && after.status !== 'completed') {
    await removeJobs(tx, [key]);
  }
}
