// Invariants every reminder rule must keep, checked over random clocks and
// events: due in working hours (return home interviews excepted, by design),
// never in the past, one job per key, deterministic, keys that do not drift
// with the clock, and card data holding only identifiers and dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBookingNotAnsweredReminders } from '../../../src/domain/reminders/booking-not-answered.js';
import { planJointVisitReminders } from '../../../src/domain/reminders/joint-visit.js';
import { planNeedsNotMetReminders } from '../../../src/domain/reminders/needs-not-met.js';
import { planParentingSessionReminders } from '../../../src/domain/reminders/parenting-sessions.js';
import { planSupportPlanReviewReminders } from '../../../src/domain/reminders/plan-review.js';
import type { PlannedReminder } from '../../../src/domain/reminders/planned-reminder.js';
import type { ReminderContext } from '../../../src/domain/reminders/reminder-context.js';
import { planRequestNotFiledReminders } from '../../../src/domain/reminders/request-not-filed.js';
import { planReturnHomeInterviewReminders } from '../../../src/domain/reminders/return-home-interview.js';
import { planSupervisionReminders } from '../../../src/domain/reminders/staff-supervision.js';
import { planSupportNotStartedReminders } from '../../../src/domain/reminders/support-not-started.js';
import { REMINDER_TEMPLATES } from '../../../src/domain/reminders/templates.js';
import { planWeeklyDigestReminder } from '../../../src/domain/reminders/weekly-digest.js';
import { isWorkingTime } from '../../../src/domain/time/working-hours.js';
import { londonCalendar, utc } from '../time/fixtures.js';
import * as people from './fixtures.js';

type Rule = (event: Date, ctx: ReminderContext) => PlannedReminder[];

const RULES: Record<string, Rule> = {
  'plan review': (event, ctx) =>
    planSupportPlanReviewReminders(
      { planId: 'plan-1', caseRef: people.CASE_REF, hubId: people.HUB, practitionerAadId: people.PRACTITIONER, startedAt: event, reviewsHeld: 0, lastReviewAt: null, closedAt: null },
      people.THREE_MONTHS,
      ctx,
    ),
  'needs not met': (event, ctx) =>
    planNeedsNotMetReminders(
      { planId: 'plan-1', caseRef: people.CASE_REF, hubId: people.HUB, practitionerAadId: people.PRACTITIONER, startedAt: event, reviewsHeld: 0, lastReviewAt: null, closedAt: null },
      people.NINE_MONTHS,
      ctx,
    ),
  'support not started': (event, ctx) =>
    planSupportNotStartedReminders(
      { requestId: 'req-1', caseRef: people.CASE_REF, hubId: people.HUB, referrerAadId: people.REFERRER, status: 'submitted', submittedAt: event },
      people.FOUR_WEEKS,
      ctx,
    ),
  'joint visit': (event, ctx) =>
    planJointVisitReminders(
      { bookingId: 'b-1', caseRef: people.CASE_REF, hubId: people.HUB, visitAt: event, socialWorkerAadId: people.SOCIAL_WORKER, practitionerAadId: people.PRACTITIONER, confirmed: true },
      ctx,
    ),
  'request not filed': (event, ctx) =>
    planRequestNotFiledReminders(
      { bookingId: 'b-1', caseRef: people.CASE_REF, hubId: people.HUB, datTeamId: people.DAT_TEAM, socialWorkerAadId: people.SOCIAL_WORKER, visitAt: event, visitConfirmed: true, requestFiledAt: null },
      ctx,
    ),
  'booking not answered': (event, ctx) =>
    planBookingNotAnsweredReminders(
      { bookingId: 'b-1', caseRef: people.CASE_REF, hubId: people.HUB, leadResponderAadId: people.LEAD_RESPONDER, awaitingAnswerSince: event },
      ctx,
    ),
  'parenting sessions': (event, ctx) =>
    planParentingSessionReminders(
      { interventionId: 'p-1', caseRef: people.CASE_REF, hubId: people.HUB, practitionerAadId: people.PRACTITIONER, sessionsHeld: 6, lastSessionAt: event, review: null, closedAt: null },
      people.BARNET_PARENTING,
      ctx,
    ),
  'return home interview': (event, ctx) =>
    planReturnHomeInterviewReminders(
      { episodeId: 'm-1', caseRef: people.CASE_REF, hubId: people.TARGETED_SUPPORT_HUB, practitionerAadId: people.RHI_WORKER, foundAt: event, interviewHeldAt: null },
      people.SEVENTY_TWO_HOURS,
      ctx,
    ),
  'staff supervision': (event, ctx) =>
    planSupervisionReminders({ staffAadId: people.STAFF_MEMBER, hubId: people.HUB, last: { heldOn: event, every: { amount: 2, unit: 'months' } } }, ctx),
  'first staff supervision': (_event, ctx) => planSupervisionReminders({ staffAadId: people.STAFF_MEMBER, hubId: people.HUB, last: null }, ctx),
  'weekly digest': (_event, ctx) => planWeeklyDigestReminder({ hubId: people.HUB, lastDigestWeekId: null }, ctx),
};

