// Owns the missing_episodes table (migration 010): episodes recorded on a
// request, and the return home interview that resolves each.
import type { Queryable } from './db.js';

export interface MissingEpisodeRow {
  id: string;
  request_id: string;
  found_at: Date;
  recorded_by: string;
  recorded_at: Date;
  interview_held_on: string | null;
  interview_recorded_by: string | null;
}

const COLUMNS = `id, request_id, found_at, recorded_by, recorded_at, to_char(interview_held_on, 'YYYY-MM-DD') AS interview_held_on, interview_recorded_by`;

/** Inserts once per idempotency key; returns the episode that key names either way, and whether this call made it. */
export async function insertMissingEpisode(q: Queryable, e: { id: string; key: string; requestId: string; foundAt: Date; by: string; at: Date }): Promise<{ episode: MissingEpisodeRow; created: boolean }> {
  const inserted = await q.query<MissingEpisodeRow>(
    `INSERT INTO missing_episodes (id, idempotency_key, request_id, found_at, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
    [e.id, e.key, e.requestId, e.foundAt, e.by, e.at]);
  if (inserted.rows[0]) return { episode: inserted.rows[0], created: true };
  const existing = await q.query<MissingEpisodeRow>(`SELECT ${COLUMNS} FROM missing_episodes WHERE idempotency_key = $1`, [e.key]);
  return { episode: existing.rows[0]!, created: false };
}

export async function missingEpisode(q: Queryable, id: string, forUpdate = false): Promise<MissingEpisodeRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await q.query<MissingEpisodeRow>(`SELECT ${COLUMNS} FROM missing_episodes WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return r.rows[0];
}

export async function episodesOfRequest(q: Queryable, requestId: string): Promise<MissingEpisodeRow[]> {
  const r = await q.query<MissingEpisodeRow>(`SELECT ${COLUMNS} FROM missing_episodes WHERE request_id = $1 ORDER BY found_at, id`, [requestId]);
  return r.rows;
}

export async function recordInterview(q: Queryable, id: string, heldOn: string, by: string, at: Date): Promise<MissingEpisodeRow> {
  const r = await q.query<MissingEpisodeRow>(
    `UPDATE missing_episodes SET interview_held_on = $2, interview_recorded_by = $3, interview_recorded_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, heldOn, by, at]);
  return r.rows[0]!;
}
