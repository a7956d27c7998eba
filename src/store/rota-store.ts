// Owns the OSR rota tables: DAT duty weeks and each hub's week (lead
// responder, cover responder, cap). SQL only; every function takes a
// Queryable so use cases run it inside their own transaction.
import type { Queryable } from './db.js';

export interface HubWeekRow {
  hubId: string;
  weekId: string;
  leadAad: string | null;
  coverAad: string | null;
  capOverride: number | null;
  defaultCap: number;
}

interface HubWeekDbRow { hub_id: string; week_id: string; lead_aad: string | null; cover_aad: string | null; cap_override: number | null; default_cap: number }

const hubWeek = (r: HubWeekDbRow): HubWeekRow => ({
  hubId: r.hub_id, weekId: r.week_id, leadAad: r.lead_aad, coverAad: r.cover_aad, capOverride: r.cap_override, defaultCap: r.default_cap,
});

/**
 * Creates the hub-week row if needed and locks it for the rest of the
 * transaction, in one statement: INSERT … ON CONFLICT DO UPDATE takes the row
 * lock whether the row is new or not. Every booking and cap change for the
 * hub-week queues here, so counting after this call is safe.
 */
export async function lockHubWeek(tx: Queryable, hubId: string, weekId: string, defaultCap: number): Promise<HubWeekRow> {
  const r = await tx.query<HubWeekDbRow>(
    `INSERT INTO hub_weeks AS w (hub_id, week_id, default_cap) VALUES ($1, $2, $3)
     ON CONFLICT (hub_id, week_id) DO UPDATE SET default_cap = EXCLUDED.default_cap
     RETURNING w.*`,
    [hubId, weekId, defaultCap]);
  return hubWeek(r.rows[0]!);
}

export async function getHubWeek(q: Queryable, hubId: string, weekId: string): Promise<HubWeekRow | undefined> {
  const r = await q.query<HubWeekDbRow>('SELECT * FROM hub_weeks WHERE hub_id = $1 AND week_id = $2', [hubId, weekId]);
  return r.rows[0] ? hubWeek(r.rows[0]) : undefined;
}

export async function hubWeeksIn(q: Queryable, weekIds: readonly string[]): Promise<HubWeekRow[]> {
  const r = await q.query<HubWeekDbRow>('SELECT * FROM hub_weeks WHERE week_id = ANY($1::text[])', [weekIds]);
  return r.rows.map(hubWeek);
}

/** Places held per hub-week, for the rota and the hub choice list. */
export async function placesTakenIn(q: Queryable, weekIds: readonly string[]): Promise<Map<string, number>> {
  const r = await q.query<{ hub_id: string; week_id: string; taken: string }>(
    `SELECT hub_id, week_id, count(*) AS taken FROM bookings
     WHERE week_id = ANY($1::text[]) AND booking_holds_place(status) GROUP BY hub_id, week_id`,
    [weekIds]);
  return new Map(r.rows.map((row) => [hubWeekKey(row.hub_id, row.week_id), Number(row.taken)]));
}

export function hubWeekKey(hubId: string, weekId: string): string {
  return `${hubId}|${weekId}`;
}

export async function setHubWeekRota(
  tx: Queryable, hubId: string, weekId: string,
  v: { leadAad: string; coverAad: string | null; capOverride: number | null; by: string; at: Date },
): Promise<HubWeekRow> {
  const r = await tx.query<HubWeekDbRow>(
    `UPDATE hub_weeks SET lead_aad = $3, cover_aad = $4, cap_override = $5, updated_by = $6, updated_at = $7
     WHERE hub_id = $1 AND week_id = $2 RETURNING *`,
    [hubId, weekId, v.leadAad, v.coverAad, v.capOverride, v.by, v.at]);
  return hubWeek(r.rows[0]!);
}

export interface DutyWeekRow { datTeamId: string; dutyWeek: string; osrWeek: string }

/** Returns true when the duty week was new for the team. */
export async function addDutyWeek(tx: Queryable, datTeamId: string, dutyWeek: string, osrWeek: string, by: string, at: Date): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO dat_duty_weeks (dat_team_id, duty_week, osr_week, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dat_team_id, duty_week) DO NOTHING`,
    [datTeamId, dutyWeek, osrWeek, by, at]);
  return (r.rowCount ?? 0) > 0;
}

export async function osrWeeksOfTeam(q: Queryable, datTeamId: string): Promise<string[]> {
  const r = await q.query<{ osr_week: string }>('SELECT osr_week FROM dat_duty_weeks WHERE dat_team_id = $1 ORDER BY osr_week', [datTeamId]);
  return r.rows.map((row) => row.osr_week);
}

export async function teamsOnOsr(q: Queryable, weekIds: readonly string[]): Promise<DutyWeekRow[]> {
  const r = await q.query<{ dat_team_id: string; duty_week: string; osr_week: string }>(
    'SELECT dat_team_id, duty_week, osr_week FROM dat_duty_weeks WHERE osr_week = ANY($1::text[]) OR duty_week = ANY($1::text[]) ORDER BY duty_week, dat_team_id',
    [weekIds]);
  return r.rows.map((row) => ({ datTeamId: row.dat_team_id, dutyWeek: row.duty_week, osrWeek: row.osr_week }));
}
