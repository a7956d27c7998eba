// Helpers for the reminder tests: synthetic colleagues who have opened the
// bot, reminders planned with the domain's own planner, and reading which
// notification a delivered card carried.
import { waitFor as waitForProbe } from '../support/wait.js';
import { withTransaction, type Db } from '../../src/store/db.js';
import { planReminder, userRecipient, type PlannedReminder } from '../../src/domain/reminders/planned-reminder.js';
import { scheduleReminders } from '../../src/app/reminders/schedule.js';
import type { ReceivedCall } from '../support/fake-connector.js';
import type { DemoUser } from '../support/people.js';

/** People outside the demo directory: user recipients need only a conversation reference. */
export function colleagues(count: number, prefix = 'c'): DemoUser[] {
  return Array.from({ length: count }, (_, i) => ({ aadObjectId: `11111111-0000-0000-${prefix.padStart(4, '0').slice(-4)}-${String(i).padStart(12, '0')}`, name: `Colleague ${i}` }));
}

export function reviewReminder(aadObjectId: string, n: number, dueAt: Date, extra: Partial<Pick<PlannedReminder, 'causeId' | 'occurrence'>> = {}): PlannedReminder {
  return planReminder({
    cause: 'plan-review',
    causeId: extra.causeId ?? `plan-${n}`,
    occurrence: extra.occurrence ?? 'review-1',
    recipient: userRecipient(aadObjectId),
    dueAt,
    escalation: 0,
    template: 'plan-review-due',
    data: { caseRef: `EHM-${100000 + n}`, planId: `plan-${n}`, reviewNumber: 1, reviewDueOn: '2026-12-01' },
  });
}

export async function schedule(db: Db, planned: PlannedReminder[]): Promise<void> {
  await withTransaction(db, (tx) => scheduleReminders(tx, planned));
}

/** The outbox id a delivered card carries (its "Ref" line and button data). */
export function notificationIdOf(call: ReceivedCall): string | undefined {
  const m = /"notificationId":"(\d+)"/.exec(JSON.stringify(call.body));
  return m?.[1];
}

/** The case reference shown on a delivered reminder card. */
export function caseRefOf(call: ReceivedCall): string | undefined {
  const m = /"title":"Case","value":"([^"]+)"/.exec(JSON.stringify(call.body));
  return m?.[1];
}

/** Reminder deliveries can queue behind others on two cores: a longer wait than the shared default. */
export function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 60_000, everyMs = 100): Promise<NonNullable<T>> {
  return waitForProbe(what, probe, timeoutMs, everyMs);
}

export function countBy<T>(items: T[], key: (t: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) {
    const k = key(i);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
