import { describe, expect, it } from 'vitest';
import { planSupervisionReminders, type SupervisionSnapshot } from '../../../src/domain/reminders/staff-supervision.js';
import { TUE_1000_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { contextAt, HUB, STAFF_MEMBER, summarise } from './fixtures.js';

const TWO_MONTHS = { amount: 2, unit: 'months' } as const;
const supervisedTue1Dec: SupervisionSnapshot = { staffAadId: STAFF_MEMBER, hubId: HUB, last: { heldOn: TUE_1000_GMT_1_DEC_2026, every: TWO_MONTHS } };

describe('staff supervision at least every 2 months (Plymouth Early Help and Targeted Support offer, 6)', () => {
  it('reminds the hub managers a working week before, then tells them and the practitioner the day after it falls due', () => {
    const reminders = planSupervisionReminders(supervisedTue1Dec, contextAt(TUE_1000_GMT_1_DEC_2026));
    // Due Monday 1 February 2027; five working days before is Monday 25 January; overdue from Tuesday 2 February.
    expect(summarise(reminders)).toEqual([
      { to: `hub-manager:${HUB}`, dueAt: '2027-01-25T09:00:00.000Z', escalation: 0, template: 'supervision-due' },
      { to: `hub-manager:${HUB}`, dueAt: '2027-02-02T09:00:00.000Z', escalation: 1, template: 'supervision-overdue' },
      { to: STAFF_MEMBER, dueAt: '2027-02-02T09:00:00.000Z', escalation: 1, template: 'supervision-overdue-practitioner' },
    ]);
    expect(reminders[0]?.data).toEqual({ staffAadId: STAFF_MEMBER, hubId: HUB, supervisionDueOn: '2027-02-01' });
    expect(reminders.map((r) => r.occurrence)).toEqual(['due-2027-02-01', 'due-2027-02-01', 'overdue-2027-02-01']);
  });

  it('follows a shorter interval agreed when risk is higher', () => {
    const sixWeeks = { ...supervisedTue1Dec, last: { heldOn: TUE_1000_GMT_1_DEC_2026, every: { amount: 6, unit: 'weeks' } as const } };
    expect(planSupervisionReminders(sixWeeks, contextAt(TUE_1000_GMT_1_DEC_2026))[0]?.data).toMatchObject({ supervisionDueOn: '2027-01-12' });
  });

  it('counts back over Christmas when the due date is Boxing Day', () => {
    const lastMon26Oct = { ...supervisedTue1Dec, last: { heldOn: utc('2026-10-26T10:00:00Z'), every: TWO_MONTHS } };
    const [reminder] = planSupervisionReminders(lastMon26Oct, contextAt(utc('2026-10-26T10:00:00Z')));
    expect(reminder?.dueAt).toEqual(utc('2026-12-18T09:00:00Z'));
  });

  it('with none recorded, asks the managers at once (in working hours) to record the last one', () => {
    const reminders = planSupervisionReminders({ staffAadId: STAFF_MEMBER, hubId: HUB, last: null }, contextAt(utc('2026-12-05T10:00:00Z')));
    expect(summarise(reminders)).toEqual([{ to: `hub-manager:${HUB}`, dueAt: '2026-12-07T09:00:00.000Z', escalation: 0, template: 'supervision-not-recorded' }]);
    expect(reminders[0]?.occurrence).toBe('first-record');
  });

  it('names the next reminder afresh once a supervision is recorded', () => {
    const ctx = contextAt(TUE_1000_GMT_1_DEC_2026);
    const [before] = planSupervisionReminders(supervisedTue1Dec, ctx);
    const [after] = planSupervisionReminders({ ...supervisedTue1Dec, last: { heldOn: utc('2027-01-28T10:00:00Z'), every: TWO_MONTHS } }, ctx);
    expect(after?.jobKey).not.toBe(before?.jobKey);
  });
});
