// Pure pieces of reminder delivery, with fixed clocks and fixed randomness:
// retry delays, the words on every reminder card, who is told when someone
// cannot be reached, and whose reminders a person may act on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_POLICY, throttleDelayMs, transientDelayMs } from '../../src/jobs/delivery-policy.js';
import { parseRecipientKey } from '../../src/jobs/flush-notifications.js';
import { reminderCardData, reminderSummary } from '../../src/app/reminders/reminder-view.js';
import { REMINDER_TEMPLATES } from '../../src/domain/reminders/templates.js';
import { managersOf } from '../../src/app/reminders/undeliverable.js';
import { recipientKeysOf } from '../../src/app/reminders/actions.js';
import { expandRecipient } from '../../src/app/reminders/fire.js';
import { loadDirectory } from '../../src/config/load-directory.js';
import { findPerson } from '../../src/domain/directory/lookup.js';
import { hubManagerOf, datManagerOf } from '../../src/domain/reminders/planned-reminder.js';
import { leadPractitioner, hubManager, socialWorker, datManager, admin } from '../support/people.js';

const directory = loadDirectory('config/directory.demo.json');
const person = (u: { aadObjectId: string }) => findPerson(directory, u.aadObjectId);

// 2026-07-14 is in British Summer Time (UTC+1); 2026-12-01 in GMT.
const TUE_14_JUL_0900_BST = new Date('2026-07-14T08:00:00Z');
const TUE_1_DEC_0900_GMT = new Date('2026-12-01T09:00:00Z');

describe('retry delays', () => {
  const policy = { ...DEFAULT_DELIVERY_POLICY, transientBaseMs: 2_000, transientMaxMs: 60_000 };

  it('double after each transient failure, with half of each wait random (equal jitter), up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => transientDelayMs(n, policy, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((n) => transientDelayMs(n, policy, () => 1))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(transientDelayMs(40, policy, () => 1)).toBe(60_000);
  });

  it('never wait less than Retry-After, and add at most the configured jitter', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 120_000 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (retryAfter, r) => {
      const d = throttleDelayMs(retryAfter, policy, () => r);
      return d >= retryAfter && d <= retryAfter + policy.retryAfterJitterMs;
    }));
  });

  it('keep growing however many failures (no overflow to a negative or zero wait)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (failures, r) => {
      const d = transientDelayMs(failures, policy, () => r);
      return d >= policy.transientBaseMs / 2 && d <= policy.transientMaxMs;
    }));
  });
});

