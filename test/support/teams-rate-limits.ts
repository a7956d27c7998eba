// Teams' proactive-message rate limits (TEAMS.md "Rate limits"), as a fault
// source for the fake Bot Connector: per bot per conversation 7 sends per
// 1 s, 8 per 2 s, 60 per 30 s, 1,800 per hour; and a ceiling for the whole
// app (Microsoft says roughly 30–50 requests per second per app per tenant).
// A send over any of them gets 429 with Retry-After (whole seconds, at least
// 1) naming when the fullest window frees up. Only accepted sends count.
import type { Fault, ReceivedCall } from './fake-connector.js';

export interface Window { limit: number; perMs: number }

export const TEAMS_PER_CONVERSATION: Window[] = [
  { limit: 7, perMs: 1_000 }, { limit: 8, perMs: 2_000 }, { limit: 60, perMs: 30_000 }, { limit: 1_800, perMs: 3_600_000 },
];

export class TeamsRateLimits {
  throttled = 0;
  private readonly perConversation = new Map<string, number[]>();
  private readonly app: number[] = [];

  constructor(readonly appPerSecond: number, readonly conversationWindows: Window[] = TEAMS_PER_CONVERSATION, private readonly now: () => number = Date.now) {}

  /** For FakeConnector.faultFor: sends to a conversation are limited; other calls pass. */
  readonly faultFor = (call: Omit<ReceivedCall, 'status' | 'at'>): Fault | undefined => {
    if (call.method !== 'POST' || !call.conversationId || !call.path.endsWith('/activities')) return undefined;
    const now = this.now();
    const sent = this.perConversation.get(call.conversationId) ?? [];
    const waitMs = Math.max(waitFor(this.app, { limit: this.appPerSecond, perMs: 1_000 }, now), ...this.conversationWindows.map((w) => waitFor(sent, w, now)));
    if (waitMs > 0) {
      this.throttled += 1;
      return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    sent.push(now);
    this.perConversation.set(call.conversationId, sent.slice(-2_000));
    this.app.push(now);
    if (this.app.length > 10 * this.appPerSecond) this.app.splice(0, this.app.length - this.appPerSecond);
    return undefined;
  };
}

/** How long until one more send fits in the window (0: it fits now). Times are kept oldest first. */
function waitFor(times: number[], w: Window, now: number): number {
  const inWindow = times.filter((t) => t > now - w.perMs);
  if (inWindow.length < w.limit) return 0;
  return inWindow[inWindow.length - w.limit]! + w.perMs - now;
}
