// The hub manager's weekly digest figures (a product feature): places used this
// week, pending bookings, unallocated requests, overdue reviews and starts at
// risk of missing 4 weeks. Other features own the tables read here and may
// not exist in a given deployment yet, so each figure is read on its own,
// only when its table is there, and shows "not available" otherwise.
import type { Queryable } from '../../store/db.js';
import type { Logger } from '../../log/logger.js';
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
  placesUsed: number | null;
  cap: number | null;
  pendingBookings: number | null;
  unallocatedRequests: number | null;
  overdueReviews: number | null;
  startsAtRisk: number | null;
}

async function tableExists(q: Queryable, name: string): Promise<boolean> {
  const r = await q.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [name]);
  return r.rows[0]?.ok === true;
}

/** One figure: undefined table → null; a query that fails (schema moved on) → null and a warning, never a lost digest. */
async function figure(q: Queryable, log: Logger, table: string, sql: string, params: unknown[]): Promise<number | null> {
  try {
    if (!(await tableExists(q, table))) return null;
    const r = await q.query<{ n: string | number | null }>(sql, params);
    const n = r.rows[0]?.n;
    return n === null || n === undefined ? null : Number(n);
  } catch (err) {
    log.warn({ err, table }, 'weekly digest figure unavailable');
    return null;
  }
}

/** Read on the pool (autocommit), so one failing figure cannot abort a transaction. */
export async function gatherDigestFigures(q: Queryable, log: Logger, hub: Pick<Hub, 'id' | 'weeklyCap'>, weekId: WeekId, now: Date): Promise<DigestFigures> {
  const today = toIsoDate(localDateOf(now, LONDON_TIME_ZONE));
  const managerKey = recipientKey(hubManagerOf(hub.id));
  const placesUsed = await figure(q, log, 'bookings',
    `SELECT count(*) AS n FROM bookings WHERE hub_id = $1 AND week_id = $2
       AND status IN ('requested', 'accepted', 'time-proposed', 'reassign-requested', 'completed')`, [hub.id, weekId]);
  const weekCap = await figure(q, log, 'hub_weeks',
    'SELECT coalesce(cap_override, default_cap) AS n FROM hub_weeks WHERE hub_id = $1 AND week_id = $2', [hub.id, weekId]);
  const pendingBookings = await figure(q, log, 'bookings',
    `SELECT count(*) AS n FROM bookings WHERE hub_id = $1 AND status IN ('requested', 'time-proposed', 'reassign-requested')`, [hub.id]);
  const unallocatedRequests = await figure(q, log, 'requests',
    `SELECT count(*) AS n FROM requests WHERE hub_id = $1 AND status = 'submitted'`, [hub.id]);
  const overdueReviews = await figure(q, log, 'reminders',
    `SELECT count(DISTINCT cause_id) AS n FROM reminders
      WHERE cause = 'plan-review' AND recipient = $1 AND status IN ('pending', 'snoozed', 'sent')
        AND data->>'reviewDueOn' < $2`, [managerKey, today]);
  const startsAtRisk = await figure(q, log, 'requests',
    `SELECT count(*) AS n FROM requests WHERE hub_id = $1 AND status IN ('submitted', 'allocated')
        AND start_date IS NULL AND submitted_at <= $2::timestamptz - make_interval(days => $3)`,
    [hub.id, now, START_AT_RISK_AFTER_DAYS]);
  return { placesUsed, cap: weekCap ?? hub.weeklyCap, pendingBookings, unallocatedRequests, overdueReviews, startsAtRisk };
}

const shown = (n: number | null): string => (n === null ? 'not available' : String(n));

export function digestCardData(hubName: string, weekId: WeekId, f: DigestFigures): Record<string, unknown> {
  return {
    hubName,
    weekLabel: formatWeekCommencing(weekById(weekId)),
    placesUsed: f.placesUsed === null ? 'not available' : `${f.placesUsed} of ${f.cap ?? '?'}`,
    pendingBookings: shown(f.pendingBookings),
    unallocatedRequests: shown(f.unallocatedRequests),
    overdueReviews: shown(f.overdueReviews),
    startsAtRisk: shown(f.startsAtRisk),
    attention: (f.startsAtRisk ?? 0) > 0 || (f.overdueReviews ?? 0) > 0,
  };
}
