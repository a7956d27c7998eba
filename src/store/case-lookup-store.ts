// Owns finding the requests and bookings that carry a case reference, however
// it was typed ("LCS-204518", "lcs 204518"): letters and digits compared only.
import type { Queryable } from './db.js';

export function caseRefKey(caseRef: string): string {
  return caseRef.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export async function requestIdsForCase(q: Queryable, caseRef: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT id FROM requests WHERE regexp_replace(upper(coalesce(case_ref, '')), '[^A-Z0-9]', '', 'g') = $1 ORDER BY updated_at DESC LIMIT 20`, [caseRefKey(caseRef)]);
  return r.rows.map((row) => row.id);
}

export async function bookingIdsForCase(q: Queryable, caseRef: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT id FROM bookings WHERE regexp_replace(upper(case_ref), '[^A-Z0-9]', '', 'g') = $1 ORDER BY visit_at DESC LIMIT 20`, [caseRefKey(caseRef)]);
  return r.rows.map((row) => row.id);
}
