// Owns the record_cards table: which delivered messages show which record,
// and placing the redraw job when a record changes (in the caller's
// transaction, so the redraw commits with the change).
import { withTransaction, type Db, type Queryable } from './db.js';
import { addJob } from './job-queue.js';
import type { Recipient } from './outbox.js';

export type RecordType = 'request' | 'booking';
export const REDRAW_TASK = 'redraw-record-cards';
export const CLEAR_REMOVED_TASK = 'clear-removed-record-cards';
/** Turns superseded copies of a record's card into a one-line card (its own task: older instances do not know it). */
export const COLLAPSE_TASK = 'collapse-older-record-cards';
// Serialises remembering cards per chat and record (with a hash of both as the second key).
const REMEMBER_LOCK = 727_030;

/** Where a message showing a record is: enough to update it, nothing about the case. */
export type HeldMessage = Pick<RecordCardRow, 'recipient_kind' | 'recipient_id' | 'conversation_id' | 'activity_id'>;

export interface RecordCardRow {
  id: string; record_type: RecordType; record_id: string; template: string;
  recipient_kind: 'user' | 'channel'; recipient_id: string; conversation_id: string; activity_id: string;
  /** What the message shows of the record (recordStateOf), when known (migration 052). */
  drawn_state?: string | null;
}

/**
 * Remembers a message that shows a record. One living card per record per
 * personal chat: the older messages of the same card in that chat are marked
 * superseded (no longer redrawn; still cleared if the case is erased) and a
 * job turns each into a one-line "moved down the chat" card. Without that, a
 * notice such as "Joint visit accepted" became a second full copy of the
 * booking that every later change redrew beside the first. One transaction,
 * and one remember at a time per chat and record, so of two at once the
 * later sees the earlier, and the mark and its job commit together.
 */
export async function rememberRecordCard(db: Db, c: { recordType: RecordType; recordId: string; template: string; to: Recipient; conversationId: string; activityId: string; drawnState?: string }): Promise<void> {
  await withTransaction(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REMEMBER_LOCK, `${c.conversationId}|${c.recordId}`]);
    // A message already known (a press redrew it in place) keeps its row and gets the state it now shows.
    const older = await tx.query<{ id: string }>(
      `WITH added AS (
         INSERT INTO record_cards (record_type, record_id, template, recipient_kind, recipient_id, conversation_id, activity_id, drawn_state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (conversation_id, activity_id) DO NOTHING RETURNING id),
       drawn_again AS (
         UPDATE record_cards SET drawn_state = $8
          WHERE conversation_id = $6 AND activity_id = $7 AND record_type = $1 AND record_id = $2 AND NOT EXISTS (SELECT 1 FROM added))
       UPDATE record_cards old SET superseded_at = clock_timestamp()
         FROM added
        WHERE $4 = 'user' AND old.superseded_at IS NULL AND old.id < added.id
          AND old.record_type = $1 AND old.record_id = $2 AND old.template = $3
          -- The same person's chat: the conversation id alone is not enough (the Agents Playground gives every user the same one).
          AND old.recipient_kind = 'user' AND old.recipient_id = $5 AND old.conversation_id = $6
       RETURNING old.id::text AS id`,
      [c.recordType, c.recordId, c.template, c.to.kind, c.to.kind === 'user' ? c.to.aadObjectId : c.to.hubId, c.conversationId, c.activityId, c.drawnState ?? null]);
    if (older.rows.length > 0) await addJob(tx, { task: COLLAPSE_TASK, payload: { recordType: c.recordType, recordId: c.recordId, ids: older.rows.map((r) => r.id) } });
  });
}

/** The superseded copies among these, still held (erasure deletes rows): where to draw the "moved down" card. */
export async function supersededCards(q: Queryable, ids: readonly string[]): Promise<RecordCardRow[]> {
  const r = await q.query<RecordCardRow>('SELECT * FROM record_cards WHERE id = ANY($1::bigint[]) AND superseded_at IS NOT NULL ORDER BY id', [ids]);
  return r.rows;
}

/** The case reference a record is about (for the one-line card), or undefined once the record is gone. */
export async function caseRefOfRecord(q: Queryable, recordType: RecordType, recordId: string): Promise<string | undefined> {
  const r = await q.query<{ case_ref: string | null }>(
    recordType === 'request' ? 'SELECT case_ref FROM requests WHERE id = $1' : 'SELECT case_ref FROM bookings WHERE id = $1', [recordId]);
  return r.rows[0] ? (r.rows[0].case_ref ?? '') : undefined;
}

/** The living copies of a record's card (a superseded copy is not redrawn). */
export async function recordCardsOf(q: Queryable, recordType: RecordType, recordId: string): Promise<RecordCardRow[]> {
  const r = await q.query<RecordCardRow>('SELECT * FROM record_cards WHERE record_type = $1 AND record_id = $2 AND superseded_at IS NULL ORDER BY id', [recordType, recordId]);
  return r.rows;
}

