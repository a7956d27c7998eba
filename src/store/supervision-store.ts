// Owns the staff_supervisions table (migration 011): each supervision a hub
// manager records, with the interval agreed for the next one.
import type { Queryable } from './db.js';

export interface SupervisionRow {
  id: string;
  staff_aad: string;
  hub_id: string;
  held_on: string;
  every_amount: number;
  every_unit: 'days' | 'weeks' | 'months';
  recorded_by: string;
}

const COLUMNS = `id, staff_aad, hub_id, to_char(held_on, 'YYYY-MM-DD') AS held_on, every_amount, every_unit, recorded_by`;

/** Inserts once per idempotency key; `created` is false when that key was already used. */
export async function insertSupervision(q: Queryable, s: { key: string; staffAad: string; hubId: string; heldOn: string; every: { amount: number; unit: string }; by: string; at: Date }): Promise<{ row: SupervisionRow; created: boolean }> {
  const inserted = await q.query<SupervisionRow>(
    `INSERT INTO staff_supervisions (idempotency_key, staff_aad, hub_id, held_on, every_amount, every_unit, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
    [s.key, s.staffAad, s.hubId, s.heldOn, s.every.amount, s.every.unit, s.by, s.at]);
  if (inserted.rows[0]) return { row: inserted.rows[0], created: true };
  const existing = await q.query<SupervisionRow>(`SELECT ${COLUMNS} FROM staff_supervisions WHERE idempotency_key = $1`, [s.key]);
  return { row: existing.rows[0]!, created: false };
}

/** The latest supervision of each of these staff (by date held). */
export async function latestSupervisions(q: Queryable, staffAads: readonly string[]): Promise<Map<string, SupervisionRow>> {
  const r = await q.query<SupervisionRow>(
    `SELECT DISTINCT ON (staff_aad) ${COLUMNS} FROM staff_supervisions WHERE staff_aad = ANY($1) ORDER BY staff_aad, held_on DESC, id DESC`,
    [staffAads]);
  return new Map(r.rows.map((row) => [row.staff_aad, row]));
}

/** Staff who already have an open (pending, snoozed or sent) reminder of this cause. */
export async function staffWithOpenSupervisionReminders(q: Queryable, cause: string, staffAads: readonly string[]): Promise<Set<string>> {
  const r = await q.query<{ cause_id: string }>(
    `SELECT DISTINCT cause_id FROM reminders WHERE cause = $1 AND cause_id = ANY($2) AND status IN ('pending', 'snoozed', 'sent')`,
    [cause, staffAads]);
  return new Set(r.rows.map((row) => row.cause_id));
}
