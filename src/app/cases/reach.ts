// Owns telling the person who acted who was actually reached (issue 12):
// "Demo Lead Practitioner has been told"; "Demo Hub Manager will see it when
// they open Right Response" for someone with no chat with the bot and no
// linked hub channel to start one from (their card is held: migration 042).
import { reachablePeople } from '../../store/case-store.js';
import { getBooking } from '../../store/booking-store.js';
import { channelReference } from '../../store/conversation-refs.js';
import { findPerson, hubManagers } from '../../domain/directory/lookup.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Queryable } from '../../store/db.js';

/** Who a joint visit is with now (read before a reassignment, to name who was told). */
export async function visitPractitioner(db: Queryable, bookingId: string): Promise<string | undefined> {
  return (await getBooking(db, bookingId))?.assigneeAad;
}

const and = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`);

/** One or two sentences naming who has been told and who will see it later; '' when nobody was to be told. */
export async function toldWords(deps: { db: Queryable; directory: Directory }, aads: readonly (string | null | undefined)[], told = 'been told'): Promise<string> {
  const people = [...new Set(aads.filter((a): a is string => !!a))].map((aad) => ({ aad, person: findPerson(deps.directory, aad) }));
  if (people.length === 0) return '';
  const reachable = await reachablePeople(deps.db, people.map((p) => ({ aad: p.aad, hubId: p.person?.hubId })));
  const name = (p: (typeof people)[number]) => p.person?.displayName ?? 'a colleague no longer in the directory';
  const reached = people.filter((p) => reachable.has(p.aad)).map(name);
  const waiting = people.filter((p) => !reachable.has(p.aad)).map(name);
  return [
    reached.length > 0 ? `${and(reached)} ${reached.length === 1 ? 'has' : 'have'} ${told}.` : '',
    waiting.length > 0 ? `${and(waiting)} will see it when ${waiting.length === 1 ? 'they open' : 'they each open'} Right Response.` : '',
  ].filter(Boolean).join(' ');
}

/**
 * Who at the hub a new request reached: its channel when one is linked;
 * otherwise its managers personally (each named, reached now or when they
 * first open Right Response), as src/app/request/notify.ts postToHub sends it.
 */
export async function hubToldWords(deps: { db: Queryable; directory: Directory }, hubId: string): Promise<string> {
  if (await channelReference(deps.db, hubId)) return "The hub's channel has been told (case reference only, no names).";
  const managers = hubManagers(deps.directory, hubId).map((m) => m.aadObjectId);
  if (managers.length === 0) return 'The hub has no channel linked and no manager in the directory, so nobody there has been told yet. Ask your administrator.';
  return toldWords(deps, managers);
}
