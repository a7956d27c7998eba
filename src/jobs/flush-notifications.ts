// The `flush-notifications` task: delivers one recipient's pending cards in
// id order through the ProactiveSender. Graphile's per-recipient queue means
// one flush per recipient runs at a time across every app instance.
//
// Exactly-once is not on offer from the Bot Connector (a POST is not
// idempotent), so this is at-least-once with the duplicate window kept to one
// statement: claim (stamp sending_since) → send → mark sent (one UPDATE on
// the pool, no transaction to commit). A process killed between the send and
// that UPDATE leaves the row claimed; the next flush re-sends it and logs it
// as an "uncertain" resend. Duplicates are therefore bounded by the number of
// sends in flight at the moment of the crash (at most one per worker).
import type { Task } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import type { SendOutcome } from '../app/proactive.js';
import type { Recipient } from '../store/outbox.js';
import { wakeDelivery } from '../store/outbox.js';
import { forgetUserReference } from '../store/conversation-refs.js';
import {
  claimNextNotification, markNotificationSent, releaseNotification, failNotification, holdNotification, releaseHeldIfReachable, blockRecipient, clearBackoff, nextNotBefore, forgetChannelReference, type OutboxRow,
} from '../store/delivery-store.js';
import { withTransaction } from '../store/db.js';
import { rememberRecordCard } from '../store/record-card-store.js';
import { recordOnCard, recordShownBy } from '../app/record-cards/record-cards.js';
import { DEFAULT_DELIVERY_POLICY, throttleDelayMs, transientDelayMs, type DeliveryPolicy } from './delivery-policy.js';
import { tellManagersOfUndeliverable } from '../app/reminders/undeliverable.js';
import { localDateOf, toIsoDate } from '../domain/time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../domain/time/london-weeks.js';

export type FlushResult = { sent: number; stoppedBy: 'empty' | 'throttled' | 'backoff' | 'batch' | 'later' };

export function parseRecipientKey(key: string): Recipient {
  const [kind, ...rest] = key.split(':');
  const id = rest.join(':');
  if (kind === 'user' && id) return { kind: 'user', aadObjectId: id };
  if (kind === 'channel' && id) return { kind: 'channel', hubId: id };
  throw new Error(`Not a recipient key: ${key}`);
}

export function flushNotificationsTask(deps: JobDeps): Task {
  return async (payload) => {
    const key = (payload as { recipient?: unknown } | null)?.recipient;
    if (typeof key !== 'string') throw new Error('flush-notifications needs { recipient: "user:<id>" | "channel:<hub>" }');
    const result = await flushRecipient(deps, key);
    if (result.sent > 0) deps.log.info({ delivered: result.sent, stoppedBy: result.stoppedBy }, 'cards delivered');
  };
}

