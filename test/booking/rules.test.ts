// The pure OSR rules: OSR week after duty week, which week a social worker can
// book into, visit times inside the week and working hours (across the spring
// and autumn clock changes), caps, permissions and the calendar file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bookableOsrWeek, checkVisitTime, dutyWeekOf, osrWeekOf } from '../../src/domain/booking/osr-week.js';
import { checkCapChange, effectiveCap, placesLeft, OSR_WEEKLY_CAP_DEFAULT } from '../../src/domain/booking/capacity.js';
import { canTransition, checkResponder, mayCancel, mayRespond } from '../../src/domain/booking/permissions.js';
import { buildVisitIcs, foldLine } from '../../src/domain/booking/ics.js';
import { londonInstant, parseBookingForm } from '../../src/domain/booking/form.js';
import { londonWeekOf, weekById } from '../../src/domain/time/london.js';
import type { Booking } from '../../src/domain/booking/schema.js';
import type { Person } from '../../src/domain/directory/schema.js';
import { londonCalendar as cal, utc } from '../domain/time/fixtures.js';

describe('the OSR week', () => {
  it('is the week after the duty week, across a year end', () => {
    expect(osrWeekOf('2026-W48')).toBe('2026-W49');
    expect(osrWeekOf('2026-W53')).toBe('2027-W01');
    expect(dutyWeekOf('2027-W01')).toBe('2026-W53');
  });

  it('can be booked into during the OSR week, and from the duty week for next week, but not otherwise', () => {
    const tue = utc('2026-12-01T10:00:00Z'); // 2026-W49
    expect(bookableOsrWeek(['2026-W49'], tue)).toEqual({ ok: true, weekId: '2026-W49' });
    expect(bookableOsrWeek(['2026-W50'], tue)).toEqual({ ok: true, weekId: '2026-W50' });
    expect(bookableOsrWeek(['2026-W48', '2026-W52'], tue)).toEqual({ ok: false, code: 'NO_OSR_WEEK', nextOsrWeek: '2026-W52' });
    expect(bookableOsrWeek([], tue)).toEqual({ ok: false, code: 'NO_OSR_WEEK', nextOsrWeek: null });
  });

  it('starts at 00:00 London on the Monday after the spring clock change (23:00 UTC on Sunday)', () => {
    // Clocks went forward on Sunday 29 March 2026: Monday 00:00 BST is Sunday 23:00 UTC.
    expect(londonWeekOf(utc('2026-03-29T22:59:59Z')).weekId).toBe('2026-W13');
    expect(londonWeekOf(utc('2026-03-29T23:00:00Z')).weekId).toBe('2026-W14');
    expect(bookableOsrWeek(['2026-W14'], utc('2026-03-29T23:30:00Z'))).toEqual({ ok: true, weekId: '2026-W14' });
  });

  it('ends at 00:00 London on the Monday after the autumn clock change (00:00 UTC)', () => {
    // Clocks went back on Sunday 25 October 2026: that week is 169 hours long.
    const w43 = weekById('2026-W43');
    expect(w43.endsAt.getTime() - w43.startsAt.getTime()).toBe(169 * 3_600_000);
    expect(londonWeekOf(utc('2026-10-25T23:59:59Z')).weekId).toBe('2026-W43');
    expect(londonWeekOf(utc('2026-10-26T00:00:00Z')).weekId).toBe('2026-W44');
  });
});

describe('a proposed visit time', () => {
  const now = utc('2026-11-30T08:00:00Z');
  it('must be in the future, inside the OSR week and inside working hours for the whole hour', () => {
    expect(checkVisitTime(londonInstant('2026-12-01', '10:00')!, '2026-W49', cal, now)).toEqual({ ok: true });
    expect(checkVisitTime(londonInstant('2026-11-30', '07:00')!, '2026-W49', cal, now)).toEqual({ ok: false, code: 'TIME_PAST' });
    expect(checkVisitTime(londonInstant('2026-12-07', '10:00')!, '2026-W49', cal, now)).toEqual({ ok: false, code: 'TIME_OUTSIDE_WEEK' });
    expect(checkVisitTime(londonInstant('2026-12-01', '16:30')!, '2026-W49', cal, now)).toEqual({ ok: false, code: 'TIME_OUTSIDE_WORKING_HOURS' });
    expect(checkVisitTime(londonInstant('2026-12-01', '16:00')!, '2026-W49', cal, now)).toEqual({ ok: true });
    expect(checkVisitTime(londonInstant('2026-12-05', '10:00')!, '2026-W49', cal, now)).toEqual({ ok: false, code: 'TIME_OUTSIDE_WORKING_HOURS' });
  });

  it('reads London wall-clock time on both sides of the clock changes', () => {
    expect(londonInstant('2026-03-27', '09:00')).toEqual(utc('2026-03-27T09:00:00Z')); // GMT
    expect(londonInstant('2026-03-30', '09:00')).toEqual(utc('2026-03-30T08:00:00Z')); // BST
    expect(londonInstant('2026-10-23', '09:00')).toEqual(utc('2026-10-23T08:00:00Z')); // BST
    expect(londonInstant('2026-10-26', '09:00')).toEqual(utc('2026-10-26T09:00:00Z')); // GMT
    // 09:00 BST Monday is in working hours; the same UTC instant a week before the change is 08:00 GMT, not.
    expect(checkVisitTime(londonInstant('2026-03-30', '09:00')!, '2026-W14', cal, utc('2026-03-29T23:00:00Z'))).toEqual({ ok: true });
    expect(checkVisitTime(utc('2026-03-23T08:00:00Z'), '2026-W13', cal, utc('2026-03-22T00:00:00Z'))).toEqual({ ok: false, code: 'TIME_OUTSIDE_WORKING_HOURS' });
  });

  it('skips bank holidays (Easter Monday 2027 is in the week after the spring change)', () => {
    expect(checkVisitTime(londonInstant('2027-03-29', '10:00')!, '2027-W13', cal, utc('2027-03-28T00:00:00Z'))).toEqual({ ok: false, code: 'TIME_OUTSIDE_WORKING_HOURS' });
    expect(checkVisitTime(londonInstant('2027-03-30', '10:00')!, '2027-W13', cal, utc('2027-03-28T00:00:00Z'))).toEqual({ ok: true });
  });
});

