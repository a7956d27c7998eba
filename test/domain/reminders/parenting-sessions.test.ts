import { describe, expect, it } from 'vitest';
import {
  extensionEndDate,
  planParentingSessionReminders,
  type ParentingProgrammeSnapshot,
} from '../../../src/domain/reminders/parenting-sessions.js';
import { TUE_1400_GMT_1_DEC_2026, TUE_1830_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { BARNET_PARENTING, CASE_REF, contextAt, HUB, PRACTITIONER, summarise } from './fixtures.js';

const sixthSessionRecorded: ParentingProgrammeSnapshot = {
  interventionId: 'parenting-4',
  caseRef: CASE_REF,
  hubId: HUB,
  practitionerAadId: PRACTITIONER,
  sessionsHeld: 6,
  lastSessionAt: TUE_1400_GMT_1_DEC_2026,
  review: null,
  closedAt: null,
};

describe('parenting sessions: review after 6, then up to a further 6 weeks (Barnet One Service Response protocol, 4.2)', () => {
  it('asks the practitioner for a review once session 6 is recorded, and tells the hub manager a working week later', () => {
    const reminders = planParentingSessionReminders(sixthSessionRecorded, BARNET_PARENTING, contextAt(TUE_1400_GMT_1_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: PRACTITIONER, dueAt: '2026-12-01T14:00:00.000Z', escalation: 0, template: 'parenting-review-due' },
      { to: `hub-manager:${HUB}`, dueAt: '2026-12-08T14:00:00.000Z', escalation: 1, template: 'parenting-review-overdue' },
    ]);
    // The manager's copy has its own occurrence: the practitioner noting theirs does not close it.
    expect(reminders.map((r) => r.occurrence)).toEqual(['review-after-6', 'review-after-6-manager']);
    expect(reminders[0]?.data).toEqual({ caseRef: CASE_REF, interventionId: 'parenting-4', sessionsHeld: 6, sessionsBeforeReview: 6 });
  });

  it('holds a session recorded in the evening until the next working morning', () => {
    const evening = { ...sixthSessionRecorded, lastSessionAt: TUE_1830_GMT_1_DEC_2026 };
    expect(planParentingSessionReminders(evening, BARNET_PARENTING, contextAt(TUE_1830_GMT_1_DEC_2026))[0]?.dueAt).toEqual(utc('2026-12-02T09:00:00Z'));
  });

  it('plans nothing before session 6', () => {
    expect(planParentingSessionReminders({ ...sixthSessionRecorded, sessionsHeld: 5 }, BARNET_PARENTING, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
  });

  it('after a review that extends the work, reminds on the last day of the further period (a period, not sessions)', () => {
    expect(extensionEndDate('2026-12-03', BARNET_PARENTING)).toBe('2027-01-14');
    const extended = { ...sixthSessionRecorded, sessionsHeld: 9, review: { heldOn: '2026-12-03', outcome: 'extend' as const, extendedUntil: '2027-01-14' } };
    const reminders = planParentingSessionReminders(extended, BARNET_PARENTING, contextAt(utc('2026-12-10T10:00:00Z')));
    expect(summarise(reminders)).toEqual([
      { to: PRACTITIONER, dueAt: '2027-01-14T09:00:00.000Z', escalation: 0, template: 'parenting-extension-ends' },
      { to: `hub-manager:${HUB}`, dueAt: '2027-01-21T09:00:00.000Z', escalation: 1, template: 'parenting-extension-ends-manager' },
    ]);
    expect(reminders[0]?.data).toMatchObject({ extendedUntil: '2027-01-14' });
  });

  it('plans nothing once the review ended the programme, or it is closed, or the service has no further period', () => {
    const ended = { ...sixthSessionRecorded, review: { heldOn: '2026-12-03', outcome: 'end' as const, extendedUntil: null } };
    expect(planParentingSessionReminders(ended, BARNET_PARENTING, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
    expect(planParentingSessionReminders({ ...sixthSessionRecorded, closedAt: TUE_1400_GMT_1_DEC_2026 }, BARNET_PARENTING, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
    expect(extensionEndDate('2026-12-03', { sessionsBeforeReview: 6, extension: null })).toBeNull();
  });
});
