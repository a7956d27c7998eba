// Owns the calendar invitation for an accepted joint visit. Teams cannot
// attach a file to a bot message without the file-consent dance, and the
// Agents Playground has no files at all, so the card carries an
// Action.OpenUrl to GET /calendar/<booking>.ics: the browser downloads it and
// Outlook, Google or Apple Calendar open it. The link is signed (HMAC with a
// key kept in the database, made by migration 008, so every app instance
// agrees) and expires two weeks after the OSR week; the file holds the case
// reference and staff names only, never family details, and each download is
// audited.
import { parseExpiry, publicBaseUrl, signLink, verifyLink } from '../links/signed-link.js';
import { calendarLinkSecret, getBooking } from '../../store/booking-store.js';
import type { Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { findHub } from '../../domain/directory/lookup.js';
import { weekById } from '../../domain/time/london.js';
import { buildVisitIcs } from '../../domain/booking/ics.js';
import { BOOKING_TYPE_LABELS, visitEnd, type Booking } from '../../domain/booking/schema.js';
import { nameOf, type BookingDeps } from './deps.js';

// Product: long enough to re-download after the visit, short enough that an old link dies.
const LINK_VALID_AFTER_WEEK_MS = 14 * 24 * 3_600_000;

const secrets = new WeakMap<object, string>();

/**
 * The signing key, read once per pool and then kept: it never changes. Read
 * through `q`, the caller's transaction when there is one (never a second
 * connection from inside a transaction).
 */
async function linkSecret(db: BookingDeps['db'], q: Queryable): Promise<string> {
  const cached = secrets.get(db);
  if (cached) return cached;
  const secret = await calendarLinkSecret(q);
  secrets.set(db, secret);
  return secret;
}

const PURPOSE = 'rr-calendar-link';

export const CALENDAR_ROUTE = '/calendar/:file';

/** The signed path (no host) of a booking's .ics file. */
export async function calendarPath(deps: BookingDeps, booking: Pick<Booking, 'id' | 'weekId'>, q: Queryable = deps.db): Promise<string> {
  const expires = Math.floor((weekById(booking.weekId).endsAt.getTime() + LINK_VALID_AFTER_WEEK_MS) / 1000);
  const sig = signLink(await linkSecret(deps.db, q), PURPOSE, [booking.id], expires);
  return `/calendar/${booking.id}.ics?exp=${expires}&sig=${sig}`;
}

/** `q`: the caller's transaction when called inside one. */
export async function calendarUrl(deps: BookingDeps, booking: Pick<Booking, 'id' | 'weekId'>, q: Queryable = deps.db): Promise<string> {
  return `${publicBaseUrl(deps.config)}${await calendarPath(deps, booking, q)}`;
}

export interface HttpAnswer { status: number; headers: Record<string, string>; body: string }

const notFound: HttpAnswer = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'This calendar link is not valid or has expired.' };

/** Answers GET /calendar/<id>.ics?exp=…&sig=… */
export async function serveCalendar(deps: BookingDeps, file: string, query: URLSearchParams): Promise<HttpAnswer> {
  const m = /^([0-9a-f-]{36})\.ics$/i.exec(file);
  if (!m) return notFound;
  const bookingId = m[1]!.toLowerCase();
  const now = deps.clock.now();
  if (verifyLink(await linkSecret(deps.db, deps.db), PURPOSE, [bookingId], parseExpiry(query.get('exp')), query.get('sig') ?? '', now) !== 'ok') return notFound;
  const b = await getBooking(deps.db, bookingId);
  if (!b) return notFound;
  await writeAudit(deps.db, { actor: 'calendar-link', action: 'booking.calendar.download', recordType: 'booking', recordId: b.id, caseRef: b.caseRef }, now);
  const hub = findHub(deps.directory, b.hubId)?.name ?? b.hubId;
  const body = buildVisitIcs({
    uid: `${b.id}@right-response`,
    sequence: b.version,
    start: b.visitAt,
    end: visitEnd(b.visitAt),
    stamp: now,
    summary: `OSR ${BOOKING_TYPE_LABELS[b.type].toLowerCase()}: case ${b.caseRef}`,
    description: `One Service Response joint visit booked in Right Response. Case reference ${b.caseRef}. ${hub}. Social worker: ${nameOf(deps, b.socialWorkerAad)}. Practitioner: ${nameOf(deps, b.assigneeAad)}. Details of the family are in the booking in Teams.`,
    location: b.type === 'home-visit' ? 'Family home (address in the case record)' : b.type === 'virtual-visit' ? 'Online' : undefined,
    status: b.status === 'accepted' || b.status === 'completed' ? 'CONFIRMED' : b.status === 'cancelled' || b.status === 'declined' ? 'CANCELLED' : 'TENTATIVE',
  });
  return {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8; method=PUBLISH',
      'content-disposition': `attachment; filename="osr-visit-${b.caseRef.replace(/[^A-Z0-9-]/gi, '-')}.ics"`,
      'cache-control': 'no-store',
    },
    body,
  };
}
