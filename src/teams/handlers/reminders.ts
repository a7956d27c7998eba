// Owns the Teams side of reminders: "my reminders", the reminder card's
// Done / Snooze / Open the case, and the administrator's dead-letter list
// with Retry. One route per verb; each parses its submit, calls a use case
// and draws a card.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { actorOf, type BotDeps } from '../deps.js';
import { renderCard } from '../cards/render.js';
import { answeringErrors, noticeCard, showCard, startsNewTask } from '../card-actions.js';
import { caseOfAnyRecord, mayOpenCase } from '../../app/cases/case-card.js';
import { showCase } from './case.js';
import { markReminderDone, snoozeReminder, viewReminder, myReminders, caseReminders } from '../../app/reminders/actions.js';
import { reminderCardData, REMINDER_CARD, type ReminderLike } from '../../app/reminders/reminder-view.js';
import { deadLetters, retryDeadLetter } from '../../app/reminders/dead-letters.js';
import { kindOfCard, reasonText } from '../../app/reminders/undeliverable.js';
import type { DeadLetter } from '../../store/delivery-store.js';
import { snoozePeriodSchema } from '../../domain/reminders/snooze.js';
import { formatCardDate, formatCardDateTime, formatCardDateWithYear } from '../../domain/time/london-format.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { addLocalDays, instantAt, isIsoDate, localDateOf, parseIsoDate, toIsoDate } from '../../domain/time/zoned-clock.js';

const reminderIdSchema = z.string().regex(/^\d{1,18}$/);
const DoneSchema = z.object({ reminderId: reminderIdSchema, outcomeDate: z.string().optional().default('') });
const SnoozeSchema = z.object({ reminderId: reminderIdSchema, period: snoozePeriodSchema });
const ReminderRefSchema = z.object({ reminderId: reminderIdSchema });
const RetrySchema = z.object({ notificationId: z.string().regex(/^\d{1,18}$/) });

const notice = noticeCard;

const MY_REMINDERS = { title: 'My reminders', data: { verb: 'reminders.list' } };

export function registerReminderHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const who = (context: TurnContext) => actorOf(context, deps.directory).aadObjectId;

  /** Runs a handler; a use-case refusal becomes a polite card instead of the generic error. */
  const guarded = (handler: (context: TurnContext) => Promise<void>) => answeringErrors(handler);
  const bad = (context: TurnContext) => showCard(context, notice('That button did not work', 'The card is missing something. Type "my reminders" to see your reminders again.', 'Warning', [MY_REMINDERS]));

  const list = guarded(async (context) => {
    const now = deps.clock.now();
    await sendReminderList(context, deps, who(context), instantAt(addLocalDays(localDateOf(now, LONDON_TIME_ZONE), 1), 0, 0, LONDON_TIME_ZONE), 'Your reminders');
  });
  app.message(/^\s*(my )?reminders\s*$/i, list);
  app.adaptiveCards.actionSubmit('reminders.list', list);

  app.adaptiveCards.actionSubmit('reminder.show', guarded(async (context) => {
    const parsed = ReminderRefSchema.safeParse(context.activity.value);
    if (!parsed.success) return void (await bad(context));
    const r = await viewReminder(deps, who(context), parsed.data.reminderId);
    if (r.status === 'resolved') return void (await showCard(context, alreadyDone(r)));
    await showCard(context, renderCard(REMINDER_CARD, reminderCardData(r, deps.clock.now())));
  }));

  app.adaptiveCards.actionSubmit('reminder.done', guarded(async (context) => {
    const parsed = DoneSchema.safeParse(context.activity.value);
    if (!parsed.success) return void (await bad(context));
    const { reminderId, outcomeDate } = parsed.data;
    const r = await viewReminder(deps, who(context), reminderId);
    if (r.status === 'resolved') return void (await showCard(context, alreadyDone(r)));
    const view = reminderCardData(r, deps.clock.now());
    const problem = dateProblem(outcomeDate, view.today);
    if (problem) {
      // Same card again, the typed date kept, the problem named.
      await showCard(context, renderCard(REMINDER_CARD, { ...view, today: isIsoDate(outcomeDate) ? outcomeDate : view.today, error: problem }));
      return;
    }
    const result = await markReminderDone(deps, who(context), reminderId, { label: view.doneLabel, date: outcomeDate });
    if (result.kind === 'already-resolved') return void (await showCard(context, alreadyDone(result.reminder)));
    const on = formatCardDateWithYear(instantAt(parseIsoDate(outcomeDate), 12, 0, LONDON_TIME_ZONE));
    await showCard(context, notice('Recorded', `${view.doneLabel} on ${on}${r.case_ref ? ` for case ${r.case_ref}` : ''}. This reminder is closed${result.resolvedCount > 1 ? ' for everyone it went to' : ''}.`, 'Good', [MY_REMINDERS]));
  }));

  app.adaptiveCards.actionSubmit('reminder.snooze', guarded(async (context) => {
    const parsed = SnoozeSchema.safeParse(context.activity.value);
    if (!parsed.success) return void (await bad(context));
    const result = await snoozeReminder(deps, who(context), parsed.data.reminderId, parsed.data.period);
    if (result.kind === 'already-resolved') return void (await showCard(context, alreadyDone(result.reminder)));
    await showCard(context, notice('Snoozed', `I will remind you again on ${formatCardDateTime(result.until)}.`, 'Default', [MY_REMINDERS]));
  }));

  app.adaptiveCards.actionSubmit('reminder.open', guarded(async (context) => {
    const parsed = ReminderRefSchema.safeParse(context.activity.value);
    if (!parsed.success) return void (await bad(context));
    const r = await viewReminder(deps, who(context), parsed.data.reminderId);
    // The case card when the reminder is about a request or visit this person may see; else their reminders on the case.
    const caseId = await caseOfAnyRecord(deps, { recordId: r.cause_id });
    if (caseId && (await mayOpenCase(deps, actorOf(context, deps.directory), caseId))) {
      startsNewTask(context); // the reminder card keeps its Done and Snooze buttons
      return showCase(context, deps, { caseId });
    }
    // Whatever is shown instead is a new card: the reminder keeps its Done and Snooze buttons.
    startsNewTask(context);
    if (!r.case_ref) {
      await showCard(context, notice('No case reference', 'This reminder is not about one case.', 'Default', [MY_REMINDERS]));
      return;
    }
    const now = deps.clock.now();
    const rows = await caseReminders(deps, who(context), r.case_ref);
    const items = rows.map((x) => ({ reminderId: x.id, title: reminderCardData(x, now).title, label: `Due ${formatCardDateTime(x.due_at)}`, colour: x.due_at < now ? 'Attention' : 'Default' }));
    const intro = `Case ${r.case_ref}: ${items.length === 0 ? 'no open reminders for you.' : `${items.length} open reminder${items.length === 1 ? '' : 's'} for you. Open the case in your case management system for the full record.`}`;
    await showCard(context, renderCard('my-reminders', { heading: `Case ${r.case_ref}`, intro, items }));
  }));

  const listDead = guarded(async (context) => {
    const rows = await deadLetters(deps, who(context));
    const items = rows.map((d) => ({
      id: d.id, heading: [kindOfCard(d.card_template), d.case_ref ? `case ${d.case_ref}` : ''].filter(Boolean).join(' · '),
      detail: [`To ${d.recipient_kind === 'user' ? 'a person' : 'a hub channel'} on ${formatCardDateTime(d.created_at)}`, deadLetterReason(d), `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`]
        .join(' · '),
    }));
    const intro = items.length === 0 ? 'Every notification has been delivered.' : `${items.length} notification${items.length === 1 ? '' : 's'} could not be delivered. Retry puts one back in its recipient's queue.`;
    await showCard(context, renderCard('dead-letters', { intro, items }));
  });
  app.message(/^\s*dead[ -]?letters?\s*$/i, listDead);
  app.adaptiveCards.actionSubmit('deadletters.list', listDead);
  app.adaptiveCards.actionSubmit('deadletters.retry', guarded(async (context) => {
    const parsed = RetrySchema.safeParse(context.activity.value);
    if (!parsed.success) return void (await bad(context));
    const ok = await retryDeadLetter(deps, who(context), parsed.data.notificationId);
    await showCard(context, ok
      ? notice('Queued again', 'It will be sent again shortly.', 'Good', [{ title: 'Dead letters', data: { verb: 'deadletters.list' } }])
      : notice('Nothing to retry', 'It is not on the list of undelivered notifications any more.', 'Default', [{ title: 'Dead letters', data: { verb: 'deadletters.list' } }]));
  }));
}

