// Owns the Teams side of staff supervision: "supervision" shows a hub
// manager their practitioners with the last and next supervision; "Record
// supervision" draws a small form (date held, when the next is due: the
// service's interval or shorter when risk is higher); recording schedules the
// next reminder. Done on a supervision reminder records it too.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { intervalChoices, recordSupervision, supervisionHeldFromReminder, supervisionOverview, SUPERVISION_CAUSE, type SupervisionOverview } from '../../app/supervision/supervision.js';
import { onReminderDone } from '../../app/reminders/actions.js';
import { dayLabel } from '../../app/case-records/case-view.js';
import { londonToday } from '../../app/request/form-context.js';
import { periodWords } from '../../domain/reminders/service-timescales.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import { actionFormCard, formField, noticeCard } from '../cards/request-cards.js';
import { renderCard } from '../cards/render.js';
import { actorFrom, guarded, personalOnly, reply } from './request-support.js';

const SHOW: { title: string; data: Record<string, unknown> } = { title: 'Back to supervision', data: { verb: 'supervision.list' } };
const ShowSchema = z.object({ practitioner: z.string().max(64).optional() }).passthrough();
const text = (values: Record<string, unknown>, key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');

function overviewCard(o: SupervisionOverview) {
  return renderCard('request-list', {
    title: `Staff supervision: ${o.hub.name}`,
    intro: `Each practitioner has supervision at least every ${periodWords(o.every)}, more often when the families they work with carry more risk. You are reminded a working week before each one is due.`,
    items: o.practitioners.map((p) => ({
      title: p.person.displayName,
      subtitle: p.last && p.nextDueOn ? `Last held ${dayLabel(p.last.held_on)} · next due by ${dayLabel(p.nextDueOn)}` : 'No supervision recorded yet',
      actions: [{ title: 'Record supervision', data: { verb: 'supervision.show', practitioner: p.person.aadObjectId } }],
    })),
    actions: [], links: [],
  });
}

export function registerSupervisionHandlers(app: Application<TurnState>, deps: BotDeps): void {
  // Done on a supervision reminder: the supervision was held (or, for the first, last held) on the date given.
  onReminderDone(SUPERVISION_CAUSE, (tx, reminder, outcome) => supervisionHeldFromReminder(tx, deps, reminder, outcome.date, outcome.by));

  const list = guarded(deps, async (context) => {
    if (!(await personalOnly(context))) return;
    await reply(context, overviewCard(await supervisionOverview(deps, actorFrom(context, deps).aadObjectId)));
  });
  app.message(/^\s*(staff )?supervisions?\s*$/i, list);
  app.adaptiveCards.actionSubmit('supervision.list', list);

  const form = async (context: TurnContext, values: Record<string, unknown>, problems: FieldProblem[]) => {
    const o = await supervisionOverview(deps, actorFrom(context, deps).aadObjectId);
    const choices = intervalChoices(o.every).map((p) => ({ title: `Within ${periodWords(p)}${p === o.every ? ' (the most allowed)' : ''}`, value: `${p.amount}-${p.unit}` }));
    return actionFormCard({
      title: 'Record a supervision',
      subtitle: 'Choose a shorter interval when the families this practitioner works with carry more risk.',
      fields: [
        formField('choice', 'practitioner', 'Practitioner', text(values, 'practitioner'), o.practitioners.map((p) => ({ title: p.person.displayName, value: p.person.aadObjectId }))),
        formField('date', 'heldOn', 'Date held', text(values, 'heldOn') || londonToday(deps.clock.now())),
        formField('choice', 'every', 'Next supervision due', text(values, 'every') || `${o.every.amount}-${o.every.unit}`, choices),
      ],
      problems,
      submit: { title: 'Record supervision', style: 'positive', data: { verb: 'supervision.record', supervisionKey: text(values, 'supervisionKey') || randomUUID() } },
      cancel: SHOW,
    });
  };

  app.adaptiveCards.actionSubmit('supervision.show', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    await reply(context, await form(context, { practitioner: ShowSchema.parse(value).practitioner ?? '' }, []));
  }));

  app.adaptiveCards.actionSubmit('supervision.record', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const outcome = await recordSupervision(deps, actorFrom(context, deps).aadObjectId, value);
    if (outcome.kind === 'invalid') return reply(context, await form(context, value, outcome.problems));
    await reply(context, noticeCard(outcome.created ? 'Supervision recorded' : 'Already recorded',
      `The next supervision for ${outcome.practitioner.displayName} is due by ${dayLabel(outcome.nextDueOn)}. You will be reminded a working week before.`,
      'Good', [SHOW]));
  }));
}
