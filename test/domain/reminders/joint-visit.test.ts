import { describe, expect, it } from 'vitest';
import { planJointVisitReminders, type JointVisitSnapshot } from '../../../src/domain/reminders/joint-visit.js';
import {
  FRI_0900_GMT_27_MAR_2026,
  MON_0900_BST,
  MON_1000_BST_30_MAR_2026,
  THU_0900_GMT_25_MAR_2027,
  TUE_1000_GMT_1_DEC_2026,
  utc,
} from '../time/fixtures.js';
import { CASE_REF, contextAt, HUB, PRACTITIONER, SOCIAL_WORKER, summarise } from './fixtures.js';

const WED_1200_GMT_25_NOV_2026 = utc('2026-11-25T12:00:00Z');

const visitTue1Dec10am: JointVisitSnapshot = {
  bookingId: 'booking-7',
  caseRef: CASE_REF,
  hubId: HUB,
  visitAt: TUE_1000_GMT_1_DEC_2026,
  socialWorkerAadId: SOCIAL_WORKER,
  practitionerAadId: PRACTITIONER,
  confirmed: true,
};

describe('joint visit reminders: the working day before, and the morning of', () => {
  it('reminds both people on Monday 09:00 and Tuesday 09:00 for a Tuesday 10:00 visit', () => {
    const reminders = planJointVisitReminders(visitTue1Dec10am, contextAt(WED_1200_GMT_25_NOV_2026));
    expect(summarise(reminders)).toEqual([
      { to: SOCIAL_WORKER, dueAt: '2026-11-30T09:00:00.000Z', escalation: 0, template: 'joint-visit-day-before' },
      { to: PRACTITIONER, dueAt: '2026-11-30T09:00:00.000Z', escalation: 0, template: 'joint-visit-day-before' },
      { to: SOCIAL_WORKER, dueAt: '2026-12-01T09:00:00.000Z', escalation: 0, template: 'joint-visit-morning-of' },
      { to: PRACTITIONER, dueAt: '2026-12-01T09:00:00.000Z', escalation: 0, template: 'joint-visit-morning-of' },
    ]);
    expect(reminders[0]?.data).toEqual({ caseRef: CASE_REF, bookingId: 'booking-7', hubId: HUB, visitAt: '2026-12-01T10:00:00.000Z' });
    expect(reminders[0]?.occurrence).toBe('day-before-20261201T1000Z');
  });

  it('for the Monday after the spring change: Friday 09:00 GMT (09:00Z), then Monday 09:00 BST (08:00Z)', () => {
    const visit = { ...visitTue1Dec10am, visitAt: MON_1000_BST_30_MAR_2026 };
    const reminders = planJointVisitReminders(visit, contextAt(utc('2026-03-20T12:00:00Z')));
    expect([...new Set(reminders.map((r) => r.dueAt.toISOString()))]).toEqual([
      FRI_0900_GMT_27_MAR_2026.toISOString(),
      MON_0900_BST.toISOString(),
    ]);
  });

  it('looks back over Easter to Maundy Thursday for a visit on the Tuesday after Easter Monday', () => {
    const visit = { ...visitTue1Dec10am, visitAt: utc('2027-03-30T10:00:00Z') };
    const [first] = planJointVisitReminders(visit, contextAt(utc('2027-03-22T12:00:00Z')));
    expect(first?.dueAt).toEqual(THU_0900_GMT_25_MAR_2027);
  });

  it('skips the morning-of reminder for a visit at the start of the working day', () => {
    const visit = { ...visitTue1Dec10am, visitAt: utc('2026-12-01T09:00:00Z') };
    const reminders = planJointVisitReminders(visit, contextAt(WED_1200_GMT_25_NOV_2026));
    expect(reminders.map((r) => r.template)).toEqual(['joint-visit-day-before', 'joint-visit-day-before']);
  });

  it('reminds on Friday only for a Saturday visit', () => {
    const visit = { ...visitTue1Dec10am, visitAt: utc('2026-12-05T11:00:00Z') };
    const reminders = planJointVisitReminders(visit, contextAt(WED_1200_GMT_25_NOV_2026));
    expect(summarise(reminders).map((r) => [r.dueAt, r.template])).toEqual([
      ['2026-12-04T09:00:00.000Z', 'joint-visit-day-before'],
      ['2026-12-04T09:00:00.000Z', 'joint-visit-day-before'],
    ]);
  });

  it('sends the day-before reminder at once when the visit was accepted after 09:00 the day before', () => {
    const acceptedMon14 = utc('2026-11-30T14:00:00Z');
    const reminders = planJointVisitReminders(visitTue1Dec10am, contextAt(acceptedMon14));
    expect([...new Set(reminders.map((r) => r.dueAt.toISOString()))]).toEqual([
      acceptedMon14.toISOString(),
      '2026-12-01T09:00:00.000Z',
    ]);
  });

  it('lets the morning-of reminder stand in when the visit was accepted the evening before', () => {
    const visit = { ...visitTue1Dec10am, visitAt: utc('2026-12-01T09:30:00Z') };
    const reminders = planJointVisitReminders(visit, contextAt(utc('2026-11-30T18:00:00Z')));
    expect(reminders.map((r) => [r.template, r.dueAt.toISOString()])).toEqual([
      ['joint-visit-morning-of', '2026-12-01T09:00:00.000Z'],
      ['joint-visit-morning-of', '2026-12-01T09:00:00.000Z'],
    ]);
  });

  it('plans nothing for a booking not yet accepted, or a visit that has happened', () => {
    expect(planJointVisitReminders({ ...visitTue1Dec10am, confirmed: false }, contextAt(WED_1200_GMT_25_NOV_2026))).toEqual([]);
    expect(planJointVisitReminders(visitTue1Dec10am, contextAt(utc('2026-12-01T10:00:00Z')))).toEqual([]);
  });

  it('gives a moved visit new job keys, so an already-sent reminder for the old time does not block it', () => {
    const ctx = contextAt(WED_1200_GMT_25_NOV_2026);
    const before = planJointVisitReminders(visitTue1Dec10am, ctx).map((r) => r.jobKey);
    const after = planJointVisitReminders({ ...visitTue1Dec10am, visitAt: utc('2026-12-03T14:00:00Z') }, ctx).map((r) => r.jobKey);
    expect(after.filter((key) => before.includes(key))).toEqual([]);
    expect(after.every((key) => key.startsWith('joint-visit:booking-7:'))).toBe(true);
  });
});
