// Owns the practitioner's answers to a booking (accept, propose another
// time, decline with a reason) and the social worker agreeing to a proposed
// time. Each tells the other side in the same transaction.
import { updateBooking } from '../../store/booking-store.js';
import { UseCaseError } from '../errors.js';
import { formatCardDateTime } from '../../domain/time/london.js';
import { checkVisitTime } from '../../domain/booking/osr-week.js';
import { isBookingSocialWorker, mayRespond } from '../../domain/booking/permissions.js';
import { BOOKING_TYPE_LABELS } from '../../domain/booking/schema.js';
import { calendarOf, nameOf, type BookingActor, type BookingDeps } from './deps.js';
import { changeBooking, type ChangeResult } from './act.js';
import { tell, tellEach } from './notify.js';

export async function acceptBooking(deps: BookingDeps, actor: BookingActor, bookingId: string): Promise<ChangeResult> {
  return changeBooking(deps, actor, bookingId, 'accept', mayRespond, async ({ tx, before, week, now }) => {
    // Whoever accepts (lead or cover) is the practitioner who visits and delivers (Barnet One Service Response protocol, 4.4).
    const after = await updateBooking(tx, before.id, { status: 'accepted', assigneeAad: actor.aadObjectId, acceptedAt: now, awaitingAnswerSince: null }, now);
    return {
      after,
      notify: async (b) => {
        await tell(tx, deps, b, week, b.socialWorkerAad, {
          title: 'Joint visit accepted',
          message: `${nameOf(deps, actor.aadObjectId)} accepted the ${BOOKING_TYPE_LABELS[b.type].toLowerCase()} on ${formatCardDateTime(b.visitAt)}. Add it to your calendar.`,
          tone: 'Good',
        }, now, { withCalendar: true });
      },
    };
  });
}

export async function proposeTime(deps: BookingDeps, actor: BookingActor, bookingId: string, proposedAt: Date): Promise<ChangeResult> {
  return changeBooking(deps, actor, bookingId, 'propose', mayRespond, async ({ tx, before, week, now }) => {
    const time = checkVisitTime(proposedAt, before.weekId, calendarOf(deps, now), now);
    if (!time.ok) {
      const message = time.code === 'TIME_PAST' ? 'That time has already passed.'
        : time.code === 'TIME_OUTSIDE_WEEK' ? 'The new time must be in the same OSR week.'
          : 'The whole visit (one hour) must be in working hours on a working day.';
      throw new UseCaseError(time.code, message, { field: time.code === 'TIME_OUTSIDE_WEEK' ? 'proposeDate' : 'proposeTime' });
    }
    if (proposedAt.getTime() === before.visitAt.getTime()) {
      throw new UseCaseError('TIME_UNCHANGED', 'That is the time already booked. Accept it, or propose a different time.', { field: 'proposeTime' });
    }
    const after = await updateBooking(tx, before.id, { status: 'time-proposed', counterAt: proposedAt, assigneeAad: actor.aadObjectId, awaitingAnswerSince: null }, now);
    return {
      after,
      detail: { proposedAt: proposedAt.toISOString() },
      notify: async (b) => {
        await tell(tx, deps, b, week, b.socialWorkerAad, {
          title: 'Another time proposed',
          message: `${nameOf(deps, actor.aadObjectId)} cannot do ${formatCardDateTime(b.visitAt)} and proposes ${formatCardDateTime(proposedAt)}. Agree to it, or cancel the booking to free the place.`,
          tone: 'Warning',
        }, now);
      },
    };
  });
}

export async function agreeToProposedTime(deps: BookingDeps, actor: BookingActor, bookingId: string): Promise<ChangeResult> {
  return changeBooking(deps, actor, bookingId, 'agree', isBookingSocialWorker, async ({ tx, before, week, now }) => {
    const counter = before.counterAt!;
    if (counter.getTime() <= now.getTime()) {
      throw new UseCaseError('TIME_PAST', 'The proposed time has already passed. Cancel this booking and book again, or ask the practitioner for another time.');
    }
    const after = await updateBooking(tx, before.id, { status: 'accepted', visitAt: counter, counterAt: null, acceptedAt: now }, now);
    return {
      after,
      detail: { visitAt: counter.toISOString() },
      notify: async (b) => {
        await tellEach(tx, deps, b, week, [b.assigneeAad], actor.aadObjectId, {
          title: 'New time agreed',
          message: `${nameOf(deps, actor.aadObjectId)} agreed to ${formatCardDateTime(b.visitAt)}. The visit is confirmed; add it to your calendar.`,
          tone: 'Good',
        }, now, { withCalendar: true });
      },
    };
  });
}

export async function declineBooking(deps: BookingDeps, actor: BookingActor, bookingId: string, reason: string): Promise<ChangeResult> {
  return changeBooking(deps, actor, bookingId, 'decline', mayRespond, async ({ tx, before, week, now }) => {
    const after = await updateBooking(tx, before.id, { status: 'declined', statusNote: reason, counterAt: null, awaitingAnswerSince: null }, now);
    return {
      after,
      notify: async (b) => {
        await tell(tx, deps, b, week, b.socialWorkerAad, {
          title: 'Joint visit declined',
          message: `${nameOf(deps, actor.aadObjectId)} declined this booking and the place is free again. You can book with another hub, or file a 0–19 request.`,
          tone: 'Attention',
        }, now);
      },
    };
  });
}
