// Owns finding who to route an already-open family to: the practitioner a
// request with this case reference is allocated to, if we know one.
import type { Queryable } from '../../store/db.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findHub, findPerson } from '../../domain/directory/lookup.js';

export interface AllocatedContact { name: string; hub?: string }

export async function findAllocatedContact(q: Queryable, directory: Directory, caseRef: string): Promise<AllocatedContact | undefined> {
  const exists = await q.query<{ ok: boolean }>(`SELECT to_regclass('requests') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return undefined;
  // Called inside the check's transaction: a savepoint keeps a failed look-up from aborting it.
  await q.query('SAVEPOINT allocated_contact');
  let row: { allocated_to: string | null; hub_id: string | null } | undefined;
  try {
    const r = await q.query<{ allocated_to: string | null; hub_id: string | null }>(
      `SELECT allocated_to, hub_id FROM requests WHERE case_ref = $1 AND allocated_to IS NOT NULL
         AND status IN ('allocated', 'started', 'in-review') ORDER BY created_at DESC LIMIT 1`, [caseRef]);
    row = r.rows[0];
    await q.query('RELEASE SAVEPOINT allocated_contact');
  } catch {
    await q.query('ROLLBACK TO SAVEPOINT allocated_contact');
  }
  const person = findPerson(directory, row?.allocated_to ?? undefined);
  if (!person) return undefined;
  const hub = row?.hub_id ? findHub(directory, row.hub_id)?.name : undefined;
  return hub ? { name: person.displayName, hub } : { name: person.displayName };
}
