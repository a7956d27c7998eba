// Owns the booking notifications: a personal card to each person a change
// concerns, and the hub channel's card for a new booking. Written to the
// outbox inside the use case's transaction, so a change and the messages
// about it commit together; delivery is the outbox's job.
import type { Queryable } from '../../store/db.js';
import { enqueueNotification } from '../../store/outbox.js';
import { requestFiledFor } from '../../store/booking-store.js';
import { findPerson } from '../../domain/directory/lookup.js';
import type { Booking } from '../../domain/booking/schema.js';
import type { HubWeekRoles } from '../../domain/booking/permissions.js';
import { bookingCardData, channelCardData, type Headline } from './card-data.js';
import { calendarUrl } from './calendar-link.js';
import type { BookingDeps } from './deps.js';

export const BOOKING_CARD = 'booking-card';
export const BOOKING_CHANNEL_CARD = 'booking-channel';

export interface TellOptions {
  /** Adds the calendar invitation link (accepted visits). */
  withCalendar?: boolean;
  /** Distinguishes two cards to one person about the same change. */
  topic?: string;
}

/** A personal booking card to one person, drawn for what they may do with the booking. */
export async function tell(
  tx: Queryable, deps: BookingDeps, booking: Booking, week: HubWeekRoles, recipientAad: string, headline: Headline, now: Date, o: TellOptions = {},
): Promise<void> {
  const viewer = findPerson(deps.directory, recipientAad);
  const data = bookingCardData(deps.directory, booking, {
    viewer, week, now, headline,
    calendarUrl: o.withCalendar ? await calendarUrl(deps, booking, tx) : '',
    // The same "0–19 request" line as the booking's other cards: a notice must not say "Not filed yet" when it is.
    requestFiled: await requestFiledFor(tx, booking.id),
  });
  await enqueueNotification(tx, {
    to: { kind: 'user', aadObjectId: recipientAad },
    template: BOOKING_CARD,
    data,
    // The feed preview: the case reference, never a family detail.
    summary: `${headline.title}: case ${booking.caseRef}`,
    // One card per person per version of the booking, whatever retries happen.
    dedupeKey: `booking:${booking.id}:v${booking.version}:${o.topic ?? 'status'}:${recipientAad}`,
  });
}

/** Several people, each once, never the person who acted (they get the reply). */
export async function tellEach(
  tx: Queryable, deps: BookingDeps, booking: Booking, week: HubWeekRoles, recipients: readonly (string | null | undefined)[], actorAad: string,
  headline: Headline, now: Date, o: TellOptions = {},
): Promise<void> {
  const unique = [...new Set(recipients.filter((r): r is string => !!r && r !== actorAad))];
  for (const aad of unique) await tell(tx, deps, booking, week, aad, headline, now, o);
}

export async function tellHubChannel(tx: Queryable, deps: BookingDeps, booking: Booking, placesLeft: number, cap: number): Promise<void> {
  await enqueueNotification(tx, {
    to: { kind: 'channel', hubId: booking.hubId },
    template: BOOKING_CHANNEL_CARD,
    data: channelCardData(deps.directory, booking, placesLeft, cap),
    summary: `New OSR booking: case ${booking.caseRef}`,
    dedupeKey: `booking:${booking.id}:channel:new`,
  });
}
