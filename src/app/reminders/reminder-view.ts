// Turns a stored reminder into the words on its card: a title, what is due,
// the case reference (never a name), the due date in London time and what
// "Done" records. Pure, so every template's wording is tested without Teams.
import { formatCardDate, formatCardDateTime, formatCardDateWithYear } from '../../domain/time/london-format.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { instantAt, localDateOf, toIsoDate } from '../../domain/time/zoned-clock.js';

export const REMINDER_CARD = 'reminder';

export interface ReminderLike {
  id: string;
  cause: string;
  template: string;
  case_ref: string | null;
  due_at: Date;
  status: string;
  data: Record<string, unknown>;
}

export interface ReminderCardData {
  reminderId: string;
  title: string;
  what: string;
  caseRef: string;
  dueLabel: string;
  /** What Done records, e.g. "Review held". */
  doneLabel: string;
  /** Default for the Done date input: today in London. */
  today: string;
  overdue: boolean;
  /** A problem with the last Done submit, shown on the re-rendered card. */
  error: string;
  /** Filled in by delivery; '' when the card is shown in a conversation. */
  notificationId: string;
  [k: string]: unknown;
}

interface Wording { title: string; what: string; done: string }

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
/** "4 weeks", "72 hours": the service's own period, carried in the reminder's data. */
const within = (v: unknown): string => str(v).replace(/^(\d+) (\w+)$/, (_, n: string, unit: string) => `${n} ${n === '1' ? unit.replace(/s$/, '') : unit}`) || 'the agreed time';

/** 'YYYY-MM-DD' or an ISO instant → "Tue 1 Dec 2026" / "Tue 1 Dec, 10:00". */
function when(v: unknown, withTime = false): string {
  const s = str(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return formatCardDateWithYear(instantAt({ year: y, month: m, day: d }, 12, 0, LONDON_TIME_ZONE));
  }
  const t = new Date(s);
  if (Number.isNaN(t.getTime())) return 'soon';
  return withTime ? formatCardDateTime(t) : formatCardDate(t);
}