export async function flushRecipient(deps: JobDeps, key: string): Promise<FlushResult> {
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...deps.deliveryPolicy };
  const random = deps.random ?? Math.random;
  const to = parseRecipientKey(key);
  const recipientId = to.kind === 'user' ? to.aadObjectId : to.hubId;
  const log = deps.log.child({ recipientKind: to.kind });
  let sent = 0;
  let heldOne = false;
  // Their first contact may have come as an earlier flush was holding a card: too late for each to see the other.
  if (to.kind === 'user') {
    const released = await releaseHeldIfReachable(deps.db, to.aadObjectId);
    if (released > 0) log.info({ released }, 'held cards released: the person can be reached now');
  }

  while (sent < policy.batchSize) {
    // Never before the recipient's Retry-After or backoff, whoever woke us.
    const { row, backoff } = await claimNextNotification(deps.db, to.kind, recipientId, key);
    if (backoff?.blocked) {
      await wakeDelivery(deps.db, key, new Date(backoff.blockedUntil.getTime() + Math.round(random() * policy.retryAfterJitterMs)));
      return { sent, stoppedBy: 'backoff' };
    }
    if (!row) {
      const later = await nextNotBefore(deps.db, to.kind, recipientId);
      if (later) await wakeDelivery(deps.db, key, later);
      return { sent, stoppedBy: later ? 'later' : 'empty' };
    }
    if (row.previously_sending_since) {
      log.warn({ notificationId: row.id, claimedAt: row.previously_sending_since }, 'resending a card whose earlier send has no recorded outcome (crash mid-send?)');
    }

    let card: Record<string, unknown>;
    try {
      card = renderFor(deps, row);
    } catch (err) {
      log.error({ err, notificationId: row.id, template: row.card_template }, 'card could not be rendered; dead-lettered');
      await failNotification(deps.db, row.id, 'dead', `render: ${(err as Error).message}`.slice(0, 500));
      continue;
    }

    // Once a card is held, the later ones are held behind it unsent: were they sent (the person having just
    // become reachable), they would arrive before it.
    const outcome: SendOutcome = heldOne ? { ok: false, kind: 'no-reference' } : await deps.sender.send(to, card, row.summary);
    if (outcome.ok) {
      await markNotificationSent(deps.db, row.id, outcome.activityId, outcome.conversationId);
      // A record's card: remember the message, so a change to the record redraws it (issue 13).
      const shown = recordShownBy(row.card_template, row.card_data);
      if (shown && outcome.activityId) await rememberRecordCard(deps.db, { ...shown, template: row.card_template, to, conversationId: outcome.conversationId, activityId: outcome.activityId, drawnState: recordOnCard(card)?.drawnState });
      if (backoff) await clearBackoff(deps.db, key);
      sent += 1;
      continue;
    }

    switch (outcome.kind) {
      case 'throttled': {
        if (row.attempts >= policy.maxThrottledAttempts) {
          await failNotification(deps.db, row.id, 'dead', `throttled ${row.attempts} times`);
          log.warn({ notificationId: row.id }, 'card dead-lettered after repeated throttling');
        } else {
          await releaseNotification(deps.db, row.id, `429 retry after ${outcome.retryAfterMs} ms`);
        }
        const block = await blockRecipient(deps.db, key, throttleDelayMs(outcome.retryAfterMs, policy, random), 429, false);
        await wakeDelivery(deps.db, key, new Date(block.blockedUntil.getTime() + Math.round(random() * policy.retryAfterJitterMs)));
        log.info({ notificationId: row.id, retryAfterMs: outcome.retryAfterMs }, 'throttled by Teams; recipient paused');
        return { sent, stoppedBy: 'throttled' };
      }
      case 'transient': {
        const failures = (backoff?.failures ?? 0) + 1;
        if (failures >= policy.maxTransientFailures) {
          await failNotification(deps.db, row.id, 'dead', `HTTP ${outcome.status} after ${failures} tries`);
          await clearBackoff(deps.db, key);
          log.warn({ notificationId: row.id, status: outcome.status }, 'card dead-lettered after repeated failures');
          continue;
        }
        await releaseNotification(deps.db, row.id, `HTTP ${outcome.status}`);
        const block = await blockRecipient(deps.db, key, transientDelayMs(failures, policy, random), outcome.status, true);
        await wakeDelivery(deps.db, key, block.blockedUntil);
        log.info({ notificationId: row.id, status: outcome.status, failures }, 'transient send failure; will retry with backoff');
        return { sent, stoppedBy: 'throttled' };
      }
      case 'undeliverable':
      case 'no-reference': {
        // Someone who has not opened Right Response yet: hold it for their first visit (issue 12).
        // A hub channel that is not linked cannot be waited for.
        if (outcome.kind === 'no-reference' && to.kind === 'user') {
          if (await hold(deps, row)) {
            // A first contact that committed while the hold was being written could not see it, nor
            // the hold its reference: now that the hold is committed, look again.
            if ((await releaseHeldIfReachable(deps.db, to.aadObjectId)) === 0) {
              log.info({ notificationId: row.id }, 'card held until the person first opens Right Response');
              heldOne = true;
              continue;
            }
            log.info({ notificationId: row.id }, 'held card released at once: the person opened Right Response as it was held');
          } else {
            await releaseNotification(deps.db, row.id, 'reference arrived');
          }
          // They opened Right Response since the send looked: the card is pending and goes out, first in their queue, on the next flush.
          await wakeDelivery(deps.db, key);
          return { sent, stoppedBy: 'later' };
        }
        const reason = outcome.kind === 'no-reference' ? 'no-reference' : outcome.code;
        await giveUp(deps, row, to, reason, outcome.kind === 'undeliverable' && outcome.status === 404);
        log.warn({ notificationId: row.id, reason }, 'card undeliverable; manager told');
        continue;
      }
    }
  }
  // A long queue yields its worker so other recipients are not starved.
  await wakeDelivery(deps.db, key);
  return { sent, stoppedBy: 'batch' };
}

function renderFor(deps: JobDeps, row: OutboxRow): Record<string, unknown> {
  if (!deps.renderCard) throw new Error('no card renderer configured (JobDeps.renderCard)');
  // The notification id travels in the card so a Done or Snooze click (and a
  // test counting deliveries) can tell one delivery from another.
  return deps.renderCard(row.card_template, { ...row.card_data, notificationId: row.id });
}

/** Holds the card (and tells the managers) unless the person has a conversation reference by now. */
async function hold(deps: JobDeps, row: OutboxRow): Promise<boolean> {
  const today = toIsoDate(localDateOf(deps.clock.now(), LONDON_TIME_ZONE));
  return withTransaction(deps.db, async (tx) => {
    if (!(await holdNotification(tx, row.id, 'no-reference'))) return false;
    await tellManagersOfUndeliverable(tx, deps.directory, row, 'held', today);
    return true;
  });
}

async function giveUp(deps: JobDeps, row: OutboxRow, to: Recipient, reason: string, conversationGone: boolean): Promise<void> {
  const today = toIsoDate(localDateOf(deps.clock.now(), LONDON_TIME_ZONE));
  await withTransaction(deps.db, async (tx) => {
    await failNotification(tx, row.id, 'undeliverable', reason);
    if (conversationGone) {
      if (to.kind === 'user') await forgetUserReference(tx, to.aadObjectId);
      else await forgetChannelReference(tx, to.hubId);
    }
    await tellManagersOfUndeliverable(tx, deps.directory, row, reason, today);
  });
}
