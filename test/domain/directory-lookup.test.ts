// findPerson runs on every turn and is indexed per loaded directory: it must
// answer exactly as a scan of the people list would (first entry of an id
// wins, unknown or missing ids find nobody), per directory, never mixing two.
import { describe, expect, it } from 'vitest';
import { findPerson } from '../../src/domain/directory/lookup.js';
import type { Directory, Person } from '../../src/domain/directory/schema.js';

const person = (aadObjectId: string, displayName: string) => ({ aadObjectId, displayName, roles: ['social-worker'] }) as unknown as Person;
const directory = (people: Person[]) => ({ hubs: [], people }) as unknown as Directory;

describe('findPerson', () => {
  it('finds by AAD object id, the first entry winning, and nobody for an unknown or missing id', () => {
    const dir = directory([person('a', 'Ann First'), person('b', 'Ben'), person('a', 'Ann Second')]);
    expect(findPerson(dir, 'a')?.displayName).toBe('Ann First');
    expect(findPerson(dir, 'b')?.displayName).toBe('Ben');
    expect(findPerson(dir, 'c')).toBeUndefined();
    expect(findPerson(dir, undefined)).toBeUndefined();
    expect(findPerson(dir, '')).toBeUndefined();
  });

  it('answers each directory from its own people', () => {
    const one = directory([person('a', 'Ann in one')]);
    const two = directory([person('a', 'Ann in two'), person('z', 'Zoe')]);
    expect(findPerson(one, 'a')?.displayName).toBe('Ann in one');
    expect(findPerson(two, 'a')?.displayName).toBe('Ann in two');
    expect(findPerson(one, 'z')).toBeUndefined();
  });
});