describe('reminder cards', () => {
  const reminder = (template: string, dueAt: Date, data: Record<string, unknown> = {}) => ({
    id: '7', cause: 'plan-review', template, case_ref: 'EHM-104233', due_at: dueAt, status: 'pending',
    data: { caseRef: 'EHM-104233', reviewNumber: 2, reviewDueOn: '2026-12-08', startDueBy: '2026-12-08', targetDate: '2027-03-01',
      visitAt: '2026-12-02T10:30:00.000Z', requestedAt: '2026-11-30T09:15:00.000Z', sessionsHeld: 6, foundAt: '2026-11-30T22:00:00.000Z',
      deadline: '2026-12-03T22:00:00.000Z', supervisionDueOn: '2026-12-10', ...data },
  });

  it.each(Object.values(REMINDER_TEMPLATES).filter((t) => t !== 'weekly-digest'))('%s has its own title, what is due and what Done records', (template) => {
    const view = reminderCardData(reminder(template, TUE_1_DEC_0900_GMT), TUE_1_DEC_0900_GMT);
    expect(view.title).not.toBe('Reminder');
    expect(view.what).not.toMatch(/undefined|NaN|\$\{/);
    expect(view.doneLabel).not.toBe('Done');
    expect(view.caseRef).toBe('EHM-104233');
    expect(reminderSummary(reminder(template, TUE_1_DEC_0900_GMT))).toBe(view.title);
  });

  it('show due times on London clocks, in summer time and in winter', () => {
    expect(reminderCardData(reminder('plan-review-due', TUE_14_JUL_0900_BST), TUE_14_JUL_0900_BST).dueLabel).toBe('Tue 14 Jul, 09:00');
    expect(reminderCardData(reminder('plan-review-due', TUE_1_DEC_0900_GMT), TUE_1_DEC_0900_GMT).dueLabel).toBe('Tue 1 Dec, 09:00');
    expect(reminderCardData(reminder('joint-visit-morning-of', TUE_1_DEC_0900_GMT), TUE_1_DEC_0900_GMT).what).toContain('Wed 2 Dec, 10:30');
  });

  it('default the Done date to today in London, which differs from UTC just after midnight in summer', () => {
    const justAfterMidnightBst = new Date('2026-07-14T23:30:00Z'); // 00:30 on 15 July in London
    expect(reminderCardData(reminder('plan-review-due', TUE_14_JUL_0900_BST), justAfterMidnightBst).today).toBe('2026-07-15');
  });

  it('say whether a reminder is overdue by the given clock, not the machine\'s', () => {
    expect(reminderCardData(reminder('plan-review-due', TUE_1_DEC_0900_GMT), new Date('2026-12-01T08:59:00Z')).overdue).toBe(false);
    expect(reminderCardData(reminder('plan-review-due', TUE_1_DEC_0900_GMT), new Date('2026-12-01T09:01:00Z')).overdue).toBe(true);
  });

  it('name a member of staff only on the manager\'s supervision card, never a family member anywhere', () => {
    const view = reminderCardData(reminder('supervision-due', TUE_1_DEC_0900_GMT), TUE_1_DEC_0900_GMT, { staffName: 'Demo Lead Practitioner' });
    expect(view.what).toContain('Demo Lead Practitioner');
    expect(JSON.stringify(reminderCardData(reminder('plan-review-due', TUE_1_DEC_0900_GMT, { childName: 'Ava' }), TUE_1_DEC_0900_GMT))).not.toContain('Ava');
  });
});

describe('who is told when someone cannot be reached', () => {
  it('a hub practitioner\'s hub manager; a social worker\'s DAT manager; nobody for a manager or an unknown person', () => {
    expect(managersOf(directory, person(leadPractitioner)).map((p) => p.aadObjectId)).toEqual([hubManager.aadObjectId]);
    expect(managersOf(directory, person(socialWorker)).map((p) => p.aadObjectId)).toEqual([datManager.aadObjectId]);
    expect(managersOf(directory, person(hubManager))).toEqual([]);
    expect(managersOf(directory, person(admin))).toEqual([]);
    expect(managersOf(directory, undefined)).toEqual([]);
  });
});

describe('whose reminders a person may act on', () => {
  it('their own, and as a manager their hub\'s or DAT team\'s', () => {
    expect(recipientKeysOf(leadPractitioner.aadObjectId, person(leadPractitioner))).toEqual([`user=${leadPractitioner.aadObjectId}`]);
    expect(recipientKeysOf(hubManager.aadObjectId, person(hubManager))).toEqual([`user=${hubManager.aadObjectId}`, 'hub-manager=barnet-north']);
    expect(recipientKeysOf(datManager.aadObjectId, person(datManager))).toEqual([`user=${datManager.aadObjectId}`, 'dat-manager=dat-barnet-a']);
  });

  it('a role reminder goes to everyone in that role today', () => {
    expect(expandRecipient(directory, hubManagerOf('barnet-north'))).toEqual([{ kind: 'user', aadObjectId: hubManager.aadObjectId }]);
    expect(expandRecipient(directory, datManagerOf('dat-barnet-a'))).toEqual([{ kind: 'user', aadObjectId: datManager.aadObjectId }]);
    expect(expandRecipient(directory, hubManagerOf('nowhere'))).toEqual([]);
  });

  it('outbox recipient keys round-trip', () => {
    expect(parseRecipientKey('user:abc')).toEqual({ kind: 'user', aadObjectId: 'abc' });
    expect(parseRecipientKey('channel:barnet-north')).toEqual({ kind: 'channel', hubId: 'barnet-north' });
    expect(() => parseRecipientKey('team:x')).toThrow(/Not a recipient key/);
  });
});
