import { describe, expect, it } from 'vitest';
import {
  planReturnHomeInterviewReminders,
  returnHomeInterviewDeadline,
  type MissingEpisodeSnapshot,
} from '../../../src/domain/reminders/return-home-interview.js';
import { isWorkingTime } from '../../../src/domain/time/working-hours.js';
import { FRI_1800_GMT_4_DEC_2026, londonCalendar, utc } from '../time/fixtures.js';
import { CASE_REF, contextAt, RHI_WORKER, SEVENTY_TWO_HOURS, summarise, TARGETED_SUPPORT_HUB } from './fixtures.js';

const foundFridayEvening: MissingEpisodeSnapshot = {
  episodeId: 'missing-12',
  caseRef: CASE_REF,
  hubId: TARGETED_SUPPORT_HUB,
  practitionerAadId: RHI_WORKER,
  foundAt: FRI_1800_GMT_4_DEC_2026,
  interviewHeldAt: null,
};

describe('return home interview within the service\'s period (Plymouth Targeted Support: 72 hours)', () => {
  it('tells the practitioner at once, even on a Friday evening, and the manager when the 72 hours run out', () => {
    const reminders = planReturnHomeInterviewReminders(foundFridayEvening, SEVENTY_TWO_HOURS, contextAt(FRI_1800_GMT_4_DEC_2026));
    expect(summarise(reminders)).toEqual([
      { to: RHI_WORKER, dueAt: '2026-12-04T18:00:00.000Z', escalation: 0, template: 'return-home-interview-due' },
      { to: `hub-manager:${TARGETED_SUPPORT_HUB}`, dueAt: '2026-12-07T18:00:00.000Z', escalation: 1, template: 'return-home-interview-escalation' },
    ]);
    expect(reminders[0]?.data).toEqual({
      caseRef: CASE_REF,
      episodeId: 'missing-12',
      foundAt: '2026-12-04T18:00:00.000Z',
      deadline: '2026-12-07T18:00:00.000Z',
      within: '72 hours',
    });
  });

  it('is deliberately not held back to working hours: the 72 hours run through the weekend', () => {
    const reminders = planReturnHomeInterviewReminders(foundFridayEvening, SEVENTY_TWO_HOURS, contextAt(FRI_1800_GMT_4_DEC_2026));
    expect(reminders.every((r) => !isWorkingTime(r.dueAt, londonCalendar))).toBe(true);
  });

  it('measures 72 elapsed hours across the spring change (ending 21:00 BST, not 20:00)', () => {
    expect(returnHomeInterviewDeadline({ foundAt: utc('2026-03-28T20:00:00Z') }, SEVENTY_TWO_HOURS)).toEqual(utc('2026-03-31T20:00:00Z'));
  });

  it('recorded after the event, tells the practitioner now; recorded after the deadline, tells the manager now too', () => {
    const saturdayMorning = utc('2026-12-05T08:15:00Z');
    expect(planReturnHomeInterviewReminders(foundFridayEvening, SEVENTY_TWO_HOURS, contextAt(saturdayMorning))[0]?.dueAt).toEqual(saturdayMorning);
    const tuesday = utc('2026-12-08T10:00:00Z');
    expect(planReturnHomeInterviewReminders(foundFridayEvening, SEVENTY_TWO_HOURS, contextAt(tuesday)).map((r) => r.dueAt)).toEqual([tuesday, tuesday]);
  });

  it('plans nothing once the interview is held', () => {
    expect(planReturnHomeInterviewReminders({ ...foundFridayEvening, interviewHeldAt: utc('2026-12-05T11:00:00Z') }, SEVENTY_TWO_HOURS, contextAt(utc('2026-12-05T11:00:00Z')))).toEqual([]);
  });
});
