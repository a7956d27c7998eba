import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planReminder,
  recipientKey,
  reminderJobKey,
  reminderKeyPrefix,
  reminderRecipientSchema,
  REMINDER_CAUSES,
  type ReminderRecipient,
} from '../../../src/domain/reminders/planned-reminder.js';
import { TUE_1000_GMT_1_DEC_2026 } from '../time/fixtures.js';
import { HUB, PRACTITIONER } from './fixtures.js';

const base = {
  cause: 'plan-review' as const,
  causeId: 'plan-1',
  occurrence: 'review-1',
  recipient: { kind: 'user', aadObjectId: PRACTITIONER } as ReminderRecipient,
  escalation: 0,
};

describe('job keys', () => {
  it('read cause:causeId:occurrence:recipient:escalation', () => {
    expect(reminderJobKey(base)).toBe(`plan-review:plan-1:review-1:user%3D${PRACTITIONER}:0`);
  });

  it('name each kind of recipient', () => {
    expect(recipientKey({ kind: 'user', aadObjectId: 'u-1' })).toBe('user=u-1');
    expect(recipientKey({ kind: 'role', role: 'hub-manager', scopeId: HUB })).toBe(`hub-manager=${HUB}`);
    expect(recipientKey({ kind: 'role', role: 'dat-manager', scopeId: 'dat-1' })).toBe('dat-manager=dat-1');
    expect(recipientKey({ kind: 'channel', hubId: HUB })).toBe(`channel=${HUB}`);
  });

  it('cannot be confused by ids that contain the separator', () => {
    const a = reminderJobKey({ ...base, causeId: 'a:b', occurrence: 'c' });
    const b = reminderJobKey({ ...base, causeId: 'a', occurrence: 'b:c' });
    expect(a).not.toBe(b);
    expect(a.split(':')).toHaveLength(5);
  });

  it('share a prefix for every reminder about one record, and only that record', () => {
    const prefix = reminderKeyPrefix('plan-review', 'plan-1');
    expect(reminderJobKey(base).startsWith(prefix)).toBe(true);
    expect(reminderJobKey({ ...base, causeId: 'plan-10' }).startsWith(prefix)).toBe(false);
  });

  it('are attached by planReminder', () => {
    const planned = planReminder({ ...base, dueAt: TUE_1000_GMT_1_DEC_2026, template: 'plan-review-due', data: {} });
    expect(planned.jobKey).toBe(reminderJobKey(base));
  });

  const recipient = fc.oneof(
    fc.record({ kind: fc.constant('user' as const), aadObjectId: fc.string({ minLength: 1 }) }),
    fc.record({ kind: fc.constant('role' as const), role: fc.constantFrom('hub-manager' as const, 'dat-manager' as const), scopeId: fc.string({ minLength: 1 }) }),
    fc.record({ kind: fc.constant('channel' as const), hubId: fc.string({ minLength: 1 }) }),
  );
  const keyParts = fc.record({
    cause: fc.constantFrom(...REMINDER_CAUSES),
    causeId: fc.string(),
    occurrence: fc.string(),
    recipient,
    escalation: fc.nat(5),
  });

  it('are stable: equal inputs give equal keys, whatever else differs', () => {
    fc.assert(
      fc.property(keyParts, fc.date({ noInvalidDate: true }), fc.date({ noInvalidDate: true }), (parts, dueA, dueB) => {
        const first = planReminder({ ...parts, dueAt: dueA, template: 'a', data: {} });
        const second = planReminder({ ...structuredClone(parts), dueAt: dueB, template: 'b', data: { x: 1 } });
        expect(second.jobKey).toBe(first.jobKey);
      }),
    );
  });

  it('are distinct whenever any part differs', () => {
    fc.assert(
      fc.property(keyParts, keyParts, (a, b) => {
        const same = JSON.stringify([a.cause, a.causeId, a.occurrence, recipientKey(a.recipient), a.escalation]) ===
          JSON.stringify([b.cause, b.causeId, b.occurrence, recipientKey(b.recipient), b.escalation]);
        expect(reminderJobKey(a) === reminderJobKey(b)).toBe(same);
      }),
    );
  });
});

describe('recipient schema', () => {
  it('accepts the three kinds and refuses other roles', () => {
    expect(reminderRecipientSchema.safeParse({ kind: 'channel', hubId: HUB }).success).toBe(true);
    expect(reminderRecipientSchema.safeParse({ kind: 'role', role: 'director', scopeId: HUB }).success).toBe(false);
  });
});
