// Owns living record cards (issue 13): which card templates show a record,
// and a record's card drawn as the record is now, for the person or channel
// that holds it. Used by the redraw job (a record changed: every copy of its
// card is updated in place) and by a card's refresh or a stale press. A
// person who may no longer see the record gets no more of it.
import { createHash } from 'node:crypto';
import type { Db } from '../../store/db.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Clock } from '../clock.js';
import type { Recipient } from '../../store/outbox.js';
import type { RecordCardRow, RecordType } from '../../store/record-card-store.js';
import { getRequest } from '../../store/request-store.js';
import { getBooking, requestFiledFor } from '../../store/booking-store.js';
import { getHubWeek } from '../../store/rota-store.js';
import { findPerson } from '../../domain/directory/lookup.js';
import { actorFor } from '../../domain/directory/actor.js';
import { canView } from '../../domain/request/status.js';
import { mayView } from '../../domain/booking/permissions.js';
import { partiesOf } from '../request/access.js';
import { BOOKING_STATUS_LABELS } from '../../domain/booking/schema.js';
import { HUB_CARD, hubCardData } from '../request/notify.js';
import { BOOKING_CARD } from '../booking/notify.js';
import { bookingCardData } from '../booking/card-data.js';
import { calendarUrl } from '../booking/calendar-link.js';
import type { BookingConfig } from '../booking/deps.js';

export interface RecordCardDeps { db: Db; directory: Directory; clock: Clock; config: BookingConfig }

/** Templates whose card shows one record, and where the record's id is in the card's data. */
const RECORD_TEMPLATES: Readonly<Record<string, { recordType: RecordType; idKey: string }>> = {
  [HUB_CARD]: { recordType: 'request', idKey: 'requestId' },
  [BOOKING_CARD]: { recordType: 'booking', idKey: 'bookingId' },
};

// What a record card says about what happened or what was typed rather than what the record is.
const NOT_RECORD_STATE = new Set(['title', 'message', 'tone', 'told', 'values', 'errors', 'problems', 'hasProblems', 'notificationId', 'recordState']);

/**
 * A digest of what a record card shows of the record (and of what its viewer
 * may do with it), leaving out its headline and typed values: two cards with
 * the same digest show the record alike, whatever their headlines say. The
 * redraw job leaves a message alone when it already shows the record as it is
 * now, so "have been told" and "Joint visit accepted" stay until the record
 * next changes. Both the card data and the digest come from the same
 * functions (hubCardData, bookingCardData), so equal states give equal digests.
 */
export function recordStateOf(data: Record<string, unknown>): string {
  const state = Object.fromEntries(Object.entries(data).filter(([key]) => !NOT_RECORD_STATE.has(key)));
  return createHash('sha256').update(canonicalJson(state)).digest('base64url').slice(0, 22);
}

/**
 * JSON with every object's keys in sorted order and undefined left out: the
 * same data gives the same text however it was built. An outbox card's data
 * comes back from a jsonb column, which keeps its own key order, not ours.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The card's data with its record state, for the templates that show one record (the state rides in the card's refresh data). */
export function withRecordState(template: string, data: Record<string, unknown>): Record<string, unknown> {
  return RECORD_TEMPLATES[template] ? { ...data, recordState: recordStateOf(data) } : data;
}

/**
 * The record a drawn card shows and the state it shows it in (withRecordState),
 * read from the card's refresh data, where the record templates put both;
 * undefined for any other card.
 */
export function recordOnCard(card: unknown): { recordType: RecordType; recordId: string; drawnState?: string } | undefined {
  const data = (card as { refresh?: { action?: { data?: { recordType?: unknown; recordId?: unknown; state?: unknown } } } } | undefined)?.refresh?.action?.data;
  if ((data?.recordType !== 'request' && data?.recordType !== 'booking') || typeof data.recordId !== 'string') return undefined;
  const state = data.state;
  return { recordType: data.recordType, recordId: data.recordId, drawnState: typeof state === 'string' && /^[\w-]{1,64}$/.test(state) ? state : undefined };
}

export function recordShownBy(template: string, data: Record<string, unknown>): { recordType: RecordType; recordId: string } | undefined {
  const t = RECORD_TEMPLATES[template];
  const id = t ? data[t.idKey] : undefined;
  return t && typeof id === 'string' ? { recordType: t.recordType, recordId: id } : undefined;
}

export function recipientOf(row: Pick<RecordCardRow, 'recipient_kind' | 'recipient_id'>): Recipient {
  return row.recipient_kind === 'user' ? { kind: 'user', aadObjectId: row.recipient_id } : { kind: 'channel', hubId: row.recipient_id };
}

/** A record card as drawn now; `forget` when the holder may no longer see the record (the copy is cleared once, then let go). */
export interface CurrentRecordCard { template: string; data: Record<string, unknown>; forget?: true }

/** What a copy becomes when its holder lost the record (reassigned, left the hub): no case, no time, no names. */
const NO_LONGER_WITH_YOU: CurrentRecordCard = {
  template: 'notice',
  data: { title: 'This is no longer with you', message: 'It has moved to someone else, or you no longer have access to it, so this card will not show it any more.', color: 'Default', actions: [] },
  forget: true,
};

/**
 * The card a holder sees for the record now (template and data), or
 * undefined when the record is gone (erased): the old card is left alone.
 * A person's copy is drawn only while they may still see the record (the
 * same rules as opening it: request parties, booking access); otherwise it
 * becomes the "no longer with you" card. A channel holds the hub's no-names
 * card. `viewerAad`: who is looking (a refresh), else the copy's holder.
 */
export async function currentRecordCard(deps: RecordCardDeps, held: Pick<RecordCardRow, 'record_type' | 'record_id' | 'template' | 'recipient_kind' | 'recipient_id'>, viewerAad?: string): Promise<CurrentRecordCard | undefined> {
  const personal = held.recipient_kind === 'user';
  const viewerId = viewerAad ?? (personal ? held.recipient_id : '');
  if (held.record_type === 'request') {
    const row = await getRequest(deps.db, held.record_id);
    if (!row) return undefined;
    if (personal && !canView(partiesOf(actorFor(deps.directory, viewerId), row))) return NO_LONGER_WITH_YOU;
    return { template: HUB_CARD, data: { ...hubCardData(row, deps.directory), told: '' } };
  }
  const b = await getBooking(deps.db, held.record_id);
  if (!b) return undefined;
  const hw = await getHubWeek(deps.db, b.hubId, b.weekId);
  const week = { leadAad: hw?.leadAad ?? null, coverAad: hw?.coverAad ?? null };
  const viewer = findPerson(deps.directory, viewerId);
  if (personal && !mayView(viewer, b, week)) return NO_LONGER_WITH_YOU;
  return {
    template: BOOKING_CARD,
    data: bookingCardData(deps.directory, b, {
      viewer, week, now: deps.clock.now(),
      headline: { title: `OSR booking: case ${b.caseRef}`, message: BOOKING_STATUS_LABELS[b.status] },
      requestFiled: await requestFiledFor(deps.db, b.id),
      calendarUrl: b.status === 'accepted' || b.status === 'completed' ? await calendarUrl(deps, b) : '',
    }),
  };
}
