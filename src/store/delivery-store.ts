// Owns the delivery side of the outbox: claiming a recipient's next card,
// recording each send's outcome, per-recipient backoff, and the dead-letter
// list. Each function is one statement, so the flush job can run them on the
// pool without holding a transaction open across an HTTP call.
import type { Queryable } from './db.js';

export interface OutboxRow {
  id: string;
  recipient_kind: 'user' | 'channel';
  recipient_id: string;
  card_template: string;
  card_data: Record<string, unknown>;
  summary: string;
  status: string;
  attempts: number;
  reminder_id: string | null;
  created_at: Date;
  last_error: string | null;
  /** Set when the previous claim never recorded an outcome: a crash mid-send. */
  previously_sending_since: Date | null;
}

export interface Claim {
  /** The claimed card, unless the recipient is blocked or has nothing due. */
  row?: OutboxRow;
  /** The recipient's backoff row, if any; `blocked` when it is still in force (nothing was claimed). */
  backoff?: Backoff & { blocked: boolean };
}

/**
 * In one statement: unless the recipient is blocked (Retry-After, backoff),
 * claim their oldest deliverable card, stamping sending_since and counting
 * the attempt. A row claimed before and never finished (the process died
 * between send and "sent") comes back with previously_sending_since set.
 */
export async function claimNextNotification(q: Queryable, kind: string, recipientId: string, recipientKey: string): Promise<Claim> {
  const r = await q.query<OutboxRow & { claimed: boolean; blocked_until: Date | null; failures: number | null; blocked: boolean | null; wait_ms: number | null }>(
    `WITH b AS (
       SELECT blocked_until, failures, blocked_until > clock_timestamp() AS blocked,
              greatest(0, extract(epoch FROM blocked_until - clock_timestamp()) * 1000)::float8 AS wait_ms
         FROM delivery_backoff WHERE recipient_key = $3),
     head AS (
       SELECT id, sending_since FROM notifications
        WHERE recipient_kind = $1 AND recipient_id = $2 AND status = 'pending'
          AND (not_before IS NULL OR not_before <= clock_timestamp())
          AND NOT EXISTS (SELECT 1 FROM b WHERE b.blocked)
        ORDER BY id LIMIT 1 FOR UPDATE),
     claimed AS (
       UPDATE notifications n SET sending_since = clock_timestamp(), attempts = n.attempts + 1
         FROM head WHERE n.id = head.id
       RETURNING n.id, n.recipient_kind, n.recipient_id, n.card_template, n.card_data, n.summary, n.status, n.attempts,
                 n.reminder_id, n.created_at, n.last_error, head.sending_since AS previously_sending_since)
     SELECT claimed.*, claimed.id IS NOT NULL AS claimed, b.blocked_until, b.failures, b.blocked, b.wait_ms
       FROM (SELECT 1) AS one LEFT JOIN claimed ON true LEFT JOIN b ON true`,
    [kind, recipientId, recipientKey]);
  const x = r.rows[0]!;
  const backoff = x.blocked_until ? { blockedUntil: x.blocked_until, failures: x.failures ?? 0, waitMs: x.wait_ms ?? 0, blocked: x.blocked === true } : undefined;
  if (!x.claimed) return { backoff };
  const { claimed: _c, blocked_until: _bu, failures: _f, blocked: _b, wait_ms: _w, ...row } = x;
  return { row, backoff };
}

/** The earliest not_before still ahead among the recipient's pending cards. */
export async function nextNotBefore(q: Queryable, kind: string, recipientId: string): Promise<Date | undefined> {
  const r = await q.query<{ at: Date | null }>(
    `SELECT min(not_before) AS at FROM notifications
      WHERE recipient_kind = $1 AND recipient_id = $2 AND status = 'pending' AND not_before > clock_timestamp()`,
    [kind, recipientId]);
  return r.rows[0]?.at ?? undefined;
}

/** The one statement run right after a successful send: the duplicate window is the time between the two. */
export async function markNotificationSent(q: Queryable, id: string, activityId: string, conversationId: string): Promise<void> {
  await q.query(
    `WITH sent AS (
       UPDATE notifications SET status = 'sent', sent_at = clock_timestamp(), sending_since = NULL, activity_id = $2, conversation_id = $3, last_error = NULL
        WHERE id = $1 RETURNING reminder_id)
     UPDATE reminders r SET status = 'sent', updated_at = now() FROM sent WHERE r.id = sent.reminder_id AND r.status = 'undeliverable'`,
    [id, activityId, conversationId]);
}

/** Back to pending without a claim, to be tried again after the recipient's backoff. */
export async function releaseNotification(q: Queryable, id: string, error: string): Promise<void> {
  await q.query(`UPDATE notifications SET sending_since = NULL, last_error = $2 WHERE id = $1`, [id, error]);
}

/**
 * Puts back in the queue the cards held for someone who can be reached now.
 * Their first contact and a flush holding one of their cards can overlap so
 * that neither sees the other's change (each is one statement reading from
 * its own start), so the flush asks this after its hold commits, and a
 * first contact wakes a flush that asks it first. Returns how many.
 */