function wordingFor(template: string, d: Record<string, unknown>, extra: { staffName?: string }): Wording {
  switch (template) {
    case 'plan-review-due':
      return { title: 'Support plan review due', what: `Review ${str(d.reviewNumber)} of this family's support plan is due on ${when(d.reviewDueOn)}. Arrange it with the family.`, done: 'Review held' };
    case 'plan-review-due-manager':
      return { title: 'Support plan review due in your hub', what: `Review ${str(d.reviewNumber)} of a support plan in your hub is due on ${when(d.reviewDueOn)}.`, done: 'Review held' };
    case 'support-not-started':
      return { title: `Support not started within ${within(d.startWithin)}`, what: `Support for your request should have started by ${when(d.startDueBy)}. If the service cannot start it, arrange alternatives for the family.`, done: 'Support started' };
    case 'support-not-started-manager':
      return { title: `Support not started within ${within(d.startWithin)} (your hub)`, what: `A request to your hub has not started support by ${when(d.startDueBy)}. The referrer has been told.`, done: 'Support started' };
    case 'needs-not-met-approaching':
      return { title: 'Target for meeting needs approaching', what: `This family's needs should be met by ${when(d.targetDate)}. Plan the exit or a step-up now.`, done: 'Needs met or case closed' };
    case 'needs-not-met-deadline':
      return { title: 'Target for meeting needs reached', what: `The target for meeting this family's needs (${when(d.targetDate)}) has been reached. Agree the next step with your manager.`, done: 'Needs met or case closed' };
    case 'joint-visit-day-before':
      return { title: 'OSR joint visit tomorrow', what: `Your joint visit is on ${when(d.visitAt, true)}.`, done: 'Noted' };
    case 'joint-visit-morning-of':
      return { title: 'OSR joint visit today', what: `Your joint visit is today at ${when(d.visitAt, true)}.`, done: 'Noted' };
    case 'request-not-filed':
      return { title: 'Request form not filed yet', what: `The 0–19 request after the joint visit on ${when(d.visitAt, true)} has not been filed. File it so support can start.`, done: 'Request filed' };
    case 'request-not-filed-escalation':
      return { title: 'Request form still not filed', what: `A social worker in your team has not filed the 0–19 request after the joint visit on ${when(d.visitAt, true)}.`, done: 'Request filed' };
    case 'booking-not-answered':
      return { title: 'OSR booking waiting for your answer', what: `A joint visit booking asked on ${when(d.requestedAt, true)} has not been answered.`, done: 'Answered' };
    case 'booking-not-answered-escalation':
      return { title: 'OSR booking still not answered', what: `A joint visit booking to your hub asked on ${when(d.requestedAt, true)} has had no answer from the lead responder.`, done: 'Answered' };
    case 'parenting-review-due':
      return { title: 'Parenting sessions: review due', what: `${str(d.sessionsHeld)} sessions have been held. Hold the review with the family, then record it on the request: end the work, or, if the issues are complex, agree a further period.`, done: 'Noted' };
    case 'parenting-review-overdue':
      return { title: 'Parenting review not recorded', what: `The review after ${str(d.sessionsBeforeReview)} parenting sessions on a case in your hub has not been recorded.`, done: 'Noted' };
    case 'parenting-extension-ends':
      return { title: 'Parenting work: further period ends', what: `The further period agreed at the review ends on ${when(d.extendedUntil)}. Close the work or agree the next step with your manager.`, done: 'Noted' };
    case 'parenting-extension-ends-manager':
      return { title: 'Parenting work past its further period', what: `The further period of parenting work on a case in your hub ended on ${when(d.extendedUntil)}.`, done: 'Noted' };
    case 'return-home-interview-due':
      return { title: 'Return home interview due', what: `A young person on this case was found on ${when(d.foundAt, true)}. Complete the return home interview within ${within(d.within)}, by ${when(d.deadline, true)}.`, done: 'Interview completed' };
    case 'return-home-interview-escalation':
      return { title: 'Return home interview overdue', what: `The return home interview for a young person found on ${when(d.foundAt, true)} was due by ${when(d.deadline, true)} and has not been recorded.`, done: 'Interview completed' };
    case 'supervision-not-recorded':
      return { title: 'No supervision recorded yet', what: `No supervision is recorded for ${extra.staffName ?? 'a member of your team'}. Enter the date of their most recent supervision below, so the next one can be scheduled.`, done: 'Supervision recorded' };
    case 'supervision-due':
      return { title: 'Staff supervision due', what: `Supervision for ${extra.staffName ?? 'a member of your team'} is due by ${when(d.supervisionDueOn)}.`, done: 'Supervision held' };
    case 'supervision-overdue':
      return { title: 'Staff supervision overdue', what: `Supervision for ${extra.staffName ?? 'a member of your team'} was due by ${when(d.supervisionDueOn)} and has not been recorded.`, done: 'Supervision held' };
    case 'supervision-overdue-practitioner':
      return { title: 'Your supervision is overdue', what: `Your supervision was due by ${when(d.supervisionDueOn)}. Ask your manager to arrange it.`, done: 'Noted' };
    case 'family-feedback-missing':
      return { title: "Family's feedback not recorded", what: "This case closed without the family's feedback. Ask the child, parent or carer the three short questions and record their answers on the request (Record family feedback).", done: 'Feedback recorded' };
    default:
      return { title: 'Reminder', what: 'Something needs your attention.', done: 'Done' };
  }
}

export function reminderCardData(r: ReminderLike, now: Date, extra: { staffName?: string } = {}): ReminderCardData {
  const w = wordingFor(r.template, r.data, extra);
  return {
    reminderId: r.id,
    title: w.title,
    what: w.what,
    caseRef: r.case_ref ?? '',
    dueLabel: formatCardDateTime(r.due_at),
    doneLabel: w.done,
    today: toIsoDate(localDateOf(now, LONDON_TIME_ZONE)),
    overdue: r.due_at.getTime() < now.getTime(),
    error: '',
    notificationId: '',
  };
}

/** The feed preview: never family data, only what kind of reminder it is. */
export function reminderSummary(r: Pick<ReminderLike, 'template' | 'data'>): string {
  return wordingFor(r.template, r.data, {}).title;
}
