// Owns the questions asked of the directory: who is this user, which hub
// covers a postcode, who manages a hub. Pure functions over the loaded data.
import type { Directory, Hub, Person } from './schema.js';

// Every turn asks who its sender is: an index per loaded people list (a
// directory is never changed once loaded) instead of a scan of a council's
// thousands of people. The first entry of a duplicated id wins, as find did.
const peopleIndexes = new WeakMap<readonly Person[], Map<string, Person>>();

export function findPerson(dir: Directory, aadObjectId: string | undefined): Person | undefined {
  if (!aadObjectId) return undefined;
  let index = peopleIndexes.get(dir.people);
  if (!index) {
    index = new Map();
    for (const p of dir.people) if (!index.has(p.aadObjectId)) index.set(p.aadObjectId, p);
    peopleIndexes.set(dir.people, index);
  }
  return index.get(aadObjectId);
}

export function findHub(dir: Directory, hubId: string): Hub | undefined {
  return dir.hubs.find((h) => h.id === hubId);
}

/** UK postcode normalised to "OUTWARD INWARD", or undefined when it is not a postcode. */
export function normalisePostcode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  const m = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(compact);
  return m ? `${m[1]} ${m[2]}` : undefined;
}

/**
 * The hub covering a postcode: the longest configured prefix of its outward
 * code. With a service, only that service's hubs; without, only hubs reached
 * by postcode (not teams a referrer must choose).
 */
export function hubForPostcode(dir: Directory, postcode: string, serviceId?: string): Hub | undefined {
  const normalised = normalisePostcode(postcode);
  if (!normalised) return undefined;
  const outward = normalised.split(' ')[0]!;
  const candidates = serviceId === undefined ? dir.hubs.filter((hub) => !hub.onlyWhenChosen) : dir.hubs.filter((hub) => hub.service === serviceId);
  let best: { hub: Hub; length: number } | undefined;
  for (const hub of candidates) {
    for (const prefix of hub.postcodePrefixes) {
      const matches = outward === prefix || (/^[A-Z]+$/.test(prefix) && outward.startsWith(prefix) && /\d/.test(outward[prefix.length] ?? ''));
      if (matches && (!best || prefix.length > best.length)) best = { hub, length: prefix.length };
    }
  }
  return best?.hub;
}

/** Hubs that deliver a service (policy pack id). */
export function hubsOfService(dir: Directory, serviceId: string): Hub[] {
  return dir.hubs.filter((hub) => hub.service === serviceId);
}

export function hubManagers(dir: Directory, hubId: string): Person[] {
  return dir.people.filter((p) => p.hubId === hubId && p.roles.includes('hub-manager'));
}

export function hubMembers(dir: Directory, hubId: string): Person[] {
  return dir.people.filter((p) => p.hubId === hubId);
}

export function datManagers(dir: Directory, datTeamId: string | undefined): Person[] {
  return dir.people.filter((p) => p.roles.includes('dat-manager') && (!datTeamId || p.datTeamId === datTeamId));
}
