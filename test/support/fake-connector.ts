// A loopback fake of the Bot Connector REST API (v3) for proactive messages
// and updates. It behaves like the real one where we depend on it: ids for
// new conversations and activities, a transcript of each conversation that
// PUT /v3/conversations/{id}/activities/{activityId} updates in place (404
// for an activity it never held), 429 with Retry-After, 403 and 404 bodies.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

export interface ReceivedCall {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: Record<string, unknown>;
  at: number;
  status: number;
}

export type Fault = { status: 429; retryAfterSeconds: number } | { status: 403; code: 'BotNotInConversationRoster' | 'ConversationBlockedByUser' | 'BotDisabledByAdmin' } | { status: 404 } | { status: 500 | 502 | 503 };

export class FakeConnector {
  readonly calls: ReceivedCall[] = [];
  private server?: http.Server;
  /** Decides a fault per request; return undefined to succeed. */
  faultFor: (call: Omit<ReceivedCall, 'status' | 'at'>) => Fault | undefined = () => undefined;
  /** Milliseconds before answering each request, like a real network round trip. */
  latencyMs = 0;
  /** Requests received and not answered yet (e.g. held by latencyMs). */
  pending = 0;
  private readonly conversations = new Map<string, { members: unknown[] }>();
  /** What each conversation shows now: activity id → the activity as last posted or updated, in posting order. */
  private readonly transcripts = new Map<string, Map<string, Record<string, unknown>>>();
  private activityCounter = 0;

  /** The messages a conversation shows now, oldest first (updates replace in place). */
  transcript(conversationId: string): Record<string, unknown>[] {
    return [...(this.transcripts.get(conversationId)?.values() ?? [])];
  }

  /**
   * Records a message the bot sent in a turn's reply (deliveryMode
   * expectReplies answers in the HTTP body, so the real service would have
   * posted it and given it this id).
   */
  remember(conversationId: string, activityId: string, activity: Record<string, unknown>): void {
    let t = this.transcripts.get(conversationId);
    if (!t) this.transcripts.set(conversationId, (t = new Map()));
    t.set(activityId, { ...activity, id: activityId });
  }

  /** Every Adaptive Card posted or put to this fake (for the harness's plain-words check). */
  cardsReceived(): unknown[] {
    return this.calls.filter((c) => c.method === 'POST' || c.method === 'PUT')
      .flatMap((c) => ((c.body.attachments as { contentType?: string; content?: unknown }[] | undefined) ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content));
  }

  holds(conversationId: string, activityId: string): boolean {
    return this.transcripts.get(conversationId)?.has(activityId) ?? false;
  }

  get url(): string {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('fake connector not started');
    return `http://127.0.0.1:${a.port}/`;
  }

  /** Messages delivered (2xx) to conversations, in order. */
  get delivered(): ReceivedCall[] {
    return this.calls.filter((c) => c.status < 300 && c.method === 'POST' && c.path.includes('/activities'));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.pending += 1;
    res.once('close', () => { this.pending -= 1; });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const path = (req.url ?? '').split('?')[0]!;
    const m = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?$/.exec(path);
    const call = { method: req.method ?? 'GET', path, conversationId: m?.[1] ? decodeURIComponent(m[1]) : undefined, activityId: m?.[2] ? decodeURIComponent(m[2]) : undefined, body };
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ ...call, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    // GET a member of a conversation or team by AAD object id (TeamsInfo.getMember), as Teams answers it.
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (member && req.method === 'GET') {
      const fault = this.faultFor({ ...call, conversationId: decodeURIComponent(member[1]!) });
      if (fault?.status === 404 || fault?.status === 403) return send(fault.status, { error: { code: 'MemberNotFound', message: 'Not a member.' } });
      const aad = decodeURIComponent(member[2]!);
      return send(200, { id: `29:member-${aad}`, aadObjectId: aad, name: '' });
    }
    if (!m) return send(404, { error: { code: 'NotFound', message: 'Unknown route' } });

    const fault = this.faultFor(call);
    if (fault) {
      if (fault.status === 429) return send(429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'retry-after': String(fault.retryAfterSeconds) });
      if (fault.status === 403) return send(403, { error: { code: fault.code, message: 'The bot is not part of the conversation roster.' } });
      if (fault.status === 404) return send(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
      return send(fault.status, { error: { code: 'ServiceError', message: 'Upstream error' } });
    }

    if (req.method === 'POST' && !call.conversationId) {
      const id = `a:1${randomUUID().replace(/-/g, '')}`;
      this.conversations.set(id, { members: (body.members as unknown[]) ?? [] });
      return send(201, { id, activityId: undefined });
    }
    if (call.conversationId && req.method === 'POST') {
      const id = `${++this.activityCounter}`;
      this.remember(call.conversationId, id, body);
      return send(201, { id });
    }
    if (call.conversationId && call.activityId && req.method === 'PUT') {
      // Like the real service: only a message that exists in the conversation can be updated.
      // A channel thread's id is the channel's plus ";messageid=<first message>": the message lives in the channel.
      const channel = call.conversationId.split(';')[0]!;
      const held = this.holds(call.conversationId, call.activityId) ? call.conversationId : this.holds(channel, call.activityId) ? channel : undefined;
      if (!held) return send(404, { error: { code: 'ActivityNotFound', message: 'Activity not found.' } });
      this.remember(held, call.activityId, body);
      return send(200, { id: call.activityId });
    }
    if (call.conversationId && req.method === 'DELETE') return send(200, {});
    return send(405, { error: { code: 'MethodNotAllowed', message: 'Not supported by the fake' } });
  }
}
