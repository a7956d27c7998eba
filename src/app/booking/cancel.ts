// Owns cancelling a booking, by the social worker, the practitioner or the
// hub manager: the place is released at once (the status leaves the
// place-holding set) and everyone else on the booking is told.
import { updateBooking } from '../../store/booking-store.js';
import { mayCancel } from '../../domain/booking/permissions.js';
import { hubManagers } from '../../domain/directory/lookup.js';
import { nameOf, type BookingActor, type BookingDeps } from './deps.js';
import { changeBooking, type ChangeResult } from './act.js';
import { tellEach } from './notify.js';

export async function cancelBooking(deps: BookingDeps, actor: BookingActor, bookingId: string, reason: string): Promise<ChangeResult> {
  return changeBooking(deps, actor, bookingId, 'cancel', mayCancel, async ({ tx, before, week, now }) => {
    const after = await updateBooking(tx, before.id, {
      status: 'cancelled', cancelledBy: actor.aadObjectId, statusNote: reason || null, counterAt: null, awaitingAnswerSince: null,
    }, now);
    const bySocialWorker = actor.aadObjectId === before.socialWorkerAad;
    // Waiting for a reassignment, the hub manager is part of the booking too.
    const managers = before.status === 'reassign-requested' ? hubManagers(deps.directory, before.hubId).map((m) => m.aadObjectId) : [];
    return {
      after,
      detail: { by: bySocialWorker ? 'social-worker' : 'hub' },
      notify: async (b) => {
        await tellEach(tx, deps, b, week, [b.socialWorkerAad, b.assigneeAad, ...managers], actor.aadObjectId, {
          title: 'Joint visit cancelled',
          message: `${nameOf(deps, actor.aadObjectId)} cancelled this booking${reason ? '' : ' (no reason given)'}. The place is free again.`,
          tone: 'Attention',
        }, now);
      },
    };
  });
}
