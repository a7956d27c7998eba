// The hub manager's weekly digest figures (a product feature): places used this
// week, pending bookings, unallocated requests, overdue reviews and starts at
// risk of missing 4 weeks. Every table read here is made by a migration, and
// every migration always runs, so every figure is always there.
import type { Queryable } from '../../store/db.js';
import type { Hub } from '../../domain/directory/schema.js';
import { weekById, type WeekId } from '../../domain/time/london-weeks.js';
import { formatWeekCommencing } from '../../domain/time/london-format.js';
import { localDateOf, toIsoDate } from '../../domain/time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { recipientKey, hubManagerOf } from '../../domain/reminders/planned-reminder.js';

export const DIGEST_CARD = 'weekly-digest';
// Home-Start Hertfordshire referral criteria: support starts within four weeks; a request three weeks old
// without a start has a week left, which is when the manager can still act.
export const START_AT_RISK_AFTER_DAYS = 21;

export interface DigestFigures {
  placesUsed: number;
  cap: number;
  pendingBookings: number;
  unallocatedRequests: number;
  overdueReviews: number;
  startsAtRisk: number;
}

async function count(q: Queryable, sql: string, params: unknown[]): Promise<number | undefined> {
  const r = await q.query<{ n: string | number | null }>(sql, params);
  const n = r.rows[0]?.n;
  return n === null || n === undefined ? undefined : Number(n);
}

/** Read through `q`: the firing job's transaction. */
export async function gatherDigestFigures(q: Queryable, hub: Pick<Hub, 'id' | 'weeklyCap'>, weekId: WeekId, now: Date): Promise<DigestFigures> {
  const today = toIsoDate(localDateOf(now, LONDON_TIME_ZONE));
  const managerKey = recipientKey(hubManagerOf(hub.id));
  const placesUsed = await count(q,
    `SELECT count(*) AS n FROM bookings WHERE hub_id = $1 AND week_id = $2
       AND status IN ('requested', 'accepted', 'time-proposed', 'reassign-requested', 'completed')`, [hub.id, weekId]);
  const weekCap = await count(q,
    'SELECT coalesce(cap_override, default_cap) AS n FROM hub_weeks WHERE hub_id = $1 AND week_id = $2', [hub.id, weekId]);
  const pendingBookings = await count(q,
    `SELECT count(*) AS n FROM bookings WHERE hub_id = $1 AND status IN ('requested', 'time-proposed', 'reassign-requested')`, [hub.id]);
  const unallocatedRequests = await count(q,
    `SELECT count(*) AS n FROM requests WHERE hub_id = $1 AND status = 'submitted'`, [hub.id]);
  const overdueReviews = await count(q,
    `SELECT count(DISTINCT cause_id) AS n FROM reminders
      WHERE cause = 'plan-review' AND recipient = $1 AND status IN ('pending', 'snoozed', 'sent')
        AND data->>'reviewDueOn' < $2`, [managerKey, today]);
  const startsAtRisk = await count(q,
    `SELECT count(*) AS n FROM requests WHERE hub_id = $1 AND status IN ('submitted', 'allocated')
        AND start_date IS NULL AND submitted_at <= $2::timestamptz - make_interval(days => $3)`,
    [hub.id, now, START_AT_RISK_AFTER_DAYS]);
  return {
    placesUsed: placesUsed ?? 0, cap: weekCap ?? hub.weeklyCap, pendingBookings: pendingBookings ?? 0,
    unallocatedRequests: unallocatedRequests ?? 0, overdueReviews: overdueReviews ?? 0, startsAtRisk: startsAtRisk ?? 0,
  };
}

export function digestCardData(hubName: string, weekId: WeekId, f: DigestFigures): Record<string, unknown> {
  return {
    hubName,
    weekLabel: formatWeekCommencing(weekById(weekId)),
    placesUsed: `${f.placesUsed} of ${f.cap}`,
    pendingBookings: String(f.pendingBookings),
    unallocatedRequests: String(f.unallocatedRequests),
    overdueReviews: String(f.overdueReviews),
    startsAtRisk: String(f.startsAtRisk),
    attention: f.startsAtRisk > 0 || f.overdueReviews > 0,
  };
}
