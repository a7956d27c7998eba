// Owns the `redraw-record-cards` task: a request or booking changed, so every
// message that shows its card is updated in place (the hub channel's card
// says "Allocated to …" and loses its Allocate button; a booking card says
// "Accepted"). A person's copy is redrawn only while they may still see the
// record; otherwise it is cleared once and forgotten. A card that cannot be updated (the conversation is gone) is
// skipped: the record itself is unchanged, and a press on it redraws it.
// A card about the record still held for someone who has not opened Right
// Response yet is redrawn too, so their first visit brings the record as it
// is (a cancelled visit without Accept and Decline).
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { CLEAR_REMOVED_TASK, REDRAW_TASK, forgetRecordCard, markRedrawn, recordCardsOf, redrawHeldCard, stillHeld, type HeldMessage, type RecordType } from '../store/record-card-store.js';
import { currentRecordCard, recipientOf, recordShownBy } from '../app/record-cards/record-cards.js';

export function recordCardTasks(deps: JobDeps): TaskList {
  return {
    [REDRAW_TASK]: async (payload) => {
      const p = payload as { recordType?: unknown; recordId?: unknown; heldIds?: unknown } | null;
      if ((p?.recordType !== 'request' && p?.recordType !== 'booking') || typeof p.recordId !== 'string') throw new Error(`${REDRAW_TASK} needs { recordType, recordId }`);
      const heldIds = Array.isArray(p.heldIds) ? p.heldIds.filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id)) : [];
      await redrawRecordCards(deps, p.recordType, p.recordId, heldIds);
    },
    [CLEAR_REMOVED_TASK]: async (payload) => {
      const cards = (payload as { cards?: unknown } | null)?.cards;
      if (!Array.isArray(cards)) throw new Error(`${CLEAR_REMOVED_TASK} needs { cards: [...] }`);
      await clearRemovedCards(deps, cards as HeldMessage[]);
    },
  };
}

/** What an erased case's cards become: no case reference, no names, nothing to press. */
const REMOVED_CARD = { title: 'This record has been removed', message: 'The records about this family have been erased, so this card no longer shows anything.', color: 'Default', actions: [] };

/** An erased case's cards in Teams are cleared (updates are idempotent, so a retry redoes them all). */
export async function clearRemovedCards(deps: JobDeps, cards: readonly HeldMessage[]): Promise<number> {
  if (!deps.renderCard) throw new Error('no card renderer configured (JobDeps.renderCard)');
  let cleared = 0;
  for (const held of cards) {
    const outcome = await deps.sender.update(recipientOf(held), held.conversation_id, held.activity_id, deps.renderCard('notice', REMOVED_CARD));
    if (outcome.ok) { cleared += 1; continue; }
    if (outcome.kind === 'throttled' || outcome.kind === 'transient') throw new Error(`clearing an erased case's card failed: ${outcome.kind}`);
    deps.log.info({ reason: outcome.kind }, "an erased case's card could not be cleared; left as it was");
  }
  if (cleared > 0) deps.log.info({ cleared }, "erased case's cards cleared");
  return cleared;
}

export async function redrawRecordCards(deps: JobDeps, recordType: RecordType, recordId: string, heldIds: readonly string[] = []): Promise<number> {
  if (!deps.renderCard) throw new Error('no card renderer configured (JobDeps.renderCard)');
  let redrawn = 0;
  for (const card of await stillHeld(deps.db, heldIds)) {
    // Only a record's own card is drawn again; a notice that merely names the record keeps its words.
    if (recordShownBy(card.card_template, { requestId: recordId, bookingId: recordId })?.recordType !== recordType) continue;
    const current = await currentRecordCard(deps, { record_type: recordType, record_id: recordId, template: card.card_template, recipient_kind: 'user', recipient_id: card.recipient_id });
    if (current) await redrawHeldCard(deps.db, card.id, current.template, current.data);
  }
  for (const held of await recordCardsOf(deps.db, recordType, recordId)) {
    const current = await currentRecordCard(deps, held);
    if (!current) continue;
    const outcome = await deps.sender.update(recipientOf(held), held.conversation_id, held.activity_id, deps.renderCard(current.template, current.data));
    if (outcome.ok) {
      await (current.forget ? forgetRecordCard(deps.db, held.id) : markRedrawn(deps.db, held.id));
      redrawn += 1;
      continue;
    }
    // Throttled or a passing failure: let graphile-worker retry the whole redraw (updates are idempotent).
    if (outcome.kind === 'throttled' || outcome.kind === 'transient') throw new Error(`redraw of a ${recordType} card failed: ${outcome.kind}`);
    deps.log.info({ recordType, reason: outcome.kind }, 'a record card could not be redrawn; left as it was');
    // Its holder has lost the record anyway: never try that copy again.
    if (current.forget) await forgetRecordCard(deps.db, held.id);
  }
  if (redrawn > 0) deps.log.info({ recordType, redrawn }, 'record cards redrawn');
  return redrawn;
}
