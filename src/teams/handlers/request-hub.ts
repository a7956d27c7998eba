// Owns the hub side of a request in Teams: "link channel" (a hub manager, in
// the hub's team channel), View details (private chat only; from a channel
// the details are sent privately), the hub queue, Allocate (practitioners
// with grade and caseload) and Decline (reason and alternatives required).
// Pressed on the channel's card, the allocate and decline forms open in the
// presser's personal chat: the channel card only ever shows the request as
// it is, with no names of the family and nothing anyone typed.
import { toldWords } from '../../app/cases/reach.js';
import { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../deps.js';
import { declineRequest, allocateRequest } from '../../app/request/lifecycle.js';
import { allocationOptions, hubQueue, requestForAction, viewRequest } from '../../app/request/views.js';
import { linkHubChannel, sendDetailsPrivately, sendFormPrivately } from '../../app/request/channel.js';
import { signedLink } from '../../app/request/signed-links.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import { TRANSITIONS } from '../../domain/request/status.js';
import type { RequestRow } from '../../store/request-store.js';
import { TEXT_MAX } from '../../domain/request/action-forms.js';
import { actionForm, formField, noticeCard } from '../cards/request-cards.js';
import { detailsCard, hubQueueCard } from '../cards/request-views.js';
import { escapeCardText, renderCard } from '../cards/render.js';
import { redrawsSharedCard, sendCard } from '../card-actions.js';
import { HUB_CARD, hubCardData } from '../../app/request/notify.js';
import { actorFrom, guarded, personalOnly, reply, requestDeps, RequestRefSchema } from './request-support.js';

const backToCard = (requestId: string) => ({ title: 'Back', style: 'default' as const, data: { verb: 'request.card', requestId } });

const MOVED_ON = 'This request has moved on since this card was sent: this is where it is now.';

const isPersonal = (context: TurnContext) => (context.activity.conversation?.conversationType ?? 'personal') === 'personal';

/** The details card, to the referrer or a hub member, with a fresh signed link to the printable summary. */
export async function showRequest(deps: BotDeps, context: TurnContext, requestId: string): Promise<void> {
  const rd = requestDeps(deps);
  const actor = actorFrom(context, deps);
  if (!isPersonal(context)) {
    await sendDetailsPrivately(rd, actor, requestId);
    // The channel's card stays as it is for everyone: this answer is a new message.
    await sendCard(context, noticeCard('Sent to you privately', 'Family details are never shown here. I have sent you a card in your personal chat with me to open the request.', 'Default'));
    return;
  }
  const view = await viewRequest(rd, actor, requestId);
  const url = signedLink(deps.config, 'request-summary', view.request.id, actor.aadObjectId, deps.clock.now());
  await reply(context, detailsCard(view, deps.directory, url));
}

export function registerRequestHubHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const rd = requestDeps(deps);

  app.message(/^\s*link (this )?channel\s*$/i, guarded(deps, async (context) => {
    if (context.activity.conversation?.conversationType !== 'channel') {
      return reply(context, noticeCard('Type this in the hub channel', "To choose where new requests are posted, @mention me with 'link channel' in your hub's team channel.", 'Warning'));
    }
    const hub = await linkHubChannel(rd, actorFrom(context, deps), TurnContext.getConversationReference(context.activity));
    await reply(context, noticeCard('Channel linked', `New 0–19 requests for ${hub.name} will be posted here, with case references only: never names.`, 'Good'));
  }));

  app.adaptiveCards.actionSubmit('request.view', guarded(deps, async (context, value) => {
    await showRequest(deps, context, RequestRefSchema.parse(value).requestId);
  }));

  const queue = guarded(deps, async (context) => {
    // Its CSV link works for whoever holds it for a few minutes, so it is never posted where others can click it.
    if (!(await personalOnly(context))) return;
    const actor = actorFrom(context, deps);
    const { hub, queue } = await hubQueue(rd, actor);
    await reply(context, hubQueueCard(hub.name, queue, deps.clock.now(), signedLink(deps.config, 'hub-queue-csv', hub.id, actor.aadObjectId, deps.clock.now())));
  });
  app.message(/^\s*hub queue\s*$/i, queue);
  app.adaptiveCards.actionSubmit('request.queue', queue);

  const allocateForm = async (context: TurnContext, requestId: string, problems: FieldProblem[], chosen = '') => {
    const { request, options } = await allocationOptions(rd, actorFrom(context, deps), requestId);
    const suggested = options.find((o) => o.suggested)?.person.aadObjectId ?? '';
    const choices = [...options].sort((a, b) => a.caseload - b.caseload).map((o) => ({
      title: `${o.person.displayName}${o.person.grade ? ` · grade ${o.person.grade}` : ''} · ${o.caseload} open ${o.caseload === 1 ? 'case' : 'cases'}${o.suggested ? (request.source_booking_id ? ' · did the joint visit' : ' · already works with this family') : ''}`,
      value: o.person.aadObjectId,
    }));
    return { request, form: actionForm({
      title: `Allocate ${escapeCardText(request.case_ref ?? '')}`,
      subtitle: `${request.intervention ?? ''} · level ${request.level ?? ''}. Grade and current open cases are shown for each practitioner.`,
      fields: choices.length > 0 ? [formField('choice', 'practitioner', 'Practitioner', chosen || suggested, choices)] : [formField('info', 'none', 'This hub has no practitioners in the directory. Ask your administrator.')],
      problems,
      submit: { title: 'Allocate', style: 'positive', data: { verb: 'request.allocate', requestId } },
      cancel: backToCard(requestId),
    }) };
  };

  /**
   * A form pressed for in a channel or group chat (everyone holds that card,
   * and the form shows caseloads or what the manager types): it goes to the
   * presser's personal chat and the shared card stays as it is.
   */
  const formInPrivate = async (context: TurnContext, row: RequestRow, form: { template: string; data: Record<string, unknown> }, task: string) => {
    const outcome = await sendFormPrivately(rd, actorFrom(context, deps), row, form);
    await sendCard(context, outcome === 'sent'
      ? noticeCard('Sent to you privately', `I have put the form to ${task} this request in your personal chat with me, so only you see it.`, 'Default')
      : noticeCard('Open your personal chat with me', `Open Right Response in your personal chat and type hub queue to ${task} it there. I only show this form in private.`, 'Warning'));
  };

  const allocateCard = async (context: TurnContext, requestId: string, problems: FieldProblem[], chosen = '') => {
    const { request, form } = await allocateForm(context, requestId, problems, chosen);
    if (!isPersonal(context)) return formInPrivate(context, request, form, 'allocate');
    return reply(context, renderCard(form.template, form.data));
  };

  /** The request's shared card as it is now: in a channel it replaces the pressed card for everyone (it shows no family details). */
  const hubCardNow = async (context: TurnContext, row: RequestRow, told: string) => {
    // In a channel the card is everyone's: it says no more than the redraw job would draw (the moved-on line at most).
    if (!isPersonal(context)) redrawsSharedCard(context);
    await reply(context, renderCard(HUB_CARD, { ...hubCardData(row, deps.directory), told: isPersonal(context) || told === MOVED_ON ? told : '' }));
  };

  /**
   * A hub card pressed after its request moved on (declined, withdrawn,
   * started elsewhere): the card is redrawn as the request is now instead of
   * offering a form that can no longer be used.
   */
  const movedOn = async (context: TurnContext, row: RequestRow, action: 'allocate' | 'decline'): Promise<boolean> => {
    if (TRANSITIONS[action].from.includes(row.status)) return false;
    await hubCardNow(context, row, MOVED_ON);
    return true;
  };

  // Back from the allocate or decline form: the card as the request is now.
  app.adaptiveCards.actionSubmit('request.card', guarded(deps, async (context, value) => {
    const row = await requestForAction(rd, actorFrom(context, deps), RequestRefSchema.parse(value).requestId, 'request.card', ['hub-manager']);
    await hubCardNow(context, row, '');
  }));

  app.adaptiveCards.actionSubmit('request.allocate.show', guarded(deps, async (context, value) => {
    const { requestId } = RequestRefSchema.parse(value);
    if (await movedOn(context, await requestForAction(rd, actorFrom(context, deps), requestId, 'request.allocate', ['hub-manager']), 'allocate')) return;
    await allocateCard(context, requestId, []);
  }));

  app.adaptiveCards.actionSubmit('request.allocate', guarded(deps, async (context, value) => {
    const { requestId } = RequestRefSchema.parse(value);
    const r = await allocateRequest(rd, actorFrom(context, deps), requestId, value);
    if (r.kind === 'invalid') return allocateCard(context, requestId, r.problems, typeof value.practitioner === 'string' ? value.practitioner : '');
    // In a channel (a form drawn there before forms went private) the card says no more than the channel card does.
    const told = isPersonal(context) ? await toldWords(deps, [r.request.referrer_aad, r.request.allocated_to]) : '';
    // The pressed card becomes the request's card as it is now: "Allocated to …", no Allocate button.
    await hubCardNow(context, r.request, `${r.changed ? '' : 'This was already done. '}${told}`);
  }));

  const declineForm = (requestId: string, caseRef: string, values: Record<string, unknown>, problems: FieldProblem[]) => actionForm({
    title: `Decline ${escapeCardText(caseRef)}`,
    subtitle: 'The referrer is told why and what they can do instead. Do not write family names here.',
    fields: [
      formField('multiline', 'reason', 'Why the hub is declining', typeof values.reason === 'string' ? values.reason : '', [], TEXT_MAX),
      formField('multiline', 'alternatives', 'What the referrer can do instead (other services, who to contact)', typeof values.alternatives === 'string' ? values.alternatives : '', [], TEXT_MAX),
    ],
    problems,
    submit: { title: 'Decline request', style: 'destructive', data: { verb: 'request.decline', requestId } },
    cancel: backToCard(requestId),
  });

  const declineFormFor = async (context: TurnContext, row: RequestRow, values: Record<string, unknown>, problems: FieldProblem[]) => {
    const form = declineForm(row.id, row.case_ref ?? '', values, problems);
    if (!isPersonal(context)) return formInPrivate(context, row, form, 'decline');
    return reply(context, renderCard(form.template, form.data));
  };

  app.adaptiveCards.actionSubmit('request.decline.show', guarded(deps, async (context, value) => {
    const { requestId } = RequestRefSchema.parse(value);
    const row = await requestForAction(rd, actorFrom(context, deps), requestId, 'request.decline', ['hub-manager']);
    if (await movedOn(context, row, 'decline')) return;
    await declineFormFor(context, row, {}, []);
  }));

  app.adaptiveCards.actionSubmit('request.decline', guarded(deps, async (context, value) => {
    const { requestId } = RequestRefSchema.parse(value);
    const r = await declineRequest(rd, actorFrom(context, deps), requestId, value);
    if (r.kind === 'invalid') {
      const row = await requestForAction(rd, actorFrom(context, deps), requestId, 'request.decline', ['hub-manager']);
      // What was typed is shown again only in private, never in a card the channel shares.
      return declineFormFor(context, row, value, r.problems);
    }
    await hubCardNow(context, r.request, `${r.changed ? '' : 'This was already done. '}${await toldWords(deps, [r.request.referrer_aad], 'been told why and what to do instead')}`);
  }));
}
