// When a card cannot reach someone (app removed, user left, no chat and no
// hub channel to start one from), their manager is told so nothing is
// silently missed: the hub manager for hub staff, the DAT manager for social
// workers. A failed alert is never itself alerted: no loop when the manager is
// unreachable too.
import type { Queryable } from '../../store/db.js';
import type { Directory, Person } from '../../domain/directory/schema.js';
import { findPerson, hubManagers, datManagers } from '../../domain/directory/lookup.js';
import { enqueueNotification } from '../../store/outbox.js';
import { writeAudit } from '../../store/audit-store.js';

export const DELIVERY_FAILED_TEMPLATE = 'delivery-failed';

export interface FailedCard {
  id: string;
  recipient_kind: 'user' | 'channel';
  recipient_id: string;
  card_template: string;
  card_data: Record<string, unknown>;
}

/** The managers to tell when `person` cannot be reached; never the person themselves. */
export function managersOf(directory: Directory, person: Person | undefined): Person[] {
  if (!person) return [];
  const managers: Person[] = [];
  if (person.hubId && !person.roles.includes('hub-manager')) managers.push(...hubManagers(directory, person.hubId));
  if (person.roles.includes('social-worker') && person.datTeamId) managers.push(...datManagers(directory, person.datTeamId));
  const unique = new Map(managers.filter((m) => m.aadObjectId !== person.aadObjectId).map((m) => [m.aadObjectId, m]));
  return [...unique.values()];
}

/**
 * Enqueues one "could not reach" card per manager per unreachable person per
 * London day (dedupe key), however many cards failed that day. Returns how
 * many managers were told.
 */
export async function tellManagersOfUndeliverable(
  q: Queryable, directory: Directory, card: FailedCard, reason: string, today: string,
): Promise<number> {
  if (card.card_template === DELIVERY_FAILED_TEMPLATE) return 0;
  const hubChannel = card.recipient_kind === 'channel';
  const person = hubChannel ? undefined : findPerson(directory, card.recipient_id);
  const managers = hubChannel
    ? hubManagers(directory, card.recipient_id)
    : managersOf(directory, person);
  const who = hubChannel ? `the ${directory.hubs.find((h) => h.id === card.recipient_id)?.name ?? card.recipient_id} channel` : person?.displayName ?? 'a colleague not in the directory';
  const held = reason === 'held';
  const what = `${kindOfCard(card.card_template)}: ${typeof card.card_data.title === 'string' ? card.card_data.title : 'a notification'}`;
  let told = 0;
  for (const manager of managers) {
    const id = await enqueueNotification(q, {
      to: { kind: 'user', aadObjectId: manager.aadObjectId },
      template: DELIVERY_FAILED_TEMPLATE,
      data: {
        heading: held ? `Waiting for ${who} to open Right Response` : 'A message could not be delivered',
        intro: held ? `${who} has not opened Right Response in Teams yet. What is below reaches them as soon as they do.` : `We could not reach ${who}: ${reasonText(reason)}.`,
        who,
        reason: reasonText(reason),
        caseRef: typeof card.card_data.caseRef === 'string' ? card.card_data.caseRef : '',
        what,
      },
      summary: held ? 'A message is waiting for a colleague' : 'A message could not be delivered',
      dedupeKey: `undeliverable:${card.recipient_kind}:${card.recipient_id}:${today}:${manager.aadObjectId}`,
    });
    if (id) told += 1;
  }
  await writeAudit(q, {
    actor: 'system', action: 'notification.undeliverable', recordType: 'notification', recordId: card.id,
    caseRef: typeof card.card_data.caseRef === 'string' ? card.card_data.caseRef : null,
    detail: { reason, managersTold: told, recipientKind: card.recipient_kind },
  });
  return told;
}

/** What kind of thing did not arrive, in words: a request, a booking, a reminder. */
export function kindOfCard(template: string): string {
  if (template.startsWith('request')) return 'A 0–19 request';
  if (template.startsWith('booking')) return 'A joint-visit booking';
  if (template === 'reminder' || template === 'weekly-digest') return 'A reminder';
  return 'A message';
}

/** Why a card did not arrive, in words (the stored reason is a code). */
export function reasonText(reason: string): string {
  switch (reason) {
    case 'held':
      return 'they have not opened Right Response in Teams yet: it reaches them as soon as they do';
    case 'no-reference':
      return 'they have not opened Right Response in Teams yet, and there is no hub channel to reach them through';
    case 'ConversationNotFound':
      return 'their chat with Right Response no longer exists (they may have left or removed the app)';
    case 'ConversationBlockedByUser':
      return 'they have blocked Right Response';
    case 'BotDisabledByAdmin':
      return 'Right Response is disabled for them by a Teams administrator';
    default:
      return 'Teams refused the message (the app may have been removed)';
  }
}
