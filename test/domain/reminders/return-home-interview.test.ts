import { describe, expect, it } from 'vitest';
import {
  planReturnHomeInterviewReminders,
  returnHomeInterviewDeadline,
  type MissingEpisodeSnapshot,
} from '../../../src/domain/reminders/return-home-interview.js';
import { isWorkingTime } from '../../../src/domain/time/working-hours.js';
import { FRI_1800_GMT_4_DEC_2026, londonCalendar, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, RHI_WORKER, summarise, TARGETED_SUPPORT_HUB } from './fixtures.js';

const foundFridayEvening: MissingEpisodeSnapshot = {
  episodeId: 'missing-12',
  caseRef: CASE_REF,
  targetedSupportHubId: TARGETED_SUPPORT_HUB,
  allocatedWorkerAadId: RHI_WORKER,
  foundAt: FRI_1800_GMT_4_DEC_2026,
  interviewHeldAt: null,
};

describe('return home interview within 72 hours (seed 003)', () => {
  it('tells the team channel and the worker at once, even on a Friday evening, and the manager at 48 hours', () => {
    const reminders = planReturnHomeInterviewReminders(foundFridayEvening, contextAt(FRI_1800_GMT_4_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: `channel:${TARGETED_SUPPORT_HUB}`, dueAt: '2026-12-04T18:00:00.000Z', escalation: 0, template: 'return-home-interview-due' },
      { to: RHI_WORKER, dueAt: '2026-12-04T18:00:00.000Z', escalation: 0, template: 'return-home-interview-due' },
      { to: `hub-manager:${TARGETED_SUPPORT_HUB}`, dueAt: '2026-12-06T18:00:00.000Z', escalation: 1, template: 'return-home-interview-escalation' },
    ]);
    expect(reminders[0]?.data).toEqual({
      caseRef: CASE_REF,
      episodeId: 'missing-12',
      foundAt: '2026-12-04T18:00:00.000Z',
      deadline: '2026-12-07T18:00:00.000Z',
    });
  });

  it('is deliberately not held back to working hours: the 72 hours run through the weekend', () => {
    const reminders = planReturnHomeInterviewReminders(foundFridayEvening, contextAt(FRI_1800_GMT_4_DEC_2026));
    expect(reminders.every((r) => !isWorkingTime(r.dueAt, londonCalendar))).toBe(true);
  });

  it('measures 72 elapsed hours across the spring change (ending 21:00 BST, not 20:00)', () => {
    const foundSat28Mar = { ...foundFridayEvening, foundAt: utc('2026-03-28T20:00:00Z') };
    const deadline = returnHomeInterviewDeadline(foundSat28Mar, contextAt(foundSat28Mar.foundAt));
    expect(deadline).toEqual(utc('2026-03-31T20:00:00Z'));
  });

  it('with no allocated worker, posts to the channel and escalates to the manager', () => {
    const unallocated = { ...foundFridayEvening, allocatedWorkerAadId: null };
    expect(planReturnHomeInterviewReminders(unallocated, contextAt(FRI_1800_GMT_4_DEC_2026)).map((r) => r.recipient.kind)).toEqual(['channel', 'role']);
  });

  it('planned after the event, sends the first reminder now', () => {
    const saturdayMorning = utc('2026-12-05T08:15:00Z');
    const [channel] = planReturnHomeInterviewReminders(foundFridayEvening, contextAt(saturdayMorning));
    expect(channel?.dueAt).toEqual(saturdayMorning);
  });

  it('plans nothing once the interview is held', () => {
    expect(planReturnHomeInterviewReminders({ ...foundFridayEvening, interviewHeldAt: utc('2026-12-05T11:00:00Z') }, contextAt(utc('2026-12-05T11:00:00Z')))).toEqual([]);
  });
});
