// A service's "needs met within" target (e.g. the Home-Start Hertfordshire
// referral criteria: "meet the emerging needs of families within nine
// months"): the practitioner and hub manager hear as it approaches and again
// when it is reached, while support is still open.
import { workingStartOn } from '../time/working-hours.js';
import type { Period } from '../policy/index.js';
import { addLocalMonths, localDateOf, toIsoDate } from '../time/zoned-clock.js';
import { hubManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import type { SupportPlanSnapshot } from './plan-review.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { addPeriodToDate } from './service-timescales.js';
import { REMINDER_TEMPLATES } from './templates.js';

export function planNeedsNotMetReminders(plan: SupportPlanSnapshot, within: Period, ctx: ReminderContext): PlannedReminder[] {
  if (plan.closedAt) return [];
  const startDate = localDateOf(plan.startedAt, ctx.calendar.timeZone);
  const targetDate = addPeriodToDate(startDate, within);
  const warningIdeal = workingStartOn(addLocalMonths(targetDate, -ctx.timescales.needsMetWarningMonthsBefore), ctx.calendar);
  const targetIdeal = workingStartOn(targetDate, ctx.calendar);
  const data = { caseRef: plan.caseRef, planId: plan.planId, targetDate: toIsoDate(targetDate), within: `${within.amount} ${within.unit}` };

  const milestones = [
    { occurrence: 'approaching', escalation: 0, ideal: warningIdeal, template: REMINDER_TEMPLATES.needsNotMetApproaching },
    { occurrence: 'deadline', escalation: 1, ideal: targetIdeal, template: REMINDER_TEMPLATES.needsNotMetDeadline },
  ];
  // Once the target itself is due, "approaching" is stale news: send only the target reminder.
  const targetAlreadyDue = targetIdeal.getTime() <= ctx.now.getTime();
  const live = targetAlreadyDue ? milestones.filter((m) => m.occurrence === 'deadline') : milestones;

  return live.flatMap((milestone) =>
    [userRecipient(plan.practitionerAadId), hubManagerOf(plan.hubId)].map((recipient) =>
      planReminder({
        cause: 'needs-not-met',
        causeId: plan.planId,
        occurrence: milestone.occurrence,
        recipient,
        dueAt: dueInWorkingHours(milestone.ideal, ctx),
        escalation: milestone.escalation,
        template: milestone.template,
        data,
      }),
    ),
  );
}
