// Owns greeting, help and the fallback: every message gets an answer, unknown
// text and unknown buttons get the help card, never silence.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { showCard } from '../card-actions.js';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { escapeCardText, renderCard } from '../cards/render.js';
import { actorOf, type BotDeps } from '../deps.js';
import type { Role } from '../../domain/directory/schema.js';

const ROLE_LABELS: Record<Role, string> = {
  'social-worker': 'a social worker',
  'hub-practitioner': 'a hub practitioner',
  'hub-manager': 'a hub team manager',
  'dat-manager': 'a DAT manager',
  admin: 'an administrator',
};

export const COMMANDS = [
  { command: 'check', description: 'Start a threshold and eligibility check' },
  { command: 'my checks', description: 'Your recent checks' },
  { command: 'request', description: 'File a 0–19 Request Form to a hub' },
  { command: 'my requests', description: 'Requests you have filed and their status' },
  { command: 'my cases', description: 'Hub practitioners: requests allocated to you' },
  { command: 'book', description: 'Book an OSR joint visit (in your OSR week)' },
  { command: 'my bookings', description: 'Your OSR joint visits and their status' },
  { command: 'rota', description: 'This and next week\'s OSR rota and places left' },
  { command: 'hub queue', description: 'Hub managers: requests waiting for allocation' },
  { command: 'link channel', description: 'Hub managers, in the hub\'s Teams channel: send new requests and bookings here' },
  { command: 'my reminders', description: 'What is due and overdue for you' },
  { command: 'help', description: 'Show this card' },
];

export function welcomeCard(deps: BotDeps, context: TurnContext) {
  const actor = actorOf(context, deps.directory);
  // Install events often carry no display name: fall back to the directory's.
  const firstName = (context.activity.from?.name || actor.person?.displayName || '').split(' ')[0] || 'there';
  const roles = actor.person?.roles.map((r) => ROLE_LABELS[r]) ?? [];
  return renderCard('welcome', {
    // A display name is whatever the person (or a forged activity) says it is: text, never markdown.
    firstName: escapeCardText(firstName),
    roleLabel: roles.length > 0 ? roles.join(' and ') : 'a guest (ask your administrator to add you to the directory)',
  });
}

export function helpCard(intro = '') {
  return renderCard('help', { title: 'What I can do', intro, commands: COMMANDS });
}

export function registerMenuHandlers(app: Application<TurnState>, deps: BotDeps): void {
  app.message(/^\s*(hi|hello|hey|start|menu|home)\s*[.!]?\s*$/i, async (context) => {
    await showCard(context, welcomeCard(deps, context));
  });
  app.message(/^\s*(help|\?)\s*$/i, async (context) => {
    await showCard(context, helpCard());
  });
  app.adaptiveCards.actionSubmit('help.show', async (context) => {
    await showCard(context, helpCard());
  });
  app.adaptiveCards.actionSubmit('menu.show', async (context) => {
    await showCard(context, welcomeCard(deps, context));
  });
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    if (added.some((m) => m.id !== botId)) {
      await showCard(context, welcomeCard(deps, context));
    }
  });
}

/** Registered last: anything no other route took. */
export function registerFallback(app: Application<TurnState>): void {
  app.activity(ActivityTypes.Message, async (context) => {
    const isCardSubmit = !context.activity.text && context.activity.value !== undefined;
    const intro = isCardSubmit
      ? 'That button is no longer recognised (the card may be from an older version). Here is what you can do:'
      : "I didn't recognise that. Here is what you can type:";
    await showCard(context, helpCard(intro));
  });
}