// Identifiers, counts and dates: anything else on a card (a name, a note) would be a data-protection leak.
const ALLOWED_DATA_KEYS = new Set([
  'caseRef', 'planId', 'reviewNumber', 'reviewDueOn', 'targetDate', 'requestId', 'startDueBy', 'bookingId', 'hubId',
  'visitAt', 'requestedAt', 'interventionId', 'sessionsHeld', 'sessionsBeforeReview', 'extendedUntil', 'episodeId', 'foundAt',
  'startWithin', 'within',
  'deadline', 'staffAadId', 'supervisionDueOn', 'weekId',
]);
const KNOWN_TEMPLATES = new Set<string>(Object.values(REMINDER_TEMPLATES));

const instant = fc.date({ min: utc('2025-02-01T00:00:00Z'), max: utc('2027-06-01T00:00:00Z'), noInvalidDate: true });
const hours = fc.integer({ min: -24 * 60, max: 24 * 60 });
const contextAt = (now: Date) => people.contextAt(now);

describe.each(Object.entries(RULES))('the %s rule', (name, rule) => {
  it('plans due times that are never in the past and (but for return home interviews) in working hours', () => {
    fc.assert(
      fc.property(instant, hours, (event, offsetHours) => {
        const now = new Date(event.getTime() + offsetHours * 3_600_000);
        for (const reminder of rule(event, contextAt(now))) {
          expect(reminder.dueAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
          if (name !== 'return home interview') expect(isWorkingTime(reminder.dueAt, londonCalendar)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic and gives every planned reminder its own job key and a known template', () => {
    fc.assert(
      fc.property(instant, hours, (event, offsetHours) => {
        const ctx = contextAt(new Date(event.getTime() + offsetHours * 3_600_000));
        const plan = rule(event, ctx);
        expect(rule(event, ctx)).toEqual(plan);
        expect(new Set(plan.map((r) => r.jobKey)).size).toBe(plan.length);
        for (const reminder of plan) expect(KNOWN_TEMPLATES.has(reminder.template)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('puts only identifiers, counts and dates in card data', () => {
    fc.assert(
      fc.property(instant, hours, (event, offsetHours) => {
        for (const reminder of rule(event, contextAt(new Date(event.getTime() + offsetHours * 3_600_000)))) {
          for (const [key, value] of Object.entries(reminder.data)) {
            expect(ALLOWED_DATA_KEYS).toContain(key);
            expect(['string', 'number', 'boolean']).toContain(typeof value);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  if (name !== 'weekly digest') {
    it('keeps its job keys as the clock moves on (later plans only ever drop reminders)', () => {
      fc.assert(
        fc.property(instant, hours, fc.integer({ min: 1, max: 24 * 90 }), (event, offsetHours, laterHours) => {
          const earlier = new Date(event.getTime() + offsetHours * 3_600_000);
          const later = new Date(earlier.getTime() + laterHours * 3_600_000);
          const earlierKeys = new Set(rule(event, contextAt(earlier)).map((r) => r.jobKey));
          for (const reminder of rule(event, contextAt(later))) expect(earlierKeys).toContain(reminder.jobKey);
        }),
        { numRuns: 100 },
      );
    });
  }
});
