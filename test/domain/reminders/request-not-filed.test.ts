import { describe, expect, it } from 'vitest';
import { planRequestNotFiledReminders, type VisitFollowUpSnapshot } from '../../../src/domain/reminders/request-not-filed.js';
import { FRI_1800_GMT_4_DEC_2026, TUE_1400_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, DAT_TEAM, HUB, SOCIAL_WORKER, summarise } from './fixtures.js';

const visitedTue1Dec: VisitFollowUpSnapshot = {
  bookingId: 'booking-7',
  caseRef: CASE_REF,
  hubId: HUB,
  datTeamId: DAT_TEAM,
  socialWorkerAadId: SOCIAL_WORKER,
  visitAt: TUE_1400_GMT_1_DEC_2026,
  visitConfirmed: true,
  requestFiledAt: null,
};

describe('0–19 request not filed after a joint visit', () => {
  it('reminds the social worker 2 working days after the visit, then the DAT manager 2 working days later', () => {
    const reminders = planRequestNotFiledReminders(visitedTue1Dec, contextAt(TUE_1400_GMT_1_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: SOCIAL_WORKER, dueAt: '2026-12-03T14:00:00.000Z', escalation: 0, template: 'request-not-filed' },
      { to: `dat-manager:${DAT_TEAM}`, dueAt: '2026-12-07T14:00:00.000Z', escalation: 1, template: 'request-not-filed-escalation' },
    ]);
    expect(reminders.map((r) => r.jobKey)).toEqual([
      `request-not-filed:booking-7:once:user%3D${SOCIAL_WORKER}:0`,
      `request-not-filed:booking-7:once:dat-manager%3D${DAT_TEAM}:1`,
    ]);
  });

  it('skips Christmas and the Boxing Day substitute', () => {
    const visitedWed23Dec = { ...visitedTue1Dec, visitAt: utc('2026-12-23T11:00:00Z') };
    const reminders = planRequestNotFiledReminders(visitedWed23Dec, contextAt(utc('2026-12-23T11:00:00Z')));
    expect(reminders.map((r) => r.dueAt.toISOString())).toEqual(['2026-12-29T11:00:00.000Z', '2026-12-31T11:00:00.000Z']);
  });

  it('counts an evening visit from the next working morning', () => {
    const reminders = planRequestNotFiledReminders({ ...visitedTue1Dec, visitAt: FRI_1800_GMT_4_DEC_2026 }, contextAt(FRI_1800_GMT_4_DEC_2026));
    expect(reminders.map((r) => r.dueAt.toISOString())).toEqual(['2026-12-09T09:00:00.000Z', '2026-12-11T09:00:00.000Z']);
  });

  it('re-planned late, sends the social worker’s reminder now but keeps the manager’s date', () => {
    const reminders = planRequestNotFiledReminders(visitedTue1Dec, contextAt(utc('2026-12-04T10:30:00Z')));
    expect(reminders.map((r) => r.dueAt.toISOString())).toEqual(['2026-12-04T10:30:00.000Z', '2026-12-07T14:00:00.000Z']);
  });

  it('plans nothing once the request is filed, or when the visit was cancelled', () => {
    expect(planRequestNotFiledReminders({ ...visitedTue1Dec, requestFiledAt: utc('2026-12-02T10:00:00Z') }, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
    expect(planRequestNotFiledReminders({ ...visitedTue1Dec, visitConfirmed: false }, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
  });
});