export async function releaseHeldIfReachable(q: Queryable, aadObjectId: string): Promise<number> {
  const r = await q.query(
    `UPDATE notifications SET status = 'pending', last_error = NULL
      WHERE status = 'held' AND recipient_kind = 'user' AND recipient_id = $1
        AND EXISTS (SELECT 1 FROM conversation_refs WHERE aad_object_id = $1)`,
    [aadObjectId]);
  return r.rowCount ?? 0;
}

/**
 * Keeps a card for someone not reachable yet, until their first activity
 * releases it (the turn claim). Only while they still have no conversation
 * reference, checked in the same statement: a card held after a first
 * contact that this statement can see would wait for their next message.
 * (One still running as this runs: releaseHeldIfReachable.) Returns whether
 * it was held.
 */
export async function holdNotification(q: Queryable, id: string, reason: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE notifications n SET status = 'held', sending_since = NULL, last_error = $2
      WHERE n.id = $1
        AND NOT (n.recipient_kind = 'user' AND EXISTS (SELECT 1 FROM conversation_refs c WHERE c.aad_object_id = n.recipient_id))`,
    [id, reason]);
  return r.rowCount === 1;
}

/**
 * Gives up on one card ('undeliverable': the person cannot be reached;
 * 'dead': too many failed attempts). Its reminder, if every card of it has
 * now failed, becomes undeliverable too.
 */
export async function failNotification(q: Queryable, id: string, status: 'undeliverable' | 'dead', error: string): Promise<void> {
  await q.query(
    `WITH failed AS (
       UPDATE notifications SET status = $2, sending_since = NULL, last_error = $3 WHERE id = $1 RETURNING reminder_id)
     UPDATE reminders r SET status = 'undeliverable', updated_at = now()
       FROM failed
      WHERE r.id = failed.reminder_id AND r.status = 'sent'
        AND NOT EXISTS (SELECT 1 FROM notifications o WHERE o.reminder_id = r.id AND o.id <> $1 AND o.status IN ('pending', 'sent'))`,
    [id, status, error]);
}

export interface Backoff { blockedUntil: Date; waitMs: number; failures: number }

/**
 * No send to this recipient before `delayMs` from now (database time, the
 * clock graphile-worker's run_at uses). Never shortens an existing block.
 * `countFailure` false for a 429: throttling is not the message's fault.
 */
export async function blockRecipient(q: Queryable, recipientKey: string, delayMs: number, status: number, countFailure: boolean): Promise<Backoff> {
  const r = await q.query<{ blocked_until: Date; failures: number }>(
    `INSERT INTO delivery_backoff (recipient_key, blocked_until, failures, last_status)
     VALUES ($1, clock_timestamp() + make_interval(secs => $2::float8 / 1000), CASE WHEN $4 THEN 1 ELSE 0 END, $3)
     ON CONFLICT (recipient_key) DO UPDATE SET
       blocked_until = greatest(delivery_backoff.blocked_until, EXCLUDED.blocked_until),
       failures = delivery_backoff.failures + CASE WHEN $4 THEN 1 ELSE 0 END,
       last_status = EXCLUDED.last_status, updated_at = now()
     RETURNING blocked_until, failures`,
    [recipientKey, delayMs, status, countFailure]);
  const row = r.rows[0]!;
  return { blockedUntil: row.blocked_until, waitMs: delayMs, failures: row.failures };
}

export async function clearBackoff(q: Queryable, recipientKey: string): Promise<void> {
  await q.query('DELETE FROM delivery_backoff WHERE recipient_key = $1', [recipientKey]);
}

export async function forgetChannelReference(q: Queryable, hubId: string): Promise<void> {
  await q.query('DELETE FROM channel_refs WHERE hub_id = $1', [hubId]);
}

export interface DeadLetter {
  id: string;
  recipient_kind: string;
  recipient_id: string;
  card_template: string;
  status: 'dead' | 'undeliverable';
  attempts: number;
  last_error: string | null;
  created_at: Date;
  case_ref: string | null;
}

export async function listDeadLetters(q: Queryable, limit = 20): Promise<DeadLetter[]> {
  const r = await q.query<DeadLetter>(
    `SELECT id, recipient_kind, recipient_id, card_template, status, attempts, last_error, created_at, card_data->>'caseRef' AS case_ref
       FROM notifications WHERE status IN ('dead', 'undeliverable') ORDER BY id DESC LIMIT $1`,
    [limit]);
  return r.rows;
}

/** Puts a dead or undeliverable card back in its recipient's queue; undefined when it is not one. */
export async function requeueDeadLetter(q: Queryable, id: string): Promise<{ recipient_kind: 'user' | 'channel'; recipient_id: string; status: string } | undefined> {
  const r = await q.query<{ recipient_kind: 'user' | 'channel'; recipient_id: string; status: string }>(
    `WITH before AS (SELECT id, status FROM notifications WHERE id = $1 AND status IN ('dead', 'undeliverable') FOR UPDATE)
     UPDATE notifications n SET status = 'pending', attempts = 0, sending_since = NULL, last_error = NULL
       FROM before WHERE n.id = before.id
     RETURNING n.recipient_kind, n.recipient_id, before.status`,
    [id]);
  return r.rows[0];
}
