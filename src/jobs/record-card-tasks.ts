// Owns the `redraw-record-cards` task: a request or booking changed, so every
// message that shows its card is updated in place (the hub channel's card
// says "Allocated to …" and loses its Allocate button; a booking card says
// "Accepted"). A person's copy is redrawn only while they may still see the
// record; otherwise it is cleared once and forgotten. A card that cannot be updated (the conversation is gone) is
// skipped: the record itself is unchanged, and a press on it redraws it.
// A card about the record still held for someone who has not opened Right
// Response yet is redrawn too, so their first visit brings the record as it
// is (a cancelled visit without Accept and Decline).
// Also the two tasks that replace cards by a short one: an erased case's
// cards ("removed"), and older copies of a record's card in a chat that got a
// newer one ("moved down the chat": one living card per record per chat).
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import {
  CLEAR_REMOVED_TASK, COLLAPSE_TASK, REDRAW_TASK, caseRefOfRecord, drawnStateNow, forgetRecordCard, markRedrawn, recordCardsOf, redrawHeldCard, stillHeld, supersededCards,
  type HeldMessage, type RecordType,
} from '../store/record-card-store.js';
import { currentRecordCard, recipientOf, recordShownBy, recordStateOf } from '../app/record-cards/record-cards.js';

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
      await replaceCards(deps, cards as HeldMessage[], REMOVED_CARD);
    },
    [COLLAPSE_TASK]: async (payload) => {
      const p = payload as { recordType?: unknown; recordId?: unknown; ids?: unknown } | null;
      if ((p?.recordType !== 'request' && p?.recordType !== 'booking') || typeof p.recordId !== 'string' || !Array.isArray(p.ids)) throw new Error(`${COLLAPSE_TASK} needs { recordType, recordId, ids }`);
      const ids = p.ids.filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id));
      await collapseSuperseded(deps, p.recordType, p.recordId, ids);
    },
  };
}

type Notice = { title: string; message: string; color: string; actions: [] };

/** What the cards of an erased case, or of a record past its retention period, become: no case reference, no names, nothing to press. */
const REMOVED_CARD: Notice = { title: 'This record has been removed', message: 'The records behind this card are no longer kept, so it no longer shows anything.', color: 'Default', actions: [] };

/** What an older copy of a record's card becomes when a newer one is sent to the same chat (one living card per record). */
function movedCard(recordType: RecordType, caseRef: string): Notice {
  const what = recordType === 'booking' ? 'joint visit' : '0–19 request';
  return { title: 'Moved down the chat', message: `The ${what}${caseRef ? ` for case ${caseRef}` : ''} has a newer card further down this chat, which stays up to date.`, color: 'Default', actions: [] };
}

/** Superseded copies become the one-line card (erasure deletes the rows: an erased case's copies are left to its own clearing). */
export async function collapseSuperseded(deps: JobDeps, recordType: RecordType, recordId: string, ids: readonly string[]): Promise<number> {
  const cards = await supersededCards(deps.db, ids);
  if (cards.length === 0) return 0;
  const caseRef = await caseRefOfRecord(deps.db, recordType, recordId);
  if (caseRef === undefined) return 0;
  return replaceCards(deps, cards, movedCard(recordType, caseRef));
}

/** Cards in Teams replaced by a notice (updates are idempotent, so a retry redoes them all). */
export async function replaceCards(deps: JobDeps, cards: readonly HeldMessage[], notice: Notice = REMOVED_CARD): Promise<number> {
  if (!deps.renderCard) throw new Error('no card renderer configured (JobDeps.renderCard)');
  let replaced = 0;
  for (const held of cards) {
    const outcome = await deps.sender.update(recipientOf(held), held.conversation_id, held.activity_id, deps.renderCard('notice', notice));
    if (outcome.ok) { replaced += 1; continue; }
    if (outcome.kind === 'throttled' || outcome.kind === 'transient') throw new Error(`replacing a card failed: ${outcome.kind}`);
    deps.log.info({ reason: outcome.kind }, 'a card could not be replaced; left as it was');
  }
  if (replaced > 0) deps.log.info({ replaced, notice: notice.title }, 'cards replaced by a notice');
  return replaced;
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
    const state = recordStateOf(current.data);
    // Already drawn from the record as it is (the press that changed it answered on this very message, or the
    // notice of this change was this message): left alone, its headline ("… have been told") is still true.
    // Read again just before the update, not from the list read at the start: the press's answer may have
    // been drawn while earlier copies were being updated.
    if (!current.forget && (await drawnStateNow(deps.db, held.id)) === state) continue;
    const outcome = await deps.sender.update(recipientOf(held), held.conversation_id, held.activity_id, deps.renderCard(current.template, current.data));
    if (outcome.ok) {
      redrawn += 1;
      if (current.forget) { await forgetRecordCard(deps.db, held.id); continue; }
      // A newer card of the record reached this chat while this one was being drawn: the collapse may have
      // drawn the short card before this update landed, so draw it again (both jobs end on the short card).
      if (await markRedrawn(deps.db, held.id, state)) await collapseSuperseded(deps, recordType, recordId, [held.id]);
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