/** The record's card held in this conversation (a refresh names its conversation); channel threads count as their channel. */
export async function recordCardIn(q: Queryable, conversationId: string, recordType: RecordType, recordId: string): Promise<RecordCardRow | undefined> {
  const r = await q.query<RecordCardRow>(
    `SELECT * FROM record_cards WHERE record_type = $1 AND record_id = $2 AND split_part(conversation_id, ';', 1) = split_part($3, ';', 1)
      ORDER BY superseded_at IS NULL DESC, id DESC LIMIT 1`,
    [recordType, recordId, conversationId]);
  return r.rows[0];
}

/**
 * Records that a copy was redrawn, and the state it now shows. True when a
 * newer card of the same record reached the same chat meanwhile (superseded):
 * the redraw that raced with it must then draw the short card again.
 */
export async function markRedrawn(q: Queryable, id: string, drawnState: string): Promise<boolean> {
  const r = await q.query<{ superseded: boolean }>(
    'UPDATE record_cards SET redrawn_at = clock_timestamp(), drawn_state = $2 WHERE id = $1 RETURNING superseded_at IS NOT NULL AS superseded', [id, drawnState]);
  return r.rows[0]?.superseded === true;
}

/** The state a message shows now, read just before a redraw decides whether to update it (a press may have drawn it meanwhile). */
export async function drawnStateNow(q: Queryable, id: string): Promise<string | null | undefined> {
  const r = await q.query<{ drawn_state: string | null }>('SELECT drawn_state FROM record_cards WHERE id = $1', [id]);
  return r.rows[0]?.drawn_state;
}

/** An update in place that did not reach Teams: what the message shows is no longer known, so any redraw draws it. */
export async function forgetDrawnState(q: Queryable, conversationId: string, activityId: string): Promise<void> {
  await q.query('UPDATE record_cards SET drawn_state = NULL WHERE conversation_id = $1 AND activity_id = $2', [conversationId, activityId]);
}

/** A copy whose holder may no longer see the record: cleared once, it is no longer redrawn. */
export async function forgetRecordCard(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM record_cards WHERE id = $1', [id]);
}

/** Where a card's data names the record it is about. */
const ID_KEY: Readonly<Record<RecordType, string>> = { request: 'requestId', booking: 'bookingId' };

/**
 * A record changed: redraw its cards, if any message shows it, and the cards
 * about it held for someone's first visit at this moment (so they never get
 * an old card with buttons for a step that has passed; a card this change
 * writes is not held yet and keeps its words). One job per record however
 * many changes land together: a later change's job names every card still held.
 */
export async function planRedraw(q: Queryable, recordType: RecordType, recordId: string): Promise<void> {
  const held = await q.query<{ id: string }>(
    `SELECT id::text AS id FROM notifications WHERE status = 'held' AND recipient_kind = 'user' AND card_data->>$3::text = $2::text
     UNION ALL (SELECT '' FROM record_cards WHERE record_type = $1 AND record_id = $2::uuid LIMIT 1)`, [recordType, recordId, ID_KEY[recordType]]);
  if (held.rowCount === 0) return;
  const heldIds = held.rows.map((r) => r.id).filter((id) => id !== '');
  await addJob(q, { task: REDRAW_TASK, payload: { recordType, recordId, heldIds }, jobKey: `redraw:${recordType}:${recordId}` });
}

export interface HeldCardRow { id: string; card_template: string; recipient_id: string }

/** Those of these cards still held until their (user) recipient first opens Right Response. */
export async function stillHeld(q: Queryable, ids: readonly string[]): Promise<HeldCardRow[]> {
  if (ids.length === 0) return [];
  const r = await q.query<HeldCardRow>(
    `SELECT id::text AS id, card_template, recipient_id FROM notifications
      WHERE id = ANY($1::bigint[]) AND status = 'held' AND recipient_kind = 'user' ORDER BY id`, [ids]);
  return r.rows;
}

/** A held card redrawn as its record is now (still held: it goes out on the first visit, in its place in the queue). */
export async function redrawHeldCard(q: Queryable, id: string, template: string, data: Record<string, unknown>): Promise<void> {
  await q.query(`UPDATE notifications SET card_template = $2, card_data = $3 WHERE id = $1 AND status = 'held'`, [id, template, JSON.stringify(data)]);
}

/**
 * A case is being erased: its cards in Teams are cleared to a neutral card
 * after the erasure commits (the job is placed in the erasure's transaction).
 * The payload says only where the messages are.
 */
export async function planClearRemovedCards(q: Queryable, held: readonly HeldMessage[]): Promise<void> {
  if (held.length === 0) return;
  const cards = held.map((h) => ({ recipient_kind: h.recipient_kind, recipient_id: h.recipient_id, conversation_id: h.conversation_id, activity_id: h.activity_id }));
  await addJob(q, { task: CLEAR_REMOVED_TASK, payload: { cards } });
}
