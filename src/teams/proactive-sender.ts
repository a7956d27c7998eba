// Owns sending a card outside a turn: continue the stored conversation with
// the user or hub channel and map Bot Connector errors to outcomes the
// delivery job understands (throttled, transient, undeliverable).
import { CardFactory, MessageFactory, type ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Db } from '../store/db.js';
import { userReference, channelReference } from '../store/conversation-refs.js';
import type { ProactiveSender, SendOutcome } from '../app/proactive.js';
import type { Recipient } from '../store/outbox.js';

export class TeamsProactiveSender implements ProactiveSender {
  constructor(private readonly adapter: TeamsAdapter, private readonly db: Db, private readonly botAppId: string) {}

  async send(to: Recipient, card: Record<string, unknown>, summary: string): Promise<SendOutcome> {
    const reference = to.kind === 'user' ? await userReference(this.db, to.aadObjectId) : await channelReference(this.db, to.hubId);
    if (!reference) return { ok: false, kind: 'no-reference' };
    let sent: { activityId: string; conversationId: string } | undefined;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference as ConversationReference, async (context) => {
        const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
        activity.summary = summary;
        const response = await context.sendActivity(activity);
        sent = { activityId: response?.id ?? '', conversationId: context.activity.conversation.id };
      });
    } catch (err) {
      return classifyConnectorError(err);
    }
    return sent ? { ok: true, ...sent } : { ok: false, kind: 'transient', status: 0 };
  }
}

export function classifyConnectorError(err: unknown): SendOutcome {
  const e = err as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } }; body?: { error?: { code?: string } }; code?: string };
  const status = e.statusCode ?? 0;
  if (status === 429) {
    const header = e.response?.headers?.get?.('retry-after');
    const seconds = header ? Number.parseFloat(header) : Number.NaN;
    return { ok: false, kind: 'throttled', retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : 1000 };
  }
  if (status === 403 || status === 404) {
    return { ok: false, kind: 'undeliverable', status, code: e.body?.error?.code ?? e.code ?? (status === 404 ? 'ConversationNotFound' : 'Forbidden') };
  }
  return { ok: false, kind: 'transient', status };
}
