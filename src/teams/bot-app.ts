// Owns the Teams AI Application: its options and the order in which feature
// handlers are registered (the fallback goes last). It has no turn-state
// storage: no handler keeps anything in TurnState (journeys keep their drafts
// in their own tables), so loading and saving it would cost two queries a
// turn for nothing.
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { MessageFactory } from 'botbuilder';
import type { BotDeps } from './deps.js';
import { renderCard } from './cards/render.js';
import { isDatabaseUnavailable } from '../store/db.js';
import { registerMenuHandlers, registerFallback } from './handlers/menu.js';
import { markTurnOutcome } from '../log/request-context.js';
import { rememberRecordCardsShown } from './record-card-memory.js';

/** What a user sees when the database cannot be reached: no code, no detail, and what to do. */
export const DATABASE_UNAVAILABLE = {
  title: 'Please try again in a minute',
  message: "Right Response can't reach its records just now, so this wasn't done. It is usually back within a minute: try again then. Pressing the same button again is safe.",
  color: 'Warning',
  code: '',
  actions: [],
};

export type FeatureRegistrar = (app: Application<TurnState>, deps: BotDeps) => void;

export function createBotApplication(adapter: TeamsAdapter, deps: BotDeps, features: FeatureRegistrar[] = []): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.MicrosoftAppId,
    removeRecipientMention: true,
    // The typing timer is shared by all turns in teams-ai v1 and the
    // Playground ignores typing; our answers are fast.
    startTypingTimer: false,
    longRunningMessages: false,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });
  rememberRecordCardsShown(app, deps);
  registerMenuHandlers(app, deps);
  for (const register of features) register(app, deps);
  registerFallback(app, deps);
  app.error(async (context, err) => {
    if (isDatabaseUnavailable(err)) {
      // The database is down, restarting or overloaded: the pool reconnects by itself. Logged without a stack.
      deps.log.warn({ code: (err as { code?: string }).code ?? err.message, activityId: context.activity.id }, 'turn failed: database unavailable');
      await context.sendActivity(MessageFactory.attachment(renderCard('notice', DATABASE_UNAVAILABLE))).catch(() => undefined);
      return;
    }
    deps.log.error({ err, activityId: context.activity.id }, 'turn failed');
    markTurnOutcome('failed');
    await context.sendActivity('Sorry, something went wrong on our side. Nothing you entered has been lost; please try again.').catch(() => undefined);
  });
  return app;
}
