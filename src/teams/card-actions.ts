// Owns how the bot answers in a chat: one living card per task. A card press
// redraws the card that was pressed (Action.Submit: the message is updated in
// place; Action.Execute: the invoke response carries the new card), a typed
// command or a press that begins a new task gets a new message. In a channel
// or group chat a press only replaces the card everyone holds when the handler
// says the answer is that shared card as it now is. Also the one
// path from a use-case error to a card, in plain words (no codes).
import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { AccessDeniedError, UseCaseError } from '../app/errors.js';
import { renderCard } from './cards/render.js';
import { errorWords } from './cards/error-words.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface NoticeAction { title: string; data: object }

/** An Action.Execute press (Teams and the Agents Playground send an `adaptiveCard/action` invoke). */
export function isExecutePress(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';
}

/** An Action.Submit press: a message with the card's data and no text, naming the card it came from. */
export function isSubmitPress(context: TurnContext): boolean {
  const a = context.activity;
  return a.type === 'message' && !!a.replyToId && !!a.value && typeof a.value === 'object' && !a.text?.trim();
}

/**
 * Answers a turn with a card: replaces the pressed card when the turn is a
 * card press, otherwise sends it as a new message. If the pressed message
 * cannot be updated (deleted, or a client that refuses), the card is sent new,
 * so nothing is lost.
 */
export async function showCard(context: TurnContext, card: Attachment): Promise<void> {
  if (context.turnState.get(NEW_TASK) === true && !isExecutePress(context)) {
    await context.sendActivity(MessageFactory.attachment(card));
    return;
  }
  if (isExecutePress(context)) {
    await context.sendActivity({
      type: 'invokeResponse',
      value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card.content } },
    });
    return;
  }
  if (isSubmitPress(context) && mayUpdatePressed(context)) {
    try {
      await context.updateActivity({ ...MessageFactory.attachment(card), id: context.activity.replyToId });
      return;
    } catch {
      // Fall through: a new card is better than no answer.
    }
  }
  await context.sendActivity(MessageFactory.attachment(card));
}

const NEW_TASK = Symbol('answer with a new card');
const REDRAWS_SHARED = Symbol('the answer is the shared record card as it now is');

/** A channel or group chat: everyone there holds the same message. */
export function isSharedConversation(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return !!type && type !== 'personal';
}

/**
 * In a channel or group chat the pressed card is everyone's, so one person's
 * press must not turn it into their refusal, form or help: only an answer the
 * handler has declared to be the shared card as it now is may replace it.
 */
function mayUpdatePressed(context: TurnContext): boolean {
  return !isSharedConversation(context) || context.turnState.get(REDRAWS_SHARED) === true;
}

/**
 * The next card is the record's shared (no-names) card as the record now is,
 * after a change or check by someone allowed to make it: in a channel or
 * group chat it may replace the pressed card for everyone. Nothing else may.
 */
export function redrawsSharedCard(context: TurnContext): void {
  context.turnState.set(REDRAWS_SHARED, true);
}

/**
 * This press begins a new task (a request from a check's result, a booking
 * from a request): every card of this turn is sent as a new message and the
 * pressed card stays as it was.
 */
export function startsNewTask(context: TurnContext): void {
  context.turnState.set(NEW_TASK, true);
}

/**
 * Sends the card as a new message even after a press: the pressed card must
 * stay as it is (a result the user may want to come back to, a channel card
 * others hold) and the press starts something new.
 */
export async function sendCard(context: TurnContext, card: Attachment): Promise<void> {
  if (isExecutePress(context)) return showCard(context, card);
  await context.sendActivity(MessageFactory.attachment(card));
}

/** The notice card: a heading, a sentence, and buttons. */
export function noticeCard(title: string, message: string, color = 'Default', actions: NoticeAction[] = []): Attachment {
  // Teams' Warning colour is yellow, unreadable on a white card: a warning heading is drawn as Attention.
  return renderCard('notice', { title, message, color: color === 'Warning' ? 'Attention' : color, actions });
}

/** The one error-to-card path: the heading and buttons for the code, the use case's sentence, never the code. */
export function errorCard(err: UseCaseError): Attachment {
  const words = errorWords(err.code, err instanceof AccessDeniedError);
  return noticeCard(words.title, err.userMessage, words.color, words.actions);
}

/**
 * Runs a handler; a use-case error becomes a card in plain words (the use
 * case has already audited a refusal). Anything else is a fault for app.error.
 */
export function answeringErrors<A extends unknown[]>(work: (context: TurnContext, ...rest: A) => Promise<unknown>) {
  return async (context: TurnContext, ...rest: A): Promise<void> => {
    try {
      await work(context, ...rest);
    } catch (err) {
      if (!(err instanceof UseCaseError)) throw err;
      await showCard(context, errorCard(err));
    }
  };
}
