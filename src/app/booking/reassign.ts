// Owns reassignment (Barnet One Service Response protocol, 4.4): the practitioner asks the hub manager to
// give the visit to someone better suited (gender, specialism, workload,
// leave), and the hub manager picks another practitioner of the hub, who
// then has to accept it like a new request.
import { updateBooking } from '../../store/booking-store.js';
import { UseCaseError } from '../errors.js';
import { hubManagers } from '../../domain/directory/lookup.js';
import { isRole } from '../../domain/access/roles.js';
import { findPerson } from '../../domain/directory/lookup.js';
import { mayReassign, mayRespond } from '../../domain/booking/permissions.js';
import { REASSIGN_REASON_LABELS, type ReassignReason } from '../../domain/booking/schema.js';
import { nameOf, type BookingActor, type BookingDeps } from './deps.js';
import { changeBooking, type ChangeResult } from './act.js';
import { tell, tellEach } from './notify.js';

export async function askToReassign(deps: BookingDeps, actor: BookingActor, bookingId: string, reason: ReassignReason, note: string): Promise<ChangeResult> {
  return changeBooking(deps, actor, bookingId, 'ask-reassign', mayRespond, async ({ tx, before, week, now }) => {
    const managers = hubManagers(deps.directory, before.hubId);
    if (managers.length === 0) throw new UseCaseError('NO_HUB_MANAGER', 'Your hub has no manager in the directory to reassign this. Ask your administrator.');
    const after = await updateBooking(tx, before.id, {
      status: 'reassign-requested', reassignReason: reason, statusNote: note || null, counterAt: null, awaitingAnswerSince: null,
    }, now);
    return {
      after,
      detail: { reason },
      notify: async (b) => {
        await tellEach(tx, deps, b, week, managers.map((m) => m.aadObjectId), actor.aadObjectId, {
          title: 'Please reassign this joint visit',
          message: `${nameOf(deps, actor.aadObjectId)} asks you to give this booking to another practitioner: ${REASSIGN_REASON_LABELS[reason].toLowerCase()}.`,
          tone: 'Warning',
        }, now, { topic: 'reassign' });
        await tell(tx, deps, b, week, b.socialWorkerAad, {
          title: 'Being reassigned',
          message: 'The practitioner has asked their hub manager to give this visit to a colleague better suited to the family. You will hear who as soon as it is reassigned; the place stays yours.',
        }, now);
      },
    };
  });
}

export async function reassignBooking(deps: BookingDeps, actor: BookingActor, bookingId: string, practitionerAad: string): Promise<ChangeResult> {
  return changeBooking(deps, actor, bookingId, 'reassign', mayReassign, async ({ tx, before, week, now }) => {
    const chosen = findPerson(deps.directory, practitionerAad);
    if (!chosen || chosen.hubId !== before.hubId || !isRole(chosen, 'hub-practitioner')) {
      throw new UseCaseError('NOT_A_HUB_PRACTITIONER', 'Choose a practitioner of this hub from the list.', { field: 'practitioner' });
    }
    if (chosen.aadObjectId === before.assigneeAad) {
      throw new UseCaseError('SAME_PRACTITIONER', `${chosen.displayName} already has this booking. Choose someone else.`, { field: 'practitioner' });
    }
    // A new practitioner has not agreed to anything yet: the booking is a request again.
    const after = await updateBooking(tx, before.id, {
      status: 'requested', assigneeAad: chosen.aadObjectId, counterAt: null, acceptedAt: null, awaitingAnswerSince: now,
    }, now);
    return {
      after,
      detail: { from: before.assigneeAad, to: chosen.aadObjectId },
      notify: async (b) => {
        await tell(tx, deps, b, week, chosen.aadObjectId, {
          title: 'OSR joint visit reassigned to you',
          message: `${nameOf(deps, actor.aadObjectId)} has given you this booking. Talk it through with the social worker, then accept, propose another time or decline.`,
          tone: 'Accent',
        }, now, { topic: 'new' });
        await tellEach(tx, deps, b, week, [before.assigneeAad], actor.aadObjectId, {
          title: 'Joint visit reassigned',
          message: `${nameOf(deps, actor.aadObjectId)} gave this booking to ${chosen.displayName}.`,
        }, now, { topic: 'reassigned-away' });
        await tellEach(tx, deps, b, week, [b.socialWorkerAad], actor.aadObjectId, {
          title: 'Joint visit reassigned',
          message: `Your booking is now with ${chosen.displayName}, who will confirm the time with you.`,
        }, now);
      },
    };
  });
}