describe('places', () => {
  it('uses the week figure, else the hub figure, else three', () => {
    expect(effectiveCap(undefined, null)).toBe(OSR_WEEKLY_CAP_DEFAULT);
    expect(effectiveCap(4, null)).toBe(4);
    expect(effectiveCap(4, 2)).toBe(2);
    expect(effectiveCap(4, 0)).toBe(0);
  });

  it('never goes negative, and a cap below the held places is refused with them listed', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 60 }), (cap, taken) => {
      expect(placesLeft(cap, taken)).toBe(Math.max(0, cap - taken));
      const held = Array.from({ length: taken }, (_, i) => ({ bookingId: `b${i}`, caseRef: `LCS${i}` }));
      const change = checkCapChange(cap, held);
      expect(change.ok).toBe(cap >= taken);
      if (!change.ok && change.code === 'CAP_BELOW_BOOKED') expect(change.booked).toHaveLength(taken);
    }));
    expect(checkCapChange(51, []).ok).toBe(false);
  });
});

const person = (aad: string, extra: Partial<Person>): Person => ({ aadObjectId: aad, displayName: aad, roles: ['hub-practitioner'], ...extra });
const booking = { id: 'b', hubId: 'north', socialWorkerAad: 'sw', assigneeAad: 'lead', status: 'requested' } as unknown as Booking;

describe('who may do what', () => {
  it('lets grade H and I practitioners of the hub lead, not grade G or another hub', () => {
    expect(checkResponder(person('h', { hubId: 'north', grade: 'H' }), 'north')).toEqual({ ok: true });
    expect(checkResponder(person('i', { hubId: 'north', grade: 'I' }), 'north')).toEqual({ ok: true });
    expect(checkResponder(person('g', { hubId: 'north', grade: 'G' }), 'north')).toEqual({ ok: false, code: 'GRADE_NOT_H_OR_I' });
    expect(checkResponder(person('h2', { hubId: 'south', grade: 'H' }), 'north')).toEqual({ ok: false, code: 'NOT_IN_HUB' });
  });

  it('lets the practitioner or the cover answer, and either side or the manager cancel', () => {
    const week = { leadAad: 'lead', coverAad: 'cover' };
    expect(mayRespond(person('lead', { hubId: 'north' }), booking, week)).toBe(true);
    expect(mayRespond(person('cover', { hubId: 'north' }), booking, week)).toBe(true);
    expect(mayRespond(person('other', { hubId: 'north' }), booking, week)).toBe(false);
    expect(mayCancel(person('sw', { roles: ['social-worker'] }), booking, week)).toBe(true);
    expect(mayCancel(person('m', { hubId: 'north', roles: ['hub-manager'] }), booking, week)).toBe(true);
    expect(mayCancel(person('m2', { hubId: 'south', roles: ['hub-manager'] }), booking, week)).toBe(false);
  });

  it('allows each change only from the statuses it makes sense from', () => {
    expect(canTransition('accept', 'requested')).toBe(true);
    expect(canTransition('accept', 'accepted')).toBe(false);
    expect(canTransition('agree', 'time-proposed')).toBe(true);
    expect(canTransition('cancel', 'cancelled')).toBe(false);
    expect(canTransition('cancel', 'completed')).toBe(false);
  });
});

describe('the booking form', () => {
  it('names every problem against its field', () => {
    const r = parseBookingForm({ hubId: '', type: 'x', visitDate: '2026-13-01', visitTime: '', caseRef: '!', purpose: '', risks: '', postcode: 'nope' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field).sort()).toEqual(['caseRef', 'hubId', 'postcode', 'purpose', 'risks', 'type', 'visitDate']);
  });
});

describe('the calendar file', () => {
  it('is RFC 5545 text in UTC with CRLF lines of at most 75 octets and escaped text', () => {
    const ics = buildVisitIcs({
      uid: 'b1@right-response', sequence: 2, start: utc('2026-12-01T10:00:00Z'), end: utc('2026-12-01T11:00:00Z'), stamp: utc('2026-11-30T09:00:00Z'),
      summary: 'OSR visit: case LCS1', description: `Case LCS1; hub, North. ${'long '.repeat(40)}`, status: 'CONFIRMED',
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('DTSTART:20261201T100000Z\r\n');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('Case LCS1\\; hub\\, North.');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('folds without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });
});
