// Owns what every 0–19 request handler shares: the use-case deps and actor
// from a turn, replying with a card, turning use-case errors into polite
// cards, and keeping family details out of channels and group chats.
import type { TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { Attachment } from 'botbuilder';
import { actorOf, type BotDeps } from '../deps.js';
import { UseCaseError } from '../../app/errors.js';
import type { RequestActor, RequestDeps } from '../../app/request/access.js';
import { errorCard, noticeCard, showCard } from '../card-actions.js';

export function requestDeps(deps: BotDeps): RequestDeps {
  return { db: deps.db, directory: deps.directory, clock: deps.clock, config: deps.config, policy: deps.policy };
}

export function actorFrom(context: TurnContext, deps: BotDeps): RequestActor {
  const a = actorOf(context, deps.directory);
  return { aadObjectId: a.aadObjectId, person: a.person };
}

/** Answers with a card: a press redraws the pressed card, a typed command gets a new one. */
export async function reply(context: TurnContext, card: Attachment): Promise<void> {
  await showCard(context, card);
}

export const RequestRefSchema = z.object({ requestId: z.string().uuid() }).passthrough();

export type Handler = (context: TurnContext, value: Record<string, unknown>) => Promise<void>;

/** Runs a handler; refusals and user-facing errors become a card, never silence. */
export function guarded(deps: BotDeps, handler: Handler) {
  return async (context: TurnContext, _state: TurnState): Promise<void> => {
    const value = (context.activity.value && typeof context.activity.value === 'object' ? context.activity.value : {}) as Record<string, unknown>;
    try {
      await handler(context, value);
    } catch (err) {
      if (err instanceof z.ZodError) {
        deps.log.info({ verb: value.verb, issues: err.issues.length }, 'request card submit did not match its schema');
        await reply(context, noticeCard('That button did not work', "I couldn't read what that button sent. Nothing has changed. Open your requests to carry on from where you were.", 'Warning',
          [{ title: 'My requests', data: { verb: 'request.mine' } }]));
        return;
      }
      if (!(err instanceof UseCaseError)) throw err;
      await reply(context, errorCard(err));
    }
  };
}

/** Request forms and details carry family details: personal chat only (data protection: docs/SECURITY.md). */
export async function personalOnly(context: TurnContext): Promise<boolean> {
  if (context.activity.conversation?.conversationType === 'personal' || !context.activity.conversation?.conversationType) return true;
  await reply(context, noticeCard('Let\'s do this in private', 'Requests hold family details, so I only show them in your personal chat with me. Open a chat with Right Response and try again there.', 'Warning'));
  return false;
}
