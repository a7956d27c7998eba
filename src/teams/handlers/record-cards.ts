// Owns a record card's refresh (issue 13): Teams calls the card's `refresh`
// Action.Execute when someone opens a chat or channel holding it, and the
// answer is the record's card as it is now. Only a card this conversation
// was sent is redrawn, so a forged refresh learns nothing new.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { forgetRecordCard, recordCardIn } from '../../store/record-card-store.js';
import { currentRecordCard } from '../../app/record-cards/record-cards.js';
import { renderCard } from '../cards/render.js';
import { noticeCard, showCard } from '../card-actions.js';

export const REFRESH_VERB = 'card.refresh';
const RefreshData = z.object({ recordType: z.enum(['request', 'booking']), recordId: z.string().uuid() });

/** Draws the record's card as it is now for this conversation; false when this conversation holds no such card. */
export async function redrawHeldCard(context: TurnContext, deps: BotDeps, recordType: 'request' | 'booking', recordId: string): Promise<boolean> {
  const held = await recordCardIn(deps.db, context.activity.conversation?.id ?? '', recordType, recordId);
  const current = held ? await currentRecordCard(deps, held, context.activity.from?.aadObjectId) : undefined;
  if (!current) return false;
  await showCard(context, renderCard(current.template, current.data));
  // Someone who lost the record sees that once; the copy is no longer theirs to keep current.
  if (current.forget && held) await forgetRecordCard(deps.db, held.id);
  return true;
}

export function registerRecordCardHandlers(app: Application<TurnState>, deps: BotDeps): void {
  app.adaptiveCards.actionExecute(REFRESH_VERB, async (context, _state, data) => {
    const parsed = RefreshData.safeParse(data);
    if (!parsed.success || !(await redrawHeldCard(context, deps, parsed.data.recordType, parsed.data.recordId))) {
      await showCard(context, noticeCard('Nothing to show', 'This card is no longer held here.'));
    }
    // The invoke response is already set by showCard; teams-ai sends nothing more.
    return '';
  });
}
