import { describe, expect, it } from 'vitest';
import {
  planParentingSessionReminders,
  type ParentingProgrammeSnapshot,
} from '../../../src/domain/reminders/parenting-sessions.js';
import { TUE_1400_GMT_1_DEC_2026, TUE_1830_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, HUB, PRACTITIONER, summarise } from './fixtures.js';

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

describe('parenting sessions: review after 6, cap at 12 (seed 004 §4.2)', () => {
  it('asks the practitioner for a review once session 6 is recorded', () => {
    const reminders = planParentingSessionReminders(sixthSessionRecorded, contextAt(TUE_1400_GMT_1_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: PRACTITIONER, dueAt: '2026-12-01T14:00:00.000Z', escalation: 0, template: 'parenting-review-due' },
    ]);
    expect(reminders[0]?.occurrence).toBe('review-after-6');
    expect(reminders[0]?.data).toEqual({
      caseRef: CASE_REF,
      interventionId: 'parenting-4',
      sessionsHeld: 6,
      sessionCap: 12,
      lastSessionAt: '2026-12-01T14:00:00.000Z',
    });
  });

  it('holds a session recorded in the evening until the next working morning', () => {
    const evening = { ...sixthSessionRecorded, lastSessionAt: TUE_1830_GMT_1_DEC_2026 };
    expect(planParentingSessionReminders(evening, contextAt(TUE_1830_GMT_1_DEC_2026))[0]?.dueAt).toEqual(utc('2026-12-02T09:00:00Z'));
  });

  it('plans nothing before session 6', () => {
    expect(planParentingSessionReminders({ ...sixthSessionRecorded, sessionsHeld: 5 }, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
  });

  it('keeps asking for the review if sessions carry on without one', () => {
    const [reminder] = planParentingSessionReminders({ ...sixthSessionRecorded, sessionsHeld: 8 }, contextAt(TUE_1400_GMT_1_DEC_2026));
    expect(reminder?.template).toBe('parenting-review-due');
  });

  it('is quiet during an extension, and tells the practitioner when the 12th session is reached', () => {
    const extended = { ...sixthSessionRecorded, review: { heldAt: utc('2026-12-03T10:00:00Z'), outcome: 'extend' as const } };
    expect(planParentingSessionReminders({ ...extended, sessionsHeld: 11 }, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
    const atCap = planParentingSessionReminders(
      { ...extended, sessionsHeld: 12, lastSessionAt: utc('2027-02-09T14:00:00Z') },
      contextAt(utc('2027-02-09T14:00:00Z')),
    );
    expect(summarise(atCap)).toEqual([
      { to: PRACTITIONER, dueAt: '2027-02-09T14:00:00.000Z', escalation: 0, template: 'parenting-cap-reached' },
    ]);
    expect(atCap[0]?.occurrence).toBe('cap-12');
  });

  it('plans nothing once the review ended the programme, or it is closed', () => {
    const ended = { ...sixthSessionRecorded, review: { heldAt: utc('2026-12-03T10:00:00Z'), outcome: 'end' as const } };
    expect(planParentingSessionReminders(ended, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
    expect(planParentingSessionReminders({ ...sixthSessionRecorded, closedAt: TUE_1400_GMT_1_DEC_2026 }, contextAt(TUE_1400_GMT_1_DEC_2026))).toEqual([]);
  });
});
