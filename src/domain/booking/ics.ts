// Owns the calendar invitation (.ics, RFC 5545) for an OSR joint visit. Times
// are written in UTC ("Z"), which every calendar converts to its own zone, so
// no VTIMEZONE block is needed and the clock changes cannot shift a visit.
// The entry carries the case reference and staff names only: calendars sync
// to phones and shared views, so no family names, purpose or risks go in.

export interface VisitEvent {
  /** Stable per booking, so a re-downloaded invitation updates the same entry. */
  readonly uid: string;
  /** Bumped whenever the booking changes (RFC 5545 SEQUENCE). */
  readonly sequence: number;
  readonly start: Date;
  readonly end: Date;
  /** When the file was made (DTSTAMP). */
  readonly stamp: Date;
  readonly summary: string;
  readonly description: string;
  readonly location?: string;
  readonly status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

const utf8 = new TextEncoder();
const PRODUCT_ID = '-//Right Response//OSR joint visits//EN';

export function buildVisitIcs(event: VisitEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    `STATUS:${event.status}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  // RFC 5545 §3.1: CRLF line endings, lines folded at 75 octets.
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** 20261201T100000Z */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines are escaped. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line to 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8.encode(ch).length;
    // The first line holds 75 octets; continuation lines start with a space, so hold 74 more.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
