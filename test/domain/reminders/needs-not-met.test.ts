import { describe, expect, it } from 'vitest';
import { planNeedsNotMetReminders } from '../../../src/domain/reminders/needs-not-met.js';
import type { SupportPlanSnapshot } from '../../../src/domain/reminders/plan-review.js';
import { TUE_1000_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, HUB, NINE_MONTHS, PRACTITIONER, summarise } from './fixtures.js';

const supportStartedTue1Dec: SupportPlanSnapshot = {
  planId: 'plan-9',
  caseRef: CASE_REF,
  hubId: HUB,
  practitionerAadId: PRACTITIONER,
  startedAt: TUE_1000_GMT_1_DEC_2026,
  reviewsHeld: 0,
  lastReviewAt: null,
  closedAt: null,
};

describe('needs-not-met reminders (the service\'s target; Home-Start: 9 months)', () => {
  it('tells practitioner and manager at 8 months and again, as an escalation, at 9', () => {
    const reminders = planNeedsNotMetReminders(supportStartedTue1Dec, NINE_MONTHS, contextAt(TUE_1000_GMT_1_DEC_2026));
    // 1 August 2027 is a Sunday, so the warning comes Monday 2 August 09:00 BST; 1 September is a Wednesday.
    expect(summarise(reminders)).toEqual([
      { to: PRACTITIONER, dueAt: '2027-08-02T08:00:00.000Z', escalation: 0, template: 'needs-not-met-approaching' },
      { to: `hub-manager:${HUB}`, dueAt: '2027-08-02T08:00:00.000Z', escalation: 0, template: 'needs-not-met-approaching' },
      { to: PRACTITIONER, dueAt: '2027-09-01T08:00:00.000Z', escalation: 1, template: 'needs-not-met-deadline' },
      { to: `hub-manager:${HUB}`, dueAt: '2027-09-01T08:00:00.000Z', escalation: 1, template: 'needs-not-met-deadline' },
    ]);
    expect(reminders[0]?.data).toEqual({ caseRef: CASE_REF, planId: 'plan-9', targetDate: '2027-09-01', within: '9 months' });
  });

  it('drops the "approaching" reminder once the target itself is due', () => {
    const reminders = planNeedsNotMetReminders(supportStartedTue1Dec, NINE_MONTHS, contextAt(utc('2027-09-03T10:00:00Z')));
    expect(reminders.map((r) => r.occurrence)).toEqual(['deadline', 'deadline']);
    expect(reminders[0]?.dueAt).toEqual(utc('2027-09-03T10:00:00Z'));
  });

  it('honours a service\'s own period, warning a month before', () => {
    const reminders = planNeedsNotMetReminders(supportStartedTue1Dec, { amount: 6, unit: 'months' }, contextAt(TUE_1000_GMT_1_DEC_2026));
    expect(reminders.map((r) => r.dueAt.toISOString())).toEqual([
      '2027-05-04T08:00:00.000Z', // 1 May 2027 is a Saturday and 3 May the Early May bank holiday
      '2027-05-04T08:00:00.000Z',
      '2027-06-01T08:00:00.000Z',
      '2027-06-01T08:00:00.000Z',
    ]);
  });

  it('plans nothing once support has closed', () => {
    expect(planNeedsNotMetReminders({ ...supportStartedTue1Dec, closedAt: utc('2027-05-01T10:00:00Z') }, NINE_MONTHS, contextAt(utc('2027-05-02T10:00:00Z')))).toEqual([]);
  });
});
