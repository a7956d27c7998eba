// Owns the Teams side of a request's life after allocation and the personal
// lists: "my requests" (referrer), "my cases" (practitioner), record the start
// date, plan reviews, close with an outcome, withdraw with a reason, and the
// tasks a service sets (Home-Start's children's-centre registration, partner involvement).
import { hubManagers } from '../../domain/directory/lookup.js';
import { randomUUID } from 'node:crypto';
import { continuesAfterStepDown } from '../../domain/case/step-down.js';
import { toldWords } from '../../app/cases/reach.js';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../deps.js';
import { closeRequest, continueSupport, openReview, recordTasks, startSupport, withdrawRequest, type ActionOutcome } from '../../app/request/lifecycle.js';
import { myCases, myRequests, requestForAction } from '../../app/request/views.js';
import { londonToday } from '../../app/request/form-context.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import type { Party } from '../../domain/request/status.js';
import { CC_REGISTRATION, CLOSE_OUTCOMES, PARTNER_INVOLVEMENT, TEXT_MAX, WITHDRAW_REASONS } from '../../domain/request/action-forms.js';
import type { RequestRow } from '../../store/request-store.js';
import { actionFormCard, formField, noticeCard } from '../cards/request-cards.js';
import type { FieldView } from '../cards/request-fields.js';
import { myCasesCard, myRequestsCard } from '../cards/request-views.js';
import { escapeCardText } from '../cards/render.js';
import { actorFrom, guarded, personalOnly, reply, requestDeps, RequestRefSchema } from './request-support.js';
import { showRequest } from './request-hub.js';
import { ukDate } from '../../app/request/summary.js';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, title]) => ({ title, value }));
const text = (values: Record<string, unknown>, key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');

interface StatusForm {
  verb: string;
  allowed: Party[];
  title: (row: RequestRow) => string;
  subtitle: string;
  fields: (values: Record<string, unknown>, row: RequestRow, today: string) => FieldView[];
  submitTitle: string;
  run: (deps: BotDeps, context: TurnContext, requestId: string, values: Record<string, unknown>) => Promise<ActionOutcome | { kind: 'done'; request: RequestRow; changed?: boolean }>;
  /** The sentence after the change; `byAad`: who made it. */
  done: (row: RequestRow, byAad: string) => string;
}

// Closing stops the request's reminders, and plans one more: the family's feedback, for its practitioner, unless it is recorded.
function closedWords(r: RequestRow, byAad: string): string {
  if (!r.allocated_to) return 'The request is closed and its reminders stopped.';
  return `The request is closed and its reminders stopped; ${r.allocated_to === byAad ? "you'll" : 'the allocated practitioner will'} be reminded to record the family's feedback if it isn't recorded.`;
}

const FORMS: StatusForm[] = [
  {
    verb: 'request.begin', allowed: ['allocated-practitioner', 'hub-manager'], title: (r) => `Record the start date: ${escapeCardText(r.case_ref ?? '')}`,
    subtitle: 'The date support started. Any review and target reminders of this service are planned from it.',
    fields: (v, _r, today) => [formField('date', 'startDate', 'Date support started', text(v, 'startDate') || today)],
    submitTitle: 'Record start', run: (d, c, id, v) => startSupport(requestDeps(d), actorFrom(c, d), id, v),
    done: (r) => `Support started on ${ukDate(r.start_date ?? '')}.`,
  },
  {
    verb: 'request.close', allowed: ['allocated-practitioner', 'hub-manager'], title: (r) => `Close ${escapeCardText(r.case_ref ?? '')}`,
    subtitle: 'Closing stops all reminders for this case. The referrer is told the outcome.',
    fields: (v) => [formField('choice', 'outcome', 'Outcome for the family', text(v, 'outcome'), choices(CLOSE_OUTCOMES)), formField('multiline', 'note', 'Note (required for "Other"; no family names)', text(v, 'note'), [], TEXT_MAX)],
    submitTitle: 'Close case', run: (d, c, id, v) => closeRequest(requestDeps(d), actorFrom(c, d), id, v), done: (r, byAad) => closedWords(r, byAad),
  },
  {
    verb: 'request.withdraw', allowed: ['referrer', 'hub-manager'], title: (r) => `Withdraw ${escapeCardText(r.case_ref ?? '')}`,
    subtitle: 'For example when the family withdraws consent. The hub (or the referrer) is told.',
    fields: (v) => [formField('choice', 'reason', 'Why it is being withdrawn', text(v, 'reason'), choices(WITHDRAW_REASONS)), formField('multiline', 'note', 'Note (required for "Other"; no family names)', text(v, 'note'), [], TEXT_MAX)],
    submitTitle: 'Withdraw request', run: (d, c, id, v) => withdrawRequest(requestDeps(d), actorFrom(c, d), id, v), done: () => 'The request is withdrawn and its reminders stopped.',
  },
  {
    verb: 'request.tasks', allowed: ['allocated-practitioner', 'hub-manager'], title: (r) => `Tasks: ${escapeCardText(r.case_ref ?? '')}`,
    subtitle: "Confirm partner involvement and children's-centre registration; encourage registration if the family is not registered (Home-Start Hertfordshire referral criteria).",
    fields: (v, r) => [
      formField('choice', 'ccRegistration', "Children's centre registration", text(v, 'ccRegistration') || (r.cc_registration ?? ''), choices(CC_REGISTRATION)),
      formField('choice', 'partnerInvolvement', 'Partner involvement', text(v, 'partnerInvolvement') || (r.partner_involvement ?? ''), choices(PARTNER_INVOLVEMENT)),
    ],
    submitTitle: 'Save tasks', run: (d, c, id, v) => recordTasks(requestDeps(d), actorFrom(c, d), id, v), done: () => 'Tasks recorded.',
  },
];

export function registerRequestCaseHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const rd = requestDeps(deps);

  const mine = guarded(deps, async (context) => {
    if (!(await personalOnly(context))) return;
    await reply(context, myRequestsCard(await myRequests(rd, actorFrom(context, deps)), deps.directory));
  });
  app.message(/^\s*my requests\s*$/i, mine);
  app.adaptiveCards.actionSubmit('request.mine', mine);

  app.message(/^\s*my cases\s*$/i, guarded(deps, async (context) => {
    if (!(await personalOnly(context))) return;
    await reply(context, myCasesCard(await myCases(rd, actorFrom(context, deps))));
  }));

  for (const form of FORMS) {
    const draw = (row: RequestRow, values: Record<string, unknown>, problems: FieldProblem[]) => actionFormCard({
      title: form.title(row), subtitle: form.subtitle, fields: form.fields(values, row, londonToday(deps.clock.now())), problems,
      submit: { title: form.submitTitle, style: 'positive', data: { verb: form.verb, requestId: row.id } },
      cancel: { title: 'Back to the request', data: { verb: 'request.view', requestId: row.id } },
    });
    app.adaptiveCards.actionSubmit(`${form.verb}.show`, guarded(deps, async (context, value) => {
      if (!(await personalOnly(context))) return;
      const row = await requestForAction(rd, actorFrom(context, deps), RequestRefSchema.parse(value).requestId, form.verb, form.allowed);
      await reply(context, draw(row, {}, []));
    }));
    app.adaptiveCards.actionSubmit(form.verb, guarded(deps, async (context, value) => {
      if (!(await personalOnly(context))) return;
      const { requestId } = RequestRefSchema.parse(value);
      const r = await form.run(deps, context, requestId, value);
      if (r.kind === 'invalid') {
        const row = await requestForAction(rd, actorFrom(context, deps), requestId, form.verb, form.allowed);
        return reply(context, draw(row, value, r.problems));
      }
      // Who was actually reached: the referrer is told of a start or a close (issue 12).
      const me = actorFrom(context, deps).aadObjectId;
      const toTell = form.verb === 'request.begin' || form.verb === 'request.close' ? [r.request.referrer_aad]
        : form.verb === 'request.withdraw' ? [r.request.referrer_aad, r.request.allocated_to, ...hubManagers(deps.directory, r.request.hub_id ?? '').map((m) => m.aadObjectId)] : [];
      const told = await toldWords(deps, toTell.filter((a) => a !== me));
      const actions = [{ title: 'Open request', data: { verb: 'request.view', requestId } as Record<string, unknown> }];
      // After a close the family's feedback is the next thing to gather (Barnet One Service Response protocol, 5.3).
      if (form.verb === 'request.close') actions.unshift({ title: 'Record family feedback', data: { verb: 'feedback.show', requestId } });
      // Step-down continuity (issue 12): offered on closing with a step down to early help or Universal Plus.
      if (form.verb === 'request.close' && continuesAfterStepDown(r.request.end_reason)) {
        actions.unshift({ title: 'Continue with the same practitioner', data: { verb: 'case.continue', requestId, continueKey: randomUUID() } });
      }
      await reply(context, noticeCard('Done', [form.done(r.request, context.activity.from?.aadObjectId ?? ''), told].filter(Boolean).join(' '), 'Good', actions));
    }));
  }

  app.adaptiveCards.actionSubmit('request.review.open', guarded(deps, async (context, value) => {
    const { requestId } = RequestRefSchema.parse(value);
    await openReview(rd, actorFrom(context, deps), requestId);
    await showRequest(deps, context, requestId);
  }));
  app.adaptiveCards.actionSubmit('request.review.done', guarded(deps, async (context, value) => {
    const { requestId } = RequestRefSchema.parse(value);
    await continueSupport(rd, actorFrom(context, deps), requestId);
    await showRequest(deps, context, requestId);
  }));
}
