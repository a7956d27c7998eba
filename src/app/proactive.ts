// Owns the port through which jobs send a card to a person or a hub channel.
// The Teams implementation lives in src/teams/proactive-sender.ts.
import type { Recipient } from '../store/outbox.js';

export type SendOutcome =
  | { ok: true; activityId: string; conversationId: string }
  | { ok: false; kind: 'throttled'; retryAfterMs: number }
  | { ok: false; kind: 'transient'; status: number }
  | { ok: false; kind: 'undeliverable'; status: 403 | 404; code: string }
  | { ok: false; kind: 'no-reference' };

export interface ProactiveSender {
  send(to: Recipient, card: Record<string, unknown>, summary: string): Promise<SendOutcome>;
  /** Replaces a message sent earlier (a record's card redrawn); same outcomes as send. */
  update(to: Recipient, conversationId: string, activityId: string, card: Record<string, unknown>): Promise<SendOutcome>;
}
