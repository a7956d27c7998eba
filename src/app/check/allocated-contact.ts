// Owns finding who to route an already-open family to: the practitioner a
// request with this case reference is allocated to, if we know one.
import type { Queryable } from '../../store/db.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findHub, findPerson } from '../../domain/directory/lookup.js';
import { allocationForCase } from '../../store/request-store.js';

export interface AllocatedContact { name: string; hub?: string }

export async function findAllocatedContact(q: Queryable, directory: Directory, caseRef: string): Promise<AllocatedContact | undefined> {
  const allocation = await allocationForCase(q, caseRef);
  const person = findPerson(directory, allocation?.allocatedTo);
  if (!person) return undefined;
  const hub = allocation?.hubId ? findHub(directory, allocation.hubId)?.name : undefined;
  return hub ? { name: person.displayName, hub } : { name: person.displayName };
}
