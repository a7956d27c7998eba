// Owns the role questions every authorisation decision is built from. Pure:
// decisions use the directory's person and the stored record, never ids or
// roles carried in card data.
import type { Person, Role } from '../directory/schema.js';

export function isRole(person: Person | undefined, role: Role): person is Person {
  return person?.roles.includes(role) ?? false;
}

export function isHubMember(person: Person | undefined, hubId: string): person is Person {
  return !!person && person.hubId === hubId && (person.roles.includes('hub-practitioner') || person.roles.includes('hub-manager'));
}

export function isHubManager(person: Person | undefined, hubId: string): person is Person {
  return !!person && person.hubId === hubId && person.roles.includes('hub-manager');
}

export function isDatManager(person: Person | undefined, datTeamId?: string): person is Person {
  return !!person && person.roles.includes('dat-manager') && (!datTeamId || person.datTeamId === datTeamId);
}

export function isAdmin(person: Person | undefined): person is Person {
  return isRole(person, 'admin');
}

/** Grade H or I: who may be a hub's OSR lead responder (Barnet One Service Response protocol, 4.3). */
export function canLeadRespond(person: Person | undefined): boolean {
  return !!person && person.roles.includes('hub-practitioner') && (person.grade === 'H' || person.grade === 'I');
}