/** Why an undelivered card did not arrive, in words: the stored reason is a code or an HTTP status. */
function deadLetterReason(d: Pick<DeadLetter, 'status' | 'recipient_kind' | 'last_error'>): string {
  if (d.status === 'dead') return 'Teams kept failing to take it';
  if (d.recipient_kind !== 'user' && d.last_error === 'no-reference') return 'the hub channel is not linked (link channel)';
  const why = reasonText(d.last_error ?? '');
  return why.charAt(0).toUpperCase() + why.slice(1);
}

function alreadyDone(r: Pick<ReminderLike, 'case_ref'> & { resolved_at: Date | null; outcome: string | null; outcome_detail: unknown }) {
  const label = (r.outcome_detail as { label?: string } | null)?.label;
  const how = r.outcome === 'done' && label ? ` (${label})` : r.outcome && r.outcome !== 'done' ? ` (${r.outcome.replace(/-/g, ' ')})` : '';
  const when = r.resolved_at ? ` on ${formatCardDate(r.resolved_at)}` : '';
  return notice('Already dealt with', `Thanks, but this reminder${r.case_ref ? ` for case ${r.case_ref}` : ''} was already resolved${when}${how}. There is nothing more to do.`, 'Default', [MY_REMINDERS]);
}

/** The Done date: a real date, not in the future. */
function dateProblem(date: string, today: string): string | undefined {
  if (!date) return 'Enter the date it happened.';
  if (!isIsoDate(date)) return 'Enter a date such as 24/11/2026.';
  if (date > today) return 'The date cannot be in the future.';
  if (toIsoDate(addLocalDays(parseIsoDate(today), -366)) > date) return 'The date is more than a year ago; check it.';
  return undefined;
}

/** The reminders due before `until` (and any overdue), as the "my reminders" card; also answers "what's due this week". */
export async function sendReminderList(context: TurnContext, deps: BotDeps, aadObjectId: string, until: Date, heading: string): Promise<void> {
  const now = deps.clock.now();
  const rows = await myReminders(deps, aadObjectId, until);
  const items = rows.map((r) => {
    const view = reminderCardData(r, now);
    const overdue = r.due_at.getTime() < now.getTime() && r.status === 'sent';
    const due = `${overdue ? 'Overdue since' : 'Due'} ${formatCardDateTime(r.due_at)}`;
    return { reminderId: r.id, title: view.title, label: r.case_ref ? `${due} · Case ${r.case_ref}` : due, colour: overdue ? 'Attention' : 'Default' };
  });
  const intro = items.length === 0
    ? 'Nothing is due or overdue for you. Reminders arrive here in working hours.'
    : `${items.length} ${items.length === 1 ? 'thing is' : 'things are'} due or overdue.`;
  await showCard(context, renderCard('my-reminders', { heading, intro, items }));
}
