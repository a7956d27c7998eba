// Owns the Teams side of filing a 0–19 request: "request" and verb
// request.start (welcome card, threshold check result, booking card), the
// section-by-section form with a draft saved on every step, resume, discard,
// the check-and-submit review and the idempotent submit.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { hubToldWords } from '../../app/cases/reach.js';
import { discardDraft, ownRequest, saveSection, startRequest } from '../../app/request/drafts.js';
import { reviewDraft, submitRequest } from '../../app/request/submit.js';
import { sectionContext } from '../../app/request/form-context.js';
import { summariseForm } from '../../app/request/summary.js';
import { SECTION_IDS, isSectionId, type SectionId } from '../../domain/request/form.js';
import type { RequestRow } from '../../store/request-store.js';
import { noticeCard, reviewCard, sectionCard } from '../cards/request-cards.js';
import { draftsChooserCard } from '../cards/request-views.js';
import { escapeCardText } from '../cards/render.js';
import { sectionValues } from '../cards/request-fields.js';
import { startsNewTask } from '../card-actions.js';
import { actorFrom, guarded, personalOnly, reply, requestDeps, RequestRefSchema } from './request-support.js';
import { showRequest } from './request-hub.js';

const flag = z.preprocess((v) => v === true || v === 'true', z.boolean());
// Cards from other features may send an empty id when they have none.
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(64).optional());
// Not "key": the Agents Playground's client fails on a submit whose data has a "key" property.
const StartSchema = z.object({ checkId: optionalId, bookingId: optionalId, requestKey: optionalId, serviceId: optionalId, fresh: flag.optional() }).passthrough();
const SaveSchema = RequestRefSchema.extend({ section: z.enum(SECTION_IDS), nav: z.enum(['next', 'back', 'save']) });
const EditSchema = RequestRefSchema.extend({ section: z.enum(SECTION_IDS) });
const SubmitSchema = RequestRefSchema.extend({ requestKey: z.string().min(1).max(64) });

export function registerRequestFormHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const rd = requestDeps(deps);

  /** Where a draft is: its current section, or the review once every section has been through. */
  const showDraft = async (context: TurnContext, row: RequestRow, message = '') => {
    if (row.step === 'review' || !isSectionId(row.step)) return showReview(context, row.id, message);
    await reply(context, sectionCard(row, row.step, row.form, sectionContext(deps, row.form, deps.clock.now()), [], message));
  };
  const showReview = async (context: TurnContext, requestId: string, message = '') => {
    const r = await reviewDraft(rd, actorFrom(context, deps), requestId);
    if (r.request.status !== 'draft') return showRequest(deps, context, requestId);
    await reply(context, reviewCard(r.request, summariseForm(r.request.form, deps.directory), r.sections, r.hub?.name, message));
  };

  const start = async (context: TurnContext, value: Record<string, unknown>) => {
    if (!(await personalOnly(context))) return;
    const input = StartSchema.parse(value);
    // From a check's result or a booking the request is a new task: that card stays as it is.
    if (input.checkId || input.bookingId) startsNewTask(context);
    const outcome = await startRequest(rd, actorFrom(context, deps), { checkId: input.checkId, bookingId: input.bookingId, key: input.requestKey, fresh: input.fresh, serviceId: input.serviceId });
    if (outcome.kind === 'choose') return reply(context, draftsChooserCard(outcome.drafts));
    if (outcome.kind === 'filed') {
      return reply(context, noticeCard('Already filed', `A request for ${escapeCardText(outcome.request.case_ref ?? 'this family')} was already filed from this, so I haven't started another.`, 'Default',
        [{ title: 'Open request', data: { verb: 'request.view', requestId: outcome.request.id } }]));
    }
    const source = input.bookingId ? 'your joint-visit booking' : input.checkId ? 'your threshold check' : '';
    const message = outcome.resumed ? 'You already had a draft for this: carrying on where you left off.' : source ? `Started from ${source}: check what I've filled in.` : '';
    await showDraft(context, outcome.request, message);
  };

  app.message(/^\s*(request|new request|0\s*[-–]\s*19 request)\s*$/i, guarded(deps, (context) => start(context, {})));
  app.adaptiveCards.actionSubmit('request.start', guarded(deps, start));

  app.adaptiveCards.actionSubmit('request.resume', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId } = RequestRefSchema.parse(value);
    const row = await ownRequest(rd, actorFrom(context, deps), requestId, 'request.resume');
    if (row.status !== 'draft') return showRequest(deps, context, row.id);
    await showDraft(context, row, 'Welcome back: here is your draft.');
  }));

  app.adaptiveCards.actionSubmit('request.section.edit', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId, section } = EditSchema.parse(value);
    const row = await ownRequest(rd, actorFrom(context, deps), requestId, 'request.draft.edit');
    if (row.status !== 'draft') return showRequest(deps, context, row.id);
    await reply(context, sectionCard(row, section, row.form, sectionContext(deps, row.form, deps.clock.now()), []));
  }));

  app.adaptiveCards.actionSubmit('request.section.save', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId, section, nav } = SaveSchema.parse(value);
    const r = await saveSection(rd, actorFrom(context, deps), { requestId, section: section as SectionId, raw: sectionValues(section, value), nav });
    const context_ = sectionContext(deps, r.request.form, deps.clock.now());
    if (r.problems.length > 0) return reply(context, sectionCard(r.request, section, r.request.form, context_, r.problems));
    if (nav === 'save') {
      return reply(context, noticeCard('Draft saved', "Your draft is saved. Carry on whenever you're ready: type 'my requests' and choose Resume.", 'Good',
        [{ title: 'Resume now', data: { verb: 'request.resume', requestId } }]));
    }
    if (r.step === 'review') return showReview(context, requestId);
    await reply(context, sectionCard(r.request, r.step, r.request.form, context_, []));
  }));

  app.adaptiveCards.actionSubmit('request.form.review', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    await showReview(context, RequestRefSchema.parse(value).requestId);
  }));

  app.adaptiveCards.actionSubmit('request.submit', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId, requestKey } = SubmitSchema.parse(value);
    const outcome = await submitRequest(rd, actorFrom(context, deps), { requestId, key: requestKey });
    if (outcome.kind === 'invalid') {
      return reply(context, reviewCard(outcome.request, summariseForm(outcome.request.form, deps.directory), outcome.sections, undefined));
    }
    const ref = escapeCardText(outcome.request.case_ref ?? '');
    await reply(context, noticeCard(outcome.repeated ? 'Already submitted' : 'Request submitted',
      `Request ${ref} has gone to ${outcome.hub.name}. ${await hubToldWords(deps, outcome.hub.id)} I'll message you here when it is allocated, started, declined or closed.`,
      'Good', [{ title: 'Open request', data: { verb: 'request.view', requestId } }, { title: 'My requests', data: { verb: 'request.mine' } }]));
  }));

  app.adaptiveCards.actionSubmit('request.discard', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId } = RequestRefSchema.parse(value);
    const r = await discardDraft(rd, actorFrom(context, deps), requestId);
    await reply(context, noticeCard('Draft discarded', `The draft${r.caseRef ? ` for ${escapeCardText(r.caseRef)}` : ''} and everything typed into it has been deleted.`, 'Default',
      [{ title: 'New request', data: { verb: 'request.start', fresh: true, requestKey: randomUUID() } }]));
  }));
}
