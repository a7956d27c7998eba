// Owns the Teams side of the threshold check: one route per verb, each
// parsing the card submit, calling the CheckFlow use case and drawing the view.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { parseWholeNumber } from '../../domain/text/whole-number.js';
import { CheckFlow, type FlowView, type CardRef } from '../../app/check/check-flow.js';
import { actorOf, type BotDeps } from '../deps.js';
import { answeringErrors, noticeCard, showCard } from '../card-actions.js';
import { safetyCard, stepOrResultCard, resultCard, stopRiskCard, alreadyOpenCard, resumeCard, listCard } from './check-views.js';

// The card's version: digits only (z.coerce would also read "0x1" or "1e0").
const CardRefSchema = z.object({
  checkId: z.string().max(64),
  version: z.unknown().transform((v, ctx) => parseWholeNumber(v, 0, 2_147_483_647) ?? (ctx.addIssue({ code: 'custom', message: 'not a card version' }), z.NEVER)),
});

export function registerCheckHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const flow = new CheckFlow(deps);

  // One living card per check: every press redraws the card that was pressed.
  // A card that has moved on (an older step pressed again) redraws where the
  // check is now instead of refusing.
  const reply = async (context: TurnContext, view: FlowView) => {
    const current = view.kind === 'stale' && view.check && view.check.status !== 'cancelled' ? await flow.resume(who(context), view.check.id) : view;
    const card = await draw(current, deps);
    if (card) await showCard(context, card);
  };

  /** Runs a use case; a refusal or user-facing error becomes a polite card. */
  const guarded = (handler: (context: TurnContext, state: TurnState, value: Record<string, unknown>) => Promise<FlowView>) =>
    answeringErrors(async (context: TurnContext, state: TurnState) => {
      const value = (context.activity.value ?? {}) as Record<string, unknown>;
      await reply(context, await handler(context, state, value));
    });

  const withRef = (value: Record<string, unknown>): CardRef | undefined => {
    const r = CardRefSchema.safeParse(value);
    return r.success ? r.data : undefined;
  };
  const staleIfNoRef = (fn: (ref: CardRef, context: TurnContext, value: Record<string, unknown>) => Promise<FlowView>) =>
    guarded(async (context, _state, value) => {
      const ref = withRef(value);
      return ref ? fn(ref, context, value) : { kind: 'stale' };
    });
  const who = (context: TurnContext) => actorOf(context, deps.directory).aadObjectId;

  app.message(/^\s*(check|threshold( check)?|new check)\s*$/i, guarded(async (context) => flow.begin(who(context), false)));
  app.message(/^\s*my checks\s*$/i, guarded(async (context) => flow.list(who(context))));
  app.adaptiveCards.actionSubmit('check.start', guarded(async (context, _s, value) => flow.begin(who(context), value.fresh === 'true' || value.fresh === true)));
  app.adaptiveCards.actionSubmit('check.list', guarded(async (context) => flow.list(who(context))));
  app.adaptiveCards.actionSubmit('check.safety', guarded(async (context, _s, value) => flow.answerSafety(who(context), value)));
  for (const step of ['involvement', 'family', 'needs', 'context'] as const) {
    app.adaptiveCards.actionSubmit(`check.${step}`, staleIfNoRef((ref, context, value) => flow.submitStep(who(context), step, ref, value)));
  }
  app.adaptiveCards.actionSubmit('check.back', staleIfNoRef((ref, context, value) => flow.back(who(context), ref, value)));
  app.adaptiveCards.actionSubmit('check.edit', staleIfNoRef((ref, context, value) => flow.edit(who(context), ref, String(value.step ?? ''))));
  app.adaptiveCards.actionSubmit('check.cancel', staleIfNoRef((ref, context) => flow.cancel(who(context), ref)));
  app.adaptiveCards.actionSubmit('check.override', staleIfNoRef((ref, context, value) => flow.override(who(context), ref, value)));
  app.adaptiveCards.actionSubmit('check.resume', guarded(async (context, _s, value) => flow.resume(who(context), String(value.checkId ?? ''))));
}

/** Services some hub in the directory delivers: only those can take a request from a check. */
function requestableServices(deps: BotDeps): Set<string> {
  return new Set(deps.directory.hubs.flatMap((hub) => (hub.service ? [hub.service] : [])));
}


export async function draw(view: FlowView, deps: BotDeps) {
  switch (view.kind) {
    case 'safety': return safetyCard(deps.policy, view.checkKey, view.values, view.errors);
    case 'step': return stepOrResultCard(view, deps.policy);
    case 'result': return resultCard(view.check, deps.policy, requestableServices(deps), (await deps.osrWeekFor?.(view.check.owner_aad)) ?? false, view.values, view.errors);
    case 'stop-immediate-risk': return stopRiskCard(view);
    case 'already-open': return alreadyOpenCard(view);
    case 'resume-offer': return resumeCard(view.check);
    case 'list': return listCard(view.checks, deps.policy);
    case 'cancelled': return noticeCard('Check cancelled', 'The check is cancelled and the family\'s answers have been removed.', 'Default', [{ title: 'New check', data: { verb: 'check.start', fresh: 'true' } }]);
    // Only a check that no longer exists (or a card without its reference) gets here: nothing to redraw.
    case 'stale': return noticeCard('This check has finished', 'This check was cancelled or is no longer there, so nothing was changed. You can start a new one.', 'Warning', [{ title: 'New check', data: { verb: 'check.start', fresh: 'true' } }]);
    case 'duplicate': return undefined;
  }
}
