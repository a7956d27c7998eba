// Owns the Teams AI Application: its storage, options and the order in which
// feature handlers are registered (the fallback goes last).
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import type { Storage } from 'botbuilder';
import type { BotDeps } from './deps.js';
import { registerMenuHandlers, registerFallback } from './handlers/menu.js';
import { markTurnOutcome } from '../log/request-context.js';

export type FeatureRegistrar = (app: Application<TurnState>, deps: BotDeps) => void;

export function createBotApplication(adapter: TeamsAdapter, storage: Storage, deps: BotDeps, features: FeatureRegistrar[] = []): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    storage,
    botAppId: deps.config.MicrosoftAppId,
    removeRecipientMention: true,
    // The typing timer is shared by all turns in teams-ai v1 and the
    // Playground ignores typing; our answers are fast.
    startTypingTimer: false,
    longRunningMessages: false,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });
  registerMenuHandlers(app, deps);
  for (const register of features) register(app, deps);
  registerFallback(app);
  app.error(async (context, err) => {
    deps.log.error({ err, activityId: context.activity.id }, 'turn failed');
    markTurnOutcome('failed');
    await context.sendActivity('Sorry, something went wrong on our side. Nothing you entered has been lost; please try again.').catch(() => undefined);
  });
  return app;
}
