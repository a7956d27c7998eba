// Owns the numbers behind proactive delivery retries, as pure functions so
// they are tested without a connector: how long to wait after a 429 or a 5xx,
// and when a card has failed often enough to go to the dead-letter list.
export interface DeliveryPolicy {
  /** First wait after a transient failure (5xx, 412, network); doubles each time. */
  transientBaseMs: number;
  transientMaxMs: number;
  /** A card is 'dead' after this many transient failures in a row. */
  maxTransientFailures: number;
  /** …or after this many throttled attempts, so a connector that never stops throttling cannot hold a queue forever. */
  maxThrottledAttempts: number;
  /** Added on top of Retry-After so recipients throttled together do not all return in the same millisecond. */
  retryAfterJitterMs: number;
  /** Cards sent per flush run before the job yields its worker to other recipients. */
  batchSize: number;
}

// Teams asks for exponential backoff with jitter (TEAMS.md, Proactive messages).
// 2 s doubling to 10 min gives ~6 tries inside 20 minutes; a real outage
// longer than that puts the card on the dead-letter list for an admin.
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  transientBaseMs: 2_000,
  transientMaxMs: 10 * 60_000,
  maxTransientFailures: 6,
  maxThrottledAttempts: 40,
  retryAfterJitterMs: 250,
  batchSize: 50,
};

export type Random = () => number;

/**
 * "Equal jitter": half the exponential delay fixed, half random, so the wait
 * always grows but two recipients failing together spread out.
 */
export function transientDelayMs(failures: number, policy: DeliveryPolicy, random: Random = Math.random): number {
  const exponent = Math.max(0, failures - 1);
  const full = Math.min(policy.transientMaxMs, policy.transientBaseMs * 2 ** Math.min(exponent, 30));
  return Math.round(full / 2 + random() * (full / 2));
}

/** Retry-After is a floor, never shortened; jitter only adds. */
export function throttleDelayMs(retryAfterMs: number, policy: DeliveryPolicy, random: Random = Math.random): number {
  return Math.max(0, retryAfterMs) + Math.round(random() * policy.retryAfterJitterMs);
}
