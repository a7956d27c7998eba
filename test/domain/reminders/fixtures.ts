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

/** The Home-Start Hertfordshire referral criteria's periods, as its pack sets them. */
export const FOUR_WEEKS = { amount: 4, unit: 'weeks' } as const;
export const THREE_MONTHS = { amount: 3, unit: 'months' } as const;
export const NINE_MONTHS = { amount: 9, unit: 'months' } as const;
/** The Plymouth Early Help and Targeted Support offer's return home interview period. */
export const SEVENTY_TWO_HOURS = { amount: 72, unit: 'hours' } as const;
/** Barnet One Service Response protocol 4.2: 6 sessions, then up to a further 6 weeks when complex. */
export const BARNET_PARENTING = { sessionsBeforeReview: 6, extension: { amount: 6, unit: 'weeks' } } as const;

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
