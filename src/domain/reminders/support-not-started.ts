// A service's start target (e.g. the Home-Start Hertfordshire referral
// criteria: support should "commence … within four weeks of the request"; if
// not, the referring agency is told and "will arrange alternative options").
// The referrer and the hub manager are both told on the day the period runs
// out, if support has not started. Only services whose pack sets a start
// target (a "support-start" timescale) get this reminder.
import type { Period } from '../policy/index.js';
import { instantAt, localDateOf, toIsoDate, wallClockOf } from '../time/zoned-clock.js';
import { hubManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { addPeriodToDate } from './service-timescales.js';
import { REMINDER_TEMPLATES } from './templates.js';

/** The request statuses (docs/ENGINE.md, "Requests"). */
export type RequestStatus =
  | 'draft'
  | 'submitted'
  | 'allocated'
  | 'started'
  | 'in-review'
  | 'closed'
  | 'declined'
  | 'withdrawn';

export interface RequestAwaitingStartSnapshot {
  readonly requestId: string;
  readonly caseRef: string;
  readonly hubId: string;
  readonly referrerAadId: string;
  readonly status: RequestStatus;
  /** When the 0–19 request was submitted: the start period runs from here. */
  readonly submittedAt: Date;
}

/** Only a submitted request that nobody has started yet can miss the start target. */
const WAITING_TO_START: ReadonlySet<RequestStatus> = new Set(['submitted', 'allocated']);

export function planSupportNotStartedReminders(
  request: RequestAwaitingStartSnapshot,
  startWithin: Period,
  ctx: ReminderContext,
): PlannedReminder[] {
  if (!WAITING_TO_START.has(request.status)) return [];
  // Calendar days on the wall clock (same time of day, e.g. 28 days on), so a
  // clock change inside the period does not shift the reminder by an hour.
  const submitted = wallClockOf(request.submittedAt, ctx.calendar.timeZone);
  const deadlineDate = addPeriodToDate(localDateOf(request.submittedAt, ctx.calendar.timeZone), startWithin);
  const deadline = instantAt(deadlineDate, submitted.hour, submitted.minute, ctx.calendar.timeZone);
  const common = {
    cause: 'support-not-started',
    causeId: request.requestId,
    occurrence: 'once',
    dueAt: dueInWorkingHours(deadline, ctx),
    escalation: 0,
    data: { caseRef: request.caseRef, requestId: request.requestId, startDueBy: toIsoDate(deadlineDate), startWithin: `${startWithin.amount} ${startWithin.unit}` },
  } as const;
  return [
    planReminder({ ...common, recipient: userRecipient(request.referrerAadId), template: REMINDER_TEMPLATES.supportNotStarted }),
    planReminder({ ...common, recipient: hubManagerOf(request.hubId), template: REMINDER_TEMPLATES.supportNotStartedManager }),
  ];
}
