// Owns the record of activities already taken in, so that a Teams resend of
// the same activity (Teams retries after about 15 s) is handled once.
import type { Queryable } from './db.js';

/** Claims an activity key; false when it was claimed before (a resend). */
export async function claimActivity(q: Queryable, activityKey: string): Promise<boolean> {
  const claimed = await q.query('INSERT INTO processed_activities (activity_key) VALUES ($1) ON CONFLICT DO NOTHING', [activityKey]);
  return claimed.rowCount === 1;
}

/** Gives a claim back, so that a resend of a turn that failed is tried again. */
export async function releaseActivity(q: Queryable, activityKey: string): Promise<void> {
  await q.query('DELETE FROM processed_activities WHERE activity_key = $1', [activityKey]);
}
