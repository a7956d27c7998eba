import { describe, expect, it } from 'vitest';
import { planSupportPlanReviewReminders, type SupportPlanSnapshot } from '../../../src/domain/reminders/plan-review.js';
import { TUE_1000_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, HUB, PRACTITIONER, summarise, THREE_MONTHS } from './fixtures.js';

const planStartedTue1Dec: SupportPlanSnapshot = {
  planId: 'plan-1',
  caseRef: CASE_REF,
  hubId: HUB,
  practitionerAadId: PRACTITIONER,
  startedAt: TUE_1000_GMT_1_DEC_2026,
  reviewsHeld: 0,
  lastReviewAt: null,
  closedAt: null,
};

describe('support plan review reminders (the service\'s interval; Home-Start: every 3 months)', () => {
  it('reminds the practitioner, copying the hub manager, a working week before the first review', () => {
    // Review due Monday 1 March 2027; five working days before is Monday 22 February, 09:00 GMT.
    const reminders = planSupportPlanReviewReminders(planStartedTue1Dec, THREE_MONTHS, contextAt(TUE_1000_GMT_1_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: PRACTITIONER, dueAt: '2027-02-22T09:00:00.000Z', escalation: 0, template: 'plan-review-due' },
      { to: `hub-manager:${HUB}`, dueAt: '2027-02-22T09:00:00.000Z', escalation: 0, template: 'plan-review-due-manager' },
    ]);
    expect(reminders[0]?.data).toEqual({ caseRef: CASE_REF, planId: 'plan-1', reviewNumber: 1, reviewDueOn: '2027-03-01' });
    expect(reminders[0]?.jobKey).toBe(`plan-review:plan-1:review-1:user%3D${PRACTITIONER}:0`);
  });

  it('counts the next review from the last one held, skipping the Spring bank holiday, in BST', () => {
    const afterFirstReview = { ...planStartedTue1Dec, reviewsHeld: 1, lastReviewAt: utc('2027-03-03T11:00:00Z') };
    // Review due Thursday 3 June 2027; five working days back skips Monday 31 May → Wednesday 26 May 09:00 BST.
    const [practitioner] = planSupportPlanReviewReminders(afterFirstReview, THREE_MONTHS, contextAt(utc('2027-03-03T11:00:00Z')));
    expect(practitioner?.dueAt).toEqual(utc('2027-05-26T08:00:00Z'));
    expect(practitioner?.occurrence).toBe('review-2');
    expect(practitioner?.data).toMatchObject({ reviewNumber: 2, reviewDueOn: '2027-06-03' });
  });

  it('sends an overdue review reminder now, moved into working hours', () => {
    const saturdayAfterReviewDate = utc('2027-03-06T10:00:00Z');
    const [practitioner] = planSupportPlanReviewReminders(planStartedTue1Dec, THREE_MONTHS, contextAt(saturdayAfterReviewDate));
    expect(practitioner?.dueAt).toEqual(utc('2027-03-08T09:00:00Z'));
    expect(practitioner?.occurrence).toBe('review-1'); // same reminder, not a new one
  });

  it('with no notice configured, reminds on the morning of the review date', () => {
    const [practitioner] = planSupportPlanReviewReminders(
      planStartedTue1Dec,
      THREE_MONTHS,
      contextAt(TUE_1000_GMT_1_DEC_2026, { planReviewNoticeWorkingDays: 0 }),
    );
    expect(practitioner?.dueAt).toEqual(utc('2027-03-01T09:00:00Z'));
  });

  it('clamps the review date to the end of a short month (30 November + 3 months = 28 February)', () => {
    const started30Nov = { ...planStartedTue1Dec, startedAt: utc('2026-11-30T10:00:00Z') };
    const [practitioner] = planSupportPlanReviewReminders(started30Nov, THREE_MONTHS, contextAt(utc('2026-11-30T10:00:00Z')));
    expect(practitioner?.data).toMatchObject({ reviewDueOn: '2027-02-28' });
  });

  it('plans nothing once the plan is closed', () => {
    const closed = { ...planStartedTue1Dec, closedAt: utc('2027-01-10T10:00:00Z') };
    expect(planSupportPlanReviewReminders(closed, THREE_MONTHS, contextAt(utc('2027-01-11T10:00:00Z')))).toEqual([]);
  });
});
