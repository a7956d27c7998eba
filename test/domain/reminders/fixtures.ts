// Synthetic people, records and a context builder for the reminder-rule tests.
// Ids are made up; no real person, family or case is named anywhere.
import { DEFAULT_TIMESCALES, timescalesSchema, type TimescalesInput } from '../../../src/domain/reminders/timescales.js';
import type { ReminderContext } from '../../../src/domain/reminders/reminder-context.js';
import type { PlannedReminder } from '../../../src/domain/reminders/planned-reminder.js';
import { londonCalendar } from '../time/fixtures.js';

export const PRACTITIONER = 'aad-0000-practitioner-h';
export const SOCIAL_WORKER = 'aad-0000-social-worker';
export const LEAD_RESPONDER = 'aad-0000-lead-responder';
export const REFERRER = 'aad-0000-referrer';
export const SUPERVISOR = 'aad-0000-supervisor';
export const STAFF_MEMBER = 'aad-0000-staff-member';
export const RHI_WORKER = 'aad-0000-targeted-support-worker';

export const HUB = 'hub-north';
export const TARGETED_SUPPORT_HUB = 'hub-targeted-support';
export const DAT_TEAM = 'dat-team-2';
export const CASE_REF = 'EHM-100001';

export function contextAt(now: Date, timescales: TimescalesInput = {}): ReminderContext {
  return {
    now,
    calendar: londonCalendar,
    timescales: Object.keys(timescales).length === 0 ? DEFAULT_TIMESCALES : timescalesSchema.parse(timescales),
  };
}

/** Compact view for assertions: who, when (ISO), which step. */
export function summarise(reminders: PlannedReminder[]) {
  return reminders.map((r) => ({
    to: r.recipient.kind === 'user' ? r.recipient.aadObjectId : r.recipient.kind === 'role' ? `${r.recipient.role}:${r.recipient.scopeId}` : `channel:${r.recipient.hubId}`,
    dueAt: r.dueAt.toISOString(),
    escalation: r.escalation,
    template: r.template,
  }));
}
