// Owns what happens when an agreed joint visit's time has passed: the
// booking becomes "visit done" (its place still counts for the week) and the
// social worker gets "File the 0–19 request", pre-filled from the booking
// (Barnet One Service Response protocol, 4.5). Run by the graphile job booking-follow-up; idempotent, so
// a job that runs twice sends one card.
import { withTransaction } from '../../store/db.js';
import { getBooking, requestFiledFor, updateBooking } from '../../store/booking-store.js';
import { getHubWeek } from '../../store/rota-store.js';
import { writeAudit } from '../../store/audit-store.js';
import { visitEnd } from '../../domain/booking/schema.js';
import type { BookingDeps } from './deps.js';
import { nameOf } from './deps.js';
import { snapshot } from './act.js';
import { tell } from './notify.js';
import { FOLLOW_UP_TASK, followUpJobKey, syncBookingReminders } from './reminders.js';
import { formatCardDateTime } from '../../domain/time/london.js';
import { addJob } from '../../store/job-queue.js';

export type FollowUpOutcome = 'sent' | 'not-yet' | 'nothing-to-do';

export async function followUpVisit(deps: BookingDeps, bookingId: string): Promise<FollowUpOutcome> {
  return withTransaction(deps.db, async (tx) => {
    const before = await getBooking(tx, bookingId, true);
    if (!before || before.status !== 'accepted' || before.followUpSentAt) return 'nothing-to-do';
    const now = deps.clock.now();
    if (now.getTime() < visitEnd(before.visitAt).getTime()) {
      // Our clock says the visit has not ended (the queue's clock ran ahead): come back then,
      // and never sooner than a minute from now so a skewed clock cannot spin the job.
      await addJob(tx, { task: FOLLOW_UP_TASK, payload: { bookingId: before.id }, runAt: visitEnd(before.visitAt), notSoonerThanSeconds: 60, maxAttempts: 10, jobKey: followUpJobKey(before.id) });
      return 'not-yet';
    }
    const after = await updateBooking(tx, before.id, { status: 'completed', followUpSentAt: now }, now);
    await writeAudit(tx, { actor: 'system', action: 'booking.complete', recordType: 'booking', recordId: after.id, caseRef: after.caseRef, before: snapshot(before), after: snapshot(after) }, now);
    await syncBookingReminders(tx, deps, before, after, 'system', now);
    const hw = await getHubWeek(tx, after.hubId, after.weekId);
    // A request already filed for this family is the follow-up: say so instead of asking for another (issue 12).
    const filed = await requestFiledFor(tx, after.id);
    const held = `Your joint visit with ${nameOf(deps, after.assigneeAad)} on ${formatCardDateTime(after.visitAt)} has taken place.`;
    await tell(tx, deps, after, { leadAad: hw?.leadAad ?? null, coverAad: hw?.coverAad ?? null }, after.socialWorkerAad, filed ? {
      title: 'Joint visit held',
      message: `${held} The 0–19 request for this family is already filed and the visit is part of the same case; there is nothing more to file.`,
      tone: 'Good',
    } : {
      title: 'File the 0–19 request',
      message: `${held} Follow it up with a 0–19 Request Form setting out the work agreed with the family; it is pre-filled from this booking.`,
      tone: 'Accent',
    }, now, { topic: 'follow-up' });
    return 'sent';
  });
}
