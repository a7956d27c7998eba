// Staff supervision (seed 003: "All staff should have supervisions every 2
// months"). The supervising manager is reminded ahead of each one, counted
// from the last supervision recorded (or from joining, for the first).
import { previousWorkingDayAt, workingStartOn } from '../time/working-hours.js';
import { addLocalMonths, localDateOf, toIsoDate } from '../time/zoned-clock.js';
import { planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface SupervisionSnapshot {
  /** The supervisee's Entra (AAD) object id: a staff id, not family data. */
  readonly staffAadId: string;
  readonly supervisorAadId: string;
  readonly inPostSince: Date;
  readonly lastSupervisionAt: Date | null;
}

export function planSupervisionReminders(staff: SupervisionSnapshot, ctx: ReminderContext): PlannedReminder[] {
  const anchor = staff.lastSupervisionAt ?? staff.inPostSince;
  const dueDate = addLocalMonths(localDateOf(anchor, ctx.calendar.timeZone), ctx.timescales.supervisionIntervalMonths);
  const dueMorning = workingStartOn(dueDate, ctx.calendar);
  const noticeDays = ctx.timescales.supervisionNoticeWorkingDays;
  const ideal =
    noticeDays === 0
      ? dueMorning
      : previousWorkingDayAt(dueMorning, ctx.calendar.startHour, ctx.calendar, { workingDaysBack: noticeDays });
  const dueOn = toIsoDate(dueDate);
  return [
    planReminder({
      cause: 'staff-supervision',
      causeId: staff.staffAadId,
      // Named by its due date: recording a supervision gives the next one a new name.
      occurrence: `due-${dueOn}`,
      recipient: userRecipient(staff.supervisorAadId),
      dueAt: dueInWorkingHours(ideal, ctx),
      escalation: 0,
      template: REMINDER_TEMPLATES.supervisionDue,
      data: { staffAadId: staff.staffAadId, supervisionDueOn: dueOn },
    }),
  ];
}
