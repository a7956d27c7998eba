// Owns writing notifications to the outbox and waking the delivery job, both
// inside the caller's transaction: a change and the message about it commit
// together or not at all.
import type { Queryable } from './db.js';
import { addJob } from './job-queue.js';
import { currentCorrelationId } from '../log/request-context.js';

export type Recipient = { kind: 'user'; aadObjectId: string } | { kind: 'channel'; hubId: string };

export interface OutgoingNotification {
  to: Recipient;
  /** Card template name in cards/. */
  template: string;
  /** Card data. Channel cards and summaries carry case references, never names, dates of birth, addresses or free text. */
  data: Record<string, unknown>;
  /** The one-line preview Teams shows in the activity feed; never family data. */
  summary: string;
  /** Same key, one notification ever (e.g. a reminder occurrence). */
  dedupeKey?: string;
  /** Deliver no earlier than this. */
  notBefore?: Date;
  /** The reminder this card is about (reminders table), so Done and "my reminders" can find it. */
  reminderId?: string;
}

export const FLUSH_TASK = 'flush-notifications';

export function recipientKey(to: Recipient): string {
  return to.kind === 'user' ? `user:${to.aadObjectId}` : `channel:${to.hubId}`;
}

/** Returns the notification id, or undefined when the dedupe key was already used. */
export async function enqueueNotification(q: Queryable, n: OutgoingNotification): Promise<string | undefined> {
  const recipientId = n.to.kind === 'user' ? n.to.aadObjectId : n.to.hubId;
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO notifications (recipient_kind, recipient_id, card_template, card_data, summary, dedupe_key, not_before, reminder_id, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [n.to.kind, recipientId, n.template, JSON.stringify(n.data), n.summary, n.dedupeKey ?? null, n.notBefore ?? null, n.reminderId ?? null, currentCorrelationId() ?? null]);
  const id = inserted.rows[0]?.id;
  if (id === undefined) return undefined;
  await wakeDelivery(q, recipientKey(n.to), n.notBefore);
  return id;
}

/**
 * One flush job per recipient, serialised by a graphile-worker queue named
 * after the recipient, so each person's messages go out in order. A wake
 * never pushes an already planned flush later (a card for tomorrow must not
 * hold back one due now): the job runs at the earlier of the two times.
 * Flushes go before other due jobs (priority -1): when thousands of
 * reminders fall due together, each card leaves as soon as it is written
 * instead of waiting for every reminder to be written first (bench/fanout.ts).
 */
export async function wakeDelivery(q: Queryable, key: string, runAt?: Date): Promise<void> {
  await addJob(q, { task: FLUSH_TASK, payload: { recipient: key }, queueName: `notify:${key}`, maxAttempts: 25, jobKey: `flush:${key}`, runAt, neverLater: true, priority: -1 });
}
