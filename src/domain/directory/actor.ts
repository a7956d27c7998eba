// Owns who is acting: the person's Entra (AAD) object id from the activity,
// and their directory entry if they have one. Every use case authorises from
// this, never from card data. Pure.
import { findPerson } from './lookup.js';
import type { Directory, Person } from './schema.js';

export interface Actor {
  aadObjectId: string;
  person: Person | undefined;
}

export function actorFor(directory: Directory, aadObjectId: string): Actor {
  return { aadObjectId, person: findPerson(directory, aadObjectId) };
}
