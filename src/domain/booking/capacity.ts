// Owns the arithmetic of a hub's weekly OSR places: the cap that applies to a
// hub-week (the manager's figure for that week, else the hub's configured
// cap, else the protocol's three), places left, and whether a new cap is lower
// than what is already booked. The database enforces the cap itself
// (migration 005); these rules decide what to say and show.
import { OSR_WEEKLY_CAP_DEFAULT } from '../directory/schema.js';

export { OSR_WEEKLY_CAP_DEFAULT };

// Product: generous for a manager's review (Barnet One Service Response protocol, 2.4 "reviewed further"), and the
// same bound as the directory's weeklyCap and the hub_weeks CHECK constraint.
export const OSR_WEEKLY_CAP_MAX = 50;

export function effectiveCap(hubWeeklyCap: number | undefined, capOverride: number | null | undefined): number {
  if (capOverride !== null && capOverride !== undefined) return capOverride;
  return hubWeeklyCap ?? OSR_WEEKLY_CAP_DEFAULT;
}

export function placesLeft(cap: number, taken: number): number {
  return Math.max(0, cap - taken);
}

export interface HeldPlace {
  readonly bookingId: string;
  readonly caseRef: string;
}

export type CapChange =
  | { ok: true }
  | { ok: false; code: 'CAP_INVALID' }
  | { ok: false; code: 'CAP_BELOW_BOOKED'; booked: readonly HeldPlace[] };

/** A cap may not go below the bookings already holding places: they would have to be cancelled first. */
export function checkCapChange(newCap: number, held: readonly HeldPlace[]): CapChange {
  if (!Number.isInteger(newCap) || newCap < 0 || newCap > OSR_WEEKLY_CAP_MAX) return { ok: false, code: 'CAP_INVALID' };
  if (newCap < held.length) return { ok: false, code: 'CAP_BELOW_BOOKED', booked: held };
  return { ok: true };
}
