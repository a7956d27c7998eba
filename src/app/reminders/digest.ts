// The hub manager's weekly digest figures (a product feature): places used this
// week, pending bookings, unallocated requests, overdue reviews and starts at
// risk of missing 4 weeks, and the card data that shows them.
import type { Queryable } from '../../store/db.js';
import { digestFigures } from '../../store/digest-store.js';
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

export async function gatherDigestFigures(q: Queryable, hub: Pick<Hub, 'id' | 'weeklyCap'>, weekId: WeekId, now: Date): Promise<DigestFigures> {
  const f = await digestFigures(q, {
    hubId: hub.id, weekId, managerKey: recipientKey(hubManagerOf(hub.id)),
    today: toIsoDate(localDateOf(now, LONDON_TIME_ZONE)), now, startAtRiskAfterDays: START_AT_RISK_AFTER_DAYS,
  });
  return {
    placesUsed: f.places_used,
    // A week nobody has set up yet has the hub's configured cap.
    cap: f.week_cap ?? hub.weeklyCap,
    pendingBookings: f.pending_bookings,
    unallocatedRequests: f.unallocated_requests,
    overdueReviews: f.overdue_reviews,
    startsAtRisk: f.starts_at_risk,
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
