import { describe, expect, it } from 'vitest';
import { planSupervisionReminders, type SupervisionSnapshot } from '../../../src/domain/reminders/staff-supervision.js';
import { TUE_1000_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { contextAt, STAFF_MEMBER, summarise, SUPERVISOR } from './fixtures.js';

const supervisedTue1Dec: SupervisionSnapshot = {
  staffAadId: STAFF_MEMBER,
  supervisorAadId: SUPERVISOR,
  inPostSince: utc('2025-04-01T09:00:00Z'),
  lastSupervisionAt: TUE_1000_GMT_1_DEC_2026,
};

describe('staff supervision every 2 months (seed 003)', () => {
  it('reminds the supervisor a working week before the next supervision is due', () => {
    const reminders = planSupervisionReminders(supervisedTue1Dec, contextAt(TUE_1000_GMT_1_DEC_2026));
    // Due Monday 1 February 2027; five working days before is Monday 25 January.
    expect(summarise(reminders)).toEqual([
      { to: SUPERVISOR, dueAt: '2027-01-25T09:00:00.000Z', escalation: 0, template: 'supervision-due' },
    ]);
    expect(reminders[0]?.data).toEqual({ staffAadId: STAFF_MEMBER, supervisionDueOn: '2027-02-01' });
    expect(reminders[0]?.occurrence).toBe('due-2027-02-01');
  });

  it('counts back over Christmas when the due date is Boxing Day', () => {
    const lastMon26Oct = { ...supervisedTue1Dec, lastSupervisionAt: utc('2026-10-26T10:00:00Z') };
    const [reminder] = planSupervisionReminders(lastMon26Oct, contextAt(utc('2026-10-26T10:00:00Z')));
    expect(reminder?.dueAt).toEqual(utc('2026-12-18T09:00:00Z'));
  });

  it('counts a first supervision from the start in post, and sends an overdue one now', () => {
    const neverSupervised = { ...supervisedTue1Dec, lastSupervisionAt: null, inPostSince: utc('2026-09-01T09:00:00Z') };
    const [reminder] = planSupervisionReminders(neverSupervised, contextAt(TUE_1000_GMT_1_DEC_2026));
    expect(reminder?.data).toMatchObject({ supervisionDueOn: '2026-11-01' });
    expect(reminder?.dueAt).toEqual(TUE_1000_GMT_1_DEC_2026);
  });

  it('names the next reminder afresh once a supervision is recorded', () => {
    const ctx = contextAt(TUE_1000_GMT_1_DEC_2026);
    const [before] = planSupervisionReminders(supervisedTue1Dec, ctx);
    const [after] = planSupervisionReminders({ ...supervisedTue1Dec, lastSupervisionAt: utc('2027-01-28T10:00:00Z') }, ctx);
    expect(after?.jobKey).not.toBe(before?.jobKey);
  });
});
