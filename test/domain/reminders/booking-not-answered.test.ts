import { describe, expect, it } from 'vitest';
import {
  planBookingNotAnsweredReminders,
  type BookingAwaitingAnswerSnapshot,
} from '../../../src/domain/reminders/booking-not-answered.js';
import { FRI_1500_BST_23_OCT_2026, FRI_1500_GMT_4_DEC_2026, TUE_1000_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, HUB, LEAD_RESPONDER, summarise } from './fixtures.js';

const bookedTue1Dec10am: BookingAwaitingAnswerSnapshot = {
  bookingId: 'booking-3',
  caseRef: CASE_REF,
  hubId: HUB,
  leadResponderAadId: LEAD_RESPONDER,
  awaitingAnswerSince: TUE_1000_GMT_1_DEC_2026,
};

describe('booking not answered by the lead responder', () => {
  it('nudges the lead responder after 4 working hours and tells the hub manager after a working day', () => {
    const reminders = planBookingNotAnsweredReminders(bookedTue1Dec10am, contextAt(TUE_1000_GMT_1_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: LEAD_RESPONDER, dueAt: '2026-12-01T14:00:00.000Z', escalation: 0, template: 'booking-not-answered' },
      { to: `hub-manager:${HUB}`, dueAt: '2026-12-02T10:00:00.000Z', escalation: 1, template: 'booking-not-answered-escalation' },
    ]);
  });

  it('carries a Friday afternoon booking over the weekend', () => {
    const reminders = planBookingNotAnsweredReminders({ ...bookedTue1Dec10am, awaitingAnswerSince: FRI_1500_GMT_4_DEC_2026 }, contextAt(FRI_1500_GMT_4_DEC_2026));
    expect(reminders.map((r) => r.dueAt.toISOString())).toEqual(['2026-12-07T11:00:00.000Z', '2026-12-07T15:00:00.000Z']);
  });

  it('counts London working hours across the autumn change', () => {
    const reminders = planBookingNotAnsweredReminders({ ...bookedTue1Dec10am, awaitingAnswerSince: FRI_1500_BST_23_OCT_2026 }, contextAt(FRI_1500_BST_23_OCT_2026));
    // Friday 15:00–17:00 BST, then Monday from 09:00 GMT.
    expect(reminders.map((r) => r.dueAt.toISOString())).toEqual(['2026-10-26T11:00:00.000Z', '2026-10-26T15:00:00.000Z']);
  });

  it('treats a new wait for an answer (another time proposed) as a new reminder', () => {
    const ctx = contextAt(TUE_1000_GMT_1_DEC_2026);
    const first = planBookingNotAnsweredReminders(bookedTue1Dec10am, ctx);
    const second = planBookingNotAnsweredReminders({ ...bookedTue1Dec10am, awaitingAnswerSince: utc('2026-12-02T11:00:00Z') }, ctx);
    expect(first[0]?.jobKey).not.toBe(second[0]?.jobKey);
    expect(second[0]?.occurrence).toBe('asked-20261202T1100Z');
  });

  it('plans nothing once answered', () => {
    expect(planBookingNotAnsweredReminders({ ...bookedTue1Dec10am, awaitingAnswerSince: null }, contextAt(TUE_1000_GMT_1_DEC_2026))).toEqual([]);
  });
});
