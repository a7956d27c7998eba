// Owns what the bot does with words it has no command for (issue 14): a
// family described gets what was understood (risk words first, with the
// safety question and the front-door route) and a button that starts a
// pre-filled check; a request in words goes to its journey (intents.ts);
// anything else gets the help card led by the closest commands. It also
// owns the needs step's "in your own words" button. The words are family
// data: never logged, and kept only in the check draft they fill.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { actorOf, type BotDeps } from '../deps.js';
import { CheckFlow, type CardRef, type FlowView } from '../../app/check/check-flow.js';
import { answeringErrors, showCard } from '../card-actions.js';
import { CheckPrefillSchema } from '../../understanding/check-prefill.js';
import { CommandSuggester } from '../../understanding/index.js';
import { renderCard, escapeCardText } from '../cards/render.js';
import { frontDoorText } from '../../domain/threshold/index.js';
import { draw } from './check.js';
import { COMMANDS, helpCardFor } from './menu.js';
import { commandsFor } from '../commands.js';
import { prefillFromCard, understoodCard, understoodCardFor } from './understood-view.js';
import { answerIntent } from './intents.js';

const CardRefSchema = z.object({ checkId: z.string().max(64), version: z.coerce.number().int().min(0) });

/** How people ask for each command, so a near miss finds it. */
const EXAMPLES: Record<string, string[]> = {
  check: ['threshold level of need assess family eligibility'],
  request: ['refer referral form hub send'],
  book: ['joint visit osr appointment lead responder'],
  'my reminders': ['due overdue tasks today week'],
  rota: ['lead responder who is on osr places'],
  'my requests': ['status referral progress'],
};

export function registerFreeTextHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const flow = new CheckFlow(deps);
  const suggester = new CommandSuggester(COMMANDS.map((c) => ({ ...c, examples: EXAMPLES[c.command] })));
  const who = (context: TurnContext) => actorOf(context, deps.directory).aadObjectId;
  const send = async (context: TurnContext, view: FlowView) => {
    if (view.kind === 'describe-risk') return void (await showCard(context, renderCard('check-describe-risk', describeRiskData(view))));
    const card = await draw(view, deps);
    if (card) await showCard(context, card);
  };
  const politely = (work: (context: TurnContext, value: Record<string, unknown>) => Promise<void>) =>
    answeringErrors((context: TurnContext) => work(context, (context.activity.value ?? {}) as Record<string, unknown>));

  // Registered after every command: any other text is words to understand.
  app.message(/\S/, politely(async (context) => {
    const text = context.activity.text ?? '';
    const actor = actorOf(context, deps.directory);
    if (actor.conversationType !== 'personal') {
      // Family details never go to a channel or a group chat, not even echoed back.
      await showCard(context, helpCardFor(deps, context, 'I only talk about families in our one-to-one chat. Message me there, or use a command.'));
      return;
    }
    const meaning = await deps.understander.interpret(text, deps.clock.now());
    if (meaning.kind === 'family') {
      await showCard(context, understoodCard(deps.policy, understoodCardFor(meaning.understanding, text)));
      return;
    }
    if (meaning.kind === 'intent') return answerIntent(context, deps, flow, meaning.intent);
    // Only commands this person may use are suggested.
    const allowed = new Set(commandsFor(actor.person).map((c) => c.command));
    const closest = suggester.closest(text).filter((c) => allowed.has(c.command));
    const intro = closest.length > 0
      ? `I didn't recognise that. Closest: ${closest.map((c) => `"${c.command}" (${c.description.toLowerCase()})`).join('; ')}. You can also describe a family in your own words.`
      : "I didn't recognise that. Here is what you can type, or describe a family in your own words:";
    await showCard(context, helpCardFor(deps, context, intro));
  }));

  // The "what I understood" card's safety answers: a pre-filled check, or the stop.
  app.adaptiveCards.actionSubmit('understand.start', politely(async (context, value) => {
    const prefill = CheckPrefillSchema.safeParse(prefillFromCard(value.prefill));
    const view = await flow.startPrefilled(who(context), value, prefill.success ? prefill.data : {});
    if (view.kind === 'safety' && prefill.success) {
      const u = await deps.understander.understand(prefill.data.description);
      const card = { ...understoodCardFor(u, prefill.data.description), prefill: prefill.data, checkKey: view.checkKey, values: view.values, errors: view.errors };
      return void (await showCard(context, understoodCard(deps.policy, card)));
    }
    await send(context, view);
  }));

  // The needs step: tick needs from the practitioner's own words.
  app.adaptiveCards.actionSubmit('check.describe', politely(async (context, value) => {
    const ref = CardRefSchema.safeParse(value);
    if (!ref.success) return send(context, { kind: 'stale' });
    await send(context, await flow.describeNeeds(who(context), ref.data as CardRef, value, (t) => deps.understander.understand(t)));
  }));

  // The risk question the needs step's words raised.
  app.adaptiveCards.actionSubmit('check.describeRisk', politely(async (context, value) => {
    const ref = CardRefSchema.safeParse(value);
    if (!ref.success) return send(context, { kind: 'stale' });
    if (value.immediateRisk === 'yes') return send(context, await flow.stopForRisk(who(context), ref.data));
    if (value.immediateRisk !== 'no') {
      // Read back from the card, so escaped again: a submit can carry anything.
      const text = (v: unknown, max: number) => (typeof v === 'string' ? escapeCardText(v.slice(0, max)) : '');
      const again = { ...ref.data, riskWords: text(value.riskWords, 500), frontDoor: text(value.frontDoor, 300) };
      return void (await showCard(context, renderCard('check-describe-risk', { ...again, error: 'Answer yes or no: is any child at immediate risk of significant harm?' })));
    }
    await send(context, await flow.describeNeeds(who(context), ref.data, {}, (t) => deps.understander.understand(t), true));
  }));
}

function describeRiskData(view: Extract<FlowView, { kind: 'describe-risk' }>) {
  return {
    checkId: view.check.id, version: view.check.version, error: '',
    riskWords: view.riskPhrases.map((p) => `“${escapeCardText(p)}”`).join(', '),
    frontDoor: frontDoorText(view.area),
  };
}
