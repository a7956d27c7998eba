import { describe, expect, it } from 'vitest';
import {
  planSupportNotStartedReminders,
  type RequestAwaitingStartSnapshot,
  type RequestStatus,
} from '../../../src/domain/reminders/support-not-started.js';
import { TUE_1400_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, FOUR_WEEKS, HUB, REFERRER, summarise } from './fixtures.js';

const submittedTue1Dec: RequestAwaitingStartSnapshot = {
  requestId: 'req-1',
  caseRef: CASE_REF,
  hubId: HUB,
  referrerAadId: REFERRER,
  status: 'submitted',
  submittedAt: TUE_1400_GMT_1_DEC_2026,
};

describe('support not started within the service\'s period (Home-Start: 4 weeks)', () => {
  it('tells the referrer and the hub manager four weeks on, at the same time of day', () => {
    const reminders = planSupportNotStartedReminders(submittedTue1Dec, FOUR_WEEKS, contextAt(TUE_1400_GMT_1_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: REFERRER, dueAt: '2026-12-29T14:00:00.000Z', escalation: 0, template: 'support-not-started' },
      { to: `hub-manager:${HUB}`, dueAt: '2026-12-29T14:00:00.000Z', escalation: 0, template: 'support-not-started-manager' },
    ]);
    expect(reminders[0]?.data).toEqual({ caseRef: CASE_REF, requestId: 'req-1', startDueBy: '2026-12-29', startWithin: '4 weeks' });
  });

  it('uses the service\'s own period: 28 days is the same day as 4 weeks, 10 days is sooner', () => {
    expect(planSupportNotStartedReminders(submittedTue1Dec, { amount: 28, unit: 'days' }, contextAt(TUE_1400_GMT_1_DEC_2026))[0]?.dueAt).toEqual(utc('2026-12-29T14:00:00Z'));
    expect(planSupportNotStartedReminders(submittedTue1Dec, { amount: 10, unit: 'days' }, contextAt(TUE_1400_GMT_1_DEC_2026))[0]?.dueAt).toEqual(utc('2026-12-11T14:00:00Z'));
  });

  it('moves a deadline on the Boxing Day substitute to Tuesday 09:00', () => {
    const submittedMon30Nov = { ...submittedTue1Dec, submittedAt: utc('2026-11-30T10:00:00Z') };
    const [referrer] = planSupportNotStartedReminders(submittedMon30Nov, FOUR_WEEKS, contextAt(utc('2026-11-30T10:00:00Z')));
    expect(referrer?.dueAt).toEqual(utc('2026-12-29T09:00:00Z'));
  });

  it('keeps London wall time across the spring change: 10:00 GMT on 10 March is 10:00 BST on 7 April', () => {
    const submitted10Mar = { ...submittedTue1Dec, submittedAt: utc('2026-03-10T10:00:00Z') };
    const [referrer] = planSupportNotStartedReminders(submitted10Mar, FOUR_WEEKS, contextAt(utc('2026-03-10T10:00:00Z')));
    expect(referrer?.dueAt).toEqual(utc('2026-04-07T09:00:00Z'));
  });

  it('skips Easter Monday 2026 when four weeks land on it', () => {
    const submitted9Mar = { ...submittedTue1Dec, submittedAt: utc('2026-03-09T10:00:00Z') };
    const [referrer] = planSupportNotStartedReminders(submitted9Mar, FOUR_WEEKS, contextAt(utc('2026-03-09T10:00:00Z')));
    expect(referrer?.dueAt).toEqual(utc('2026-04-07T08:00:00Z'));
  });

  it.each<[RequestStatus, number]>([
    ['draft', 0],
    ['submitted', 2],
    ['allocated', 2],
    ['started', 0],
    ['in-review', 0],
    ['closed', 0],
    ['declined', 0],
    ['withdrawn', 0],
  ])('a request that is %s gets %i reminders', (status, count) => {
    expect(planSupportNotStartedReminders({ ...submittedTue1Dec, status }, FOUR_WEEKS, contextAt(TUE_1400_GMT_1_DEC_2026))).toHaveLength(count);
  });
});
