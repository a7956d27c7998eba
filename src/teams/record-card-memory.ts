// Owns remembering the record cards a turn shows in a personal chat: when a
// press redraws the pressed card as a request's or booking's card (the booking
// form becoming the booking, say), that message joins record_cards like an
// outbox delivery, so a later change to the record redraws it there too.
// A record card is known by its refresh (src/teams/handlers/record-cards.ts).
import type { Activity, TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from './deps.js';
import { forgetDrawnState, rememberRecordCard, type RecordType } from '../store/record-card-store.js';
import { HUB_CARD } from '../app/request/notify.js';
import { BOOKING_CARD } from '../app/booking/notify.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './card-actions.js';
import { recordOnCard } from '../app/record-cards/record-cards.js';

const TEMPLATE_OF: Record<RecordType, string> = { request: HUB_CARD, booking: BOOKING_CARD };

function recordShown(activity: Partial<Activity>): ReturnType<typeof recordOnCard> {
  for (const a of activity.attachments ?? []) {
    const shown = a.contentType === ADAPTIVE_CARD_CONTENT_TYPE ? recordOnCard(a.content) : undefined;
    if (shown) return shown;
  }
  return undefined;
}

export function rememberRecordCardsShown(app: Application<TurnState>, deps: BotDeps): void {
  app.turn('beforeTurn', async (context: TurnContext) => {
    const aad = context.activity.from?.aadObjectId;
    // Only personal chats: the person's stored conversation is how a redraw reaches the message.
    if (!aad || (context.activity.conversation?.conversationType ?? 'personal') !== 'personal') return true;
    const conversationId = context.activity.conversation?.id ?? '';
    const remember = async (activity: Partial<Activity>, activityId: string | undefined) => {
      const shown = recordShown(activity);
      if (!shown || !activityId) return;
      await rememberRecordCard(deps.db, { ...shown, template: TEMPLATE_OF[shown.recordType], to: { kind: 'user', aadObjectId: aad }, conversationId, activityId });
    };
    context.onUpdateActivity(async (_ctx, activity, next) => {
      // Remembered before the update: a redraw job running between the two would otherwise still see the
      // message's old state and draw over the words this update brings (the id is known beforehand).
      // A failed remember does not stop the update: the row then keeps an older state, and a redraw draws it.
      const remembered = await remember(activity, activity.id).then(() => true, (err: unknown) => {
        deps.log.warn({ err }, 'a record card could not be remembered before its update');
        return false;
      });
      try {
        await next();
      } catch (err) {
        // Teams may not show what was remembered: any later redraw must draw this message again.
        if (remembered && activity.id) await forgetDrawnState(deps.db, conversationId, activity.id).catch(() => undefined);
        throw err;
      }
    });
    context.onSendActivities(async (_ctx, activities, next) => {
      const responses = await next();
      // In Teams each sent message gets its id here (a reply by expectReplies has none, and is not remembered).
      for (const [i, activity] of activities.entries()) await remember(activity, responses?.[i]?.id);
      return responses;
    });
    return true;
  });
}
