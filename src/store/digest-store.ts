// Owns the figures of a hub manager's weekly digest, read in one statement
// from the tables of the features they summarise (every migration always runs,
// so every table is there).
import type { Queryable } from './db.js';

export interface DigestFigureRow {
  places_used: number;
  /** The hub-week's cap when the week has been set up (a manager's override, or the default then in force). */
  week_cap: number | null;
  pending_bookings: number;
  unallocated_requests: number;
  overdue_reviews: number;
  starts_at_risk: number;
}

export async function digestFigures(q: Queryable, p: {
  hubId: string; weekId: string; managerKey: string; today: string; now: Date; startAtRiskAfterDays: number;
}): Promise<DigestFigureRow> {
  const r = await q.query<DigestFigureRow>(
    `SELECT
       (SELECT count(*) FROM bookings WHERE hub_id = $1 AND week_id = $2 AND booking_holds_place(status))::int AS places_used,
       (SELECT coalesce(cap_override, default_cap) FROM hub_weeks WHERE hub_id = $1 AND week_id = $2) AS week_cap,
       (SELECT count(*) FROM bookings WHERE hub_id = $1 AND status IN ('requested', 'time-proposed', 'reassign-requested'))::int AS pending_bookings,
       (SELECT count(*) FROM requests WHERE hub_id = $1 AND status = 'submitted')::int AS unallocated_requests,
       (SELECT count(DISTINCT cause_id) FROM reminders
         WHERE cause = 'plan-review' AND recipient = $3 AND status IN ('pending', 'snoozed', 'sent')
           AND data->>'reviewDueOn' < $4)::int AS overdue_reviews,
       (SELECT count(*) FROM requests WHERE hub_id = $1 AND status IN ('submitted', 'allocated')
           AND start_date IS NULL AND submitted_at <= $5::timestamptz - make_interval(days => $6))::int AS starts_at_risk`,
    [p.hubId, p.weekId, p.managerKey, p.today, p.now, p.startAtRiskAfterDays]);
  return r.rows[0]!;
}
