// Owns greeting, help and the fallback: every message gets an answer, unknown
// text and unknown buttons get the help card, never silence.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { showCard } from '../card-actions.js';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { escapeCardText, renderCard } from '../cards/render.js';
import { actorOf, type BotDeps } from '../deps.js';
import type { Person, Role } from '../../domain/directory/schema.js';
import { commandsFor } from '../commands.js';

const ROLE_LABELS: Record<Role, string> = {
  'social-worker': 'a social worker',
  'hub-practitioner': 'a hub practitioner',
  'hub-manager': 'a hub team manager',
  'dat-manager': 'a DAT manager',
  admin: 'an administrator',
};

/** Re-exported for the closest-command suggestions: the one registry is src/teams/commands.ts. */
export { COMMANDS } from '../commands.js';

/** Teams design guidance: at most six primary buttons; Help is always the last. */
const MAX_WELCOME_BUTTONS = 5;

function buttonsFor(person: Person | undefined, max: number) {
  return commandsFor(person).flatMap((c) => (c.button ? [c.button] : [])).slice(0, max);
}

export function welcomeCard(deps: BotDeps, context: TurnContext) {
  const actor = actorOf(context, deps.directory);
  // Install events often carry no display name: fall back to the directory's.
  const firstName = (context.activity.from?.name || actor.person?.displayName || '').split(' ')[0] || 'there';
  const roles = actor.person?.roles.map((r) => ROLE_LABELS[r]) ?? [];
  return renderCard('welcome', {
    // A display name is whatever the person (or a forged activity) says it is: text, never markdown.
    firstName: escapeCardText(firstName),
    roleLabel: roles.length > 0 ? roles.join(' and ') : 'a guest (ask your administrator to add you to the directory)',
    buttons: buttonsFor(actor.person, MAX_WELCOME_BUTTONS),
  });
}

/** What this person can type and press (a person not in the directory sees only hello and help). */
export function helpCard(person: Person | undefined, intro = '') {
  return renderCard('help', {
    title: 'What I can do', intro,
    commands: commandsFor(person).map((c) => ({ command: c.command, description: c.description })),
    buttons: buttonsFor(person, 4),
  });
}

/** The help card for whoever sent this turn. */
export function helpCardFor(deps: BotDeps, context: TurnContext, intro = '') {
  return helpCard(actorOf(context, deps.directory).person, intro);
}

export function registerMenuHandlers(app: Application<TurnState>, deps: BotDeps): void {
  app.message(/^\s*(hi|hello|hey|start|menu|home)\s*[.!]?\s*$/i, async (context) => {
    await showCard(context, welcomeCard(deps, context));
  });
  app.message(/^\s*(help|\?)\s*$/i, async (context) => {
    await showCard(context, helpCardFor(deps, context));
  });
  app.adaptiveCards.actionSubmit('help.show', async (context) => {
    await showCard(context, helpCardFor(deps, context));
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
export function registerFallback(app: Application<TurnState>, deps: BotDeps): void {
  app.activity(ActivityTypes.Message, async (context) => {
    const isCardSubmit = !context.activity.text && context.activity.value !== undefined;
    const intro = isCardSubmit
      ? 'That button is no longer recognised (the card may be from an older version). Here is what you can do:'
      : "I didn't recognise that. Here is what you can type:";
    await showCard(context, helpCardFor(deps, context, intro));
  });
}
