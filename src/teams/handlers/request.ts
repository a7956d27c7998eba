// Owns registering every 0–19 request route (issue 5), in one line for
// features.ts: filing (request-form.ts), the hub side (request-hub.ts) and the
// case's life and personal lists (request-case.ts).
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../deps.js';
import { registerRequestFormHandlers } from './request-form.js';
import { registerRequestHubHandlers } from './request-hub.js';
import { registerRequestCaseHandlers } from './request-case.js';

export function registerRequestHandlers(app: Application<TurnState>, deps: BotDeps): void {
  registerRequestFormHandlers(app, deps);
  registerRequestHubHandlers(app, deps);
  registerRequestCaseHandlers(app, deps);
}
