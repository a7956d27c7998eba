// Owns sending a card outside a turn: continue the stored conversation with
// the user or hub channel and map Bot Connector errors to outcomes the
// delivery job understands (throttled, transient, undeliverable).
import { CardFactory, MessageFactory, TeamsInfo, TurnContext, type ConversationReference, type ConversationParameters } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Db } from '../store/db.js';
import { userReference, channelReference, saveUserReference } from '../store/conversation-refs.js';
import { AuthenticationConstants } from 'botframework-connector';
import { withoutSdkRetries } from './library-internals.js';
import type { ProactiveSender, SendOutcome } from '../app/proactive.js';
import type { Recipient } from '../store/outbox.js';

export class TeamsProactiveSender implements ProactiveSender {
  /** @param hubOf where a user without a personal chat can be reached from: their hub's team channel. */
  constructor(private readonly adapter: TeamsAdapter, private readonly db: Db, private readonly botAppId: string,
    private readonly hubOf: (aadObjectId: string) => string | undefined = () => undefined) {}

  async send(to: Recipient, card: Record<string, unknown>, summary: string): Promise<SendOutcome> {
    const reference = to.kind === 'user' ? await userReference(this.db, to.aadObjectId) : await channelReference(this.db, to.hubId);
    if (!reference && to.kind === 'user') return this.sendInNewPersonalChat(to.aadObjectId, card, summary);
    if (!reference) return { ok: false, kind: 'no-reference' };
    let sent: { activityId: string; conversationId: string } | undefined;
    let failure: unknown;
    try {
      await withoutSdkRetries(() => this.adapter.continueConversationAsync(this.botAppId, reference as ConversationReference, async (context) => {
        // Caught here, not thrown: an error leaving this callback goes to the
        // app's onTurnError, which would swallow it and post an apology.
        try { sent = await sendCard(context, card, summary); } catch (err) { failure = err; }
      }));
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined) return classifyConnectorError(failure);
    return sent ? { ok: true, ...sent } : { ok: false, kind: 'transient', status: 0 };
  }

  /** Updates a message this bot sent in the recipient's conversation (PUT …/activities/{id}), as a press's answer does. */
  async update(to: Recipient, conversationId: string, activityId: string, card: Record<string, unknown>): Promise<SendOutcome> {
    const stored = to.kind === 'user' ? await userReference(this.db, to.aadObjectId) : await channelReference(this.db, to.hubId);
    if (!stored) return { ok: false, kind: 'no-reference' };
    // The message's own conversation (a channel card lives in its thread).
    const reference = { ...(stored as ConversationReference), conversation: { ...(stored as ConversationReference).conversation, id: conversationId } };
    let failure: unknown;
    try {
      await withoutSdkRetries(() => this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        try {
          await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
        } catch (err) { failure = err; }
      }));
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined) return classifyConnectorError(failure);
    return { ok: true, activityId, conversationId };
  }

  /**
   * A user who never messaged the bot but belongs to a team where it is
   * installed: look them up through the hub channel, create the 1:1 chat,
   * remember it, and send. Without a hub channel there is no way in.
   */
  private async sendInNewPersonalChat(aadObjectId: string, card: Record<string, unknown>, summary: string): Promise<SendOutcome> {
    const hubId = this.hubOf(aadObjectId);
    const channel = (hubId ? await channelReference(this.db, hubId) : undefined) as Partial<ConversationReference> | undefined;
    if (!channel?.serviceUrl) return { ok: false, kind: 'no-reference' };
    let sent: { activityId: string; conversationId: string } | undefined;
    let failure: unknown;
    try {
      await withoutSdkRetries(async () => {
        let memberId: string | undefined;
        await this.adapter.continueConversationAsync(this.botAppId, channel as ConversationReference, async (context) => {
          try { memberId = (await TeamsInfo.getMember(context, aadObjectId)).id; } catch (err) { failure = err; }
        });
        if (failure !== undefined || !memberId) return;
        const tenantId = channel.conversation?.tenantId;
        const parameters = {
          isGroup: false,
          bot: channel.bot,
          members: [{ id: memberId!, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        } as ConversationParameters;
        await this.adapter.createConversationAsync(this.botAppId, channel.channelId ?? 'msteams', channel.serviceUrl!, AuthenticationConstants.ToChannelFromBotOAuthScope, parameters, async (context) => {
          try {
            const reference = TurnContext.getConversationReference(context.activity);
            await saveUserReference(this.db, aadObjectId, { ...reference, user: { id: memberId!, name: '', aadObjectId } as ConversationReference['user'] });
            sent = await sendCard(context, card, summary);
          } catch (err) {
            failure = err;
          }
        });
      });
    } catch (err) {
      failure = err;
    }
    // A member lookup refused by the channel means we cannot reach them that way either.
    if (failure !== undefined) {
      const outcome = classifyConnectorError(failure);
      return outcome.ok === false && outcome.kind === 'undeliverable' && !sent ? { ok: false, kind: 'no-reference' } : outcome;
    }
    return sent ? { ok: true, ...sent } : { ok: false, kind: 'transient', status: 0 };
  }
}

async function sendCard(context: TurnContext, card: Record<string, unknown>, summary: string): Promise<{ activityId: string; conversationId: string }> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.summary = summary;
  const response = await context.sendActivity(activity);
  return { activityId: response?.id ?? '', conversationId: context.activity.conversation.id };
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
