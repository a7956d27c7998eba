// Owns the one list of what a person can type to the bot: each command, what
// it does, who may use it and where. The welcome card's buttons, the help
// card, the closest-command suggestions and the Teams manifest's command lists
// (scripts/lib/manifest.ts, checked by test/manifest) all come from here, so a
// person is only offered what they can do.
import type { Person, Role } from '../domain/directory/schema.js';

export type CommandScope = 'personal' | 'team' | 'groupChat';

export interface BotCommand {
  command: string;
  description: string;
  /** Who may use it: anyone (even someone not yet in the directory), or people with one of these roles. */
  who: 'anyone' | readonly Role[];
  /**
   * Where the manifest's command lists offer it (Teams shows at most 12 per
   * scope, and the same list to everyone): the everyday commands. Others are
   * offered by the help card to the people who may use them.
   */
  scopes: readonly CommandScope[];
  /** A welcome-card button for it, for the commands most people start from. */
  button?: { title: string; data: { verb: string } };
}

const STAFF: readonly Role[] = ['social-worker', 'hub-practitioner', 'hub-manager', 'dat-manager', 'admin'];
const HUB: readonly Role[] = ['hub-practitioner', 'hub-manager'];

export const COMMANDS: readonly BotCommand[] = [
  { command: 'hi', description: 'Start here: the welcome card with what you can do', who: 'anyone', scopes: ['personal'] },
  { command: 'check', description: 'Start a threshold and eligibility check', who: STAFF, scopes: ['personal'], button: { title: 'Threshold check', data: { verb: 'check.start' } } },
  { command: 'my checks', description: 'Your recent checks', who: STAFF, scopes: ['personal'] },
  { command: 'request', description: 'File a 0–19 Request Form to a hub', who: STAFF, scopes: ['personal'], button: { title: '0–19 request', data: { verb: 'request.start' } } },
  { command: 'my requests', description: 'Requests you have filed and their status', who: STAFF, scopes: ['personal'] },
  { command: 'my cases', description: 'Requests allocated to you', who: HUB, scopes: ['personal'] },
  { command: 'book', description: 'Book an OSR joint visit (in your OSR week)', who: ['social-worker'], scopes: ['personal'], button: { title: 'Book OSR joint visit', data: { verb: 'booking.start' } } },
  { command: 'my bookings', description: 'Your OSR joint visits and their status', who: ['social-worker', 'hub-practitioner', 'hub-manager'], scopes: ['personal'] },
  { command: 'rota', description: 'This and next week\'s OSR rota and places left', who: STAFF, scopes: ['personal', 'team', 'groupChat'], button: { title: 'Rota', data: { verb: 'booking.rota' } } },
  { command: 'hub queue', description: 'Requests waiting for allocation in your hub', who: ['hub-manager'], scopes: ['personal'], button: { title: 'Hub queue', data: { verb: 'request.queue' } } },
  { command: 'supervision', description: 'Your practitioners\' supervisions: who is due', who: ['hub-manager'], scopes: [] },
  { command: 'link channel', description: 'In the hub\'s Teams channel: send new requests and bookings here', who: ['hub-manager'], scopes: ['team'] },
  { command: 'my reminders', description: 'What is due and overdue for you', who: STAFF, scopes: ['personal'], button: { title: 'My reminders', data: { verb: 'reminders.list' } } },
  { command: 'dead letters', description: 'Notifications that could not be delivered, to retry', who: ['admin'], scopes: [], button: { title: 'Dead letters', data: { verb: 'deadletters.list' } } },
  { command: 'report', description: 'How the work is going: charts and figures for your hub, team or council, with a CSV', who: ['hub-manager', 'dat-manager', 'admin'], scopes: [], button: { title: 'Report', data: { verb: 'report.show' } } },
  { command: 'case', description: 'Followed by a case reference: the family\'s checks, requests, visits and what is due, on one card', who: STAFF, scopes: [] },
  { command: 'hub channels', description: 'Which hubs\' Teams channels are linked, so new requests and bookings reach them', who: ['admin'], scopes: [] },
  { command: 'export case', description: 'Followed by a case reference: what is held about a family, to export', who: ['admin'], scopes: [] },
  { command: 'erase case', description: 'Followed by a case reference: erase what is held about a family', who: ['admin'], scopes: [] },
  { command: 'help', description: 'What you can do here', who: 'anyone', scopes: ['personal', 'team', 'groupChat'] },
];

export function mayUse(person: Person | undefined, c: BotCommand): boolean {
  return c.who === 'anyone' || (!!person && person.roles.some((r) => (c.who as readonly Role[]).includes(r)));
}

/** The commands this person may use, in the registry's order. */
export function commandsFor(person: Person | undefined): BotCommand[] {
  return COMMANDS.filter((c) => mayUse(person, c));
}

/** The manifest's command lists, one per scope, from the registry (Teams has no per-role lists: everyone's commands are listed). */
export function manifestCommandLists(): { scopes: CommandScope[]; commands: { title: string; description: string }[] }[] {
  return (['personal', 'team', 'groupChat'] as const).map((scope) => ({
    scopes: [scope],
    commands: COMMANDS.filter((c) => c.scopes.includes(scope)).map((c) => ({ title: c.command, description: c.description })),
  }));
}
