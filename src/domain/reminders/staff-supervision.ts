// Staff supervision (Plymouth Early Help and Targeted Support offer, 6: "All
// staff should have supervisions every 2 months", more often when the
// families' risk is higher). The practitioner's hub managers are reminded a
// working week ahead of each one, counted from the last supervision recorded;
// if it falls due unrecorded, they are told it is overdue, and so is the
// practitioner, who is owed it. With none recorded yet, the managers are asked
// straight away to record the last one, so the cycle can start.
import type { Period } from '../policy/index.js';
import { previousWorkingDayAt, workingStartOn } from '../time/working-hours.js';
import { localDateOf, toIsoDate } from '../time/zoned-clock.js';
import { hubManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { addPeriodToDate } from './service-timescales.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface SupervisionSnapshot {
  /** The supervisee's Entra (AAD) object id: a staff id, not family data. */
  readonly staffAadId: string;
  readonly hubId: string;
  /** The last supervision held, and the interval agreed then (at most the service's own). */
  readonly last: { readonly heldOn: Date; readonly every: Period } | null;
}

export function planSupervisionReminders(staff: SupervisionSnapshot, ctx: ReminderContext): PlannedReminder[] {
  const managers = hubManagerOf(staff.hubId);
  if (!staff.last) {
    return [
      planReminder({
        cause: 'staff-supervision',
        causeId: staff.staffAadId,
        occurrence: 'first-record',
        recipient: managers,
        dueAt: dueInWorkingHours(ctx.now, ctx),
        escalation: 0,
        template: REMINDER_TEMPLATES.supervisionNotRecorded,
        data: { staffAadId: staff.staffAadId, hubId: staff.hubId },
      }),
    ];
  }
  const dueDate = addPeriodToDate(localDateOf(staff.last.heldOn, ctx.calendar.timeZone), staff.last.every);
  const dueMorning = workingStartOn(dueDate, ctx.calendar);
  const noticeDays = ctx.timescales.supervisionNoticeWorkingDays;
  const notice = noticeDays === 0 ? dueMorning : previousWorkingDayAt(dueMorning, ctx.calendar.startHour, ctx.calendar, { workingDaysBack: noticeDays });
  const dueOn = toIsoDate(dueDate);
  // Named by its due date: recording a supervision gives the next one a new name.
  const common = { cause: 'staff-supervision', causeId: staff.staffAadId, occurrence: `due-${dueOn}`, data: { staffAadId: staff.staffAadId, hubId: staff.hubId, supervisionDueOn: dueOn } } as const;
  // The day after the due date: "overdue" only once the whole due day has gone.
  const overdue = workingStartOn(addPeriodToDate(dueDate, { amount: 1, unit: 'days' }), ctx.calendar);
  return [
    planReminder({ ...common, recipient: managers, dueAt: dueInWorkingHours(notice, ctx), escalation: 0, template: REMINDER_TEMPLATES.supervisionDue }),
    planReminder({ ...common, recipient: managers, dueAt: dueInWorkingHours(overdue, ctx), escalation: 1, template: REMINDER_TEMPLATES.supervisionOverdue }),
    // Its own occurrence: the practitioner marking their copy done must not close the managers' reminders.
    planReminder({
      ...common,
      occurrence: `overdue-${dueOn}`,
      recipient: userRecipient(staff.staffAadId),
      dueAt: dueInWorkingHours(overdue, ctx),
      escalation: 1,
      template: REMINDER_TEMPLATES.supervisionOverdueForPractitioner,
    }),
  ];
}
