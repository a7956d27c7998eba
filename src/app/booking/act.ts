// Owns the shape every change to an existing booking takes: lock the booking
// row, authorise the person from the directory against the stored booking
// and hub-week, check the change is possible from the current status, make
// it, then audit it and bring reminders and the follow-up job in step, all in
// one transaction. Refusals are audited by auditRefusals.
import { isResponderClash } from '../cases/clash.js';
import { withTransaction, type Tx } from '../../store/db.js';
import { getBooking } from '../../store/booking-store.js';
import { getHubWeek } from '../../store/rota-store.js';
import { writeAudit } from '../../store/audit-store.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import type { Person } from '../../domain/directory/schema.js';
import { BOOKING_STATUS_LABELS, type Booking } from '../../domain/booking/schema.js';
import { canTransition, type BookingAction, type HubWeekRoles } from '../../domain/booking/permissions.js';
import { auditRefusals, type BookingActor, type BookingDeps } from './deps.js';
import { syncBookingReminders, syncFollowUpJob } from './reminders.js';

export interface ChangeContext {
  tx: Tx;
  before: Booking;
  week: HubWeekRoles;
  now: Date;
  actor: BookingActor;
}

export interface Change {
  after: Booking;
  /** Extra audit detail: reasons, chosen practitioner. No family details. */
  detail?: Record<string, unknown>;
  /** Runs after the audit, still in the transaction: notifications. */
  notify?: (after: Booking) => Promise<void>;
}

export interface ChangeResult { booking: Booking; week: HubWeekRoles }

export function bookingNotFound(): UseCaseError {
  return new UseCaseError('BOOKING_NOT_FOUND', 'That booking was not found. It may have been removed; type "my bookings" to see yours.');
}

export async function changeBooking(
  deps: BookingDeps, actor: BookingActor, bookingId: string, action: BookingAction,
  allowed: (person: Person | undefined, booking: Booking, week: HubWeekRoles) => boolean,
  change: (c: ChangeContext) => Promise<Change>,
): Promise<ChangeResult> {
  const auditAction = `booking.${action}`;
  return auditRefusals(deps, actor, auditAction, { id: bookingId }, () => withTransaction(deps.db, async (tx) => {
    const before = await getBooking(tx, bookingId, true);
    if (!before) throw bookingNotFound();
    const hubWeek = await getHubWeek(tx, before.hubId, before.weekId);
    const week: HubWeekRoles = { leadAad: hubWeek?.leadAad ?? null, coverAad: hubWeek?.coverAad ?? null };
    if (!allowed(actor.person, before, week)) {
      throw new AccessDeniedError('BOOKING_ACCESS_DENIED', 'Only the social worker, the practitioner and the hub manager on this booking can do that.');
    }
    if (!canTransition(action, before.status)) {
      throw new UseCaseError('BOOKING_STATE', `This booking is now "${BOOKING_STATUS_LABELS[before.status]}", so that can no longer be done.`);
    }
    const now = deps.clock.now();
    const { after, detail, notify } = await change({ tx, before, week, now, actor });
    await writeAudit(tx, {
      actor: actor.aadObjectId, action: auditAction, recordType: 'booking', recordId: after.id, caseRef: after.caseRef,
      before: snapshot(before), after: snapshot(after), detail,
    }, now);
    await syncBookingReminders(tx, deps, before, after, actor.aadObjectId, now);
    await syncFollowUpJob(tx, before, after);
    if (notify) await notify(after);
    return { booking: after, week };
  }).catch((err: unknown) => {
    // The practitioner already has another visit at the new time (issue 12; migration 041 refuses it).
    if (isResponderClash(err)) throw new UseCaseError('RESPONDER_BUSY', 'The practitioner already has another joint visit at that time. Choose another time or practitioner.');
    throw err;
  }));
}

/** What the audit keeps of a booking: status, timing and who, never the free text. */
export function snapshot(b: Booking): Record<string, unknown> {
  return {
    status: b.status, visitAt: b.visitAt.toISOString(), counterAt: b.counterAt?.toISOString() ?? null,
    assignee: b.assigneeAad, hubId: b.hubId, weekId: b.weekId, version: b.version,
  };
}
