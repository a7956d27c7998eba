// The test harness every conversation test uses: the real app (real Teams AI
// Application over HTTP, real PostgreSQL) on an ephemeral port, a fresh
// database per test file, the fake Bot Connector for proactive sends, and
// helpers to talk to the bot as any person in the demo directory.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/env.js';
import { startApp, type RunningApp, type AppOverrides } from '../../src/main.js';
import type { Clock } from '../../src/app/clock.js';
import { createTestDatabase } from './database.js';
import { FakeConnector } from './fake-connector.js';
import { DEMO_TENANT, type DemoUser } from './people.js';
import { cardProblems } from './card-schema.js';
import { plainWordsProblems } from './plain-words.js';

export interface Activity {
  type: string;
  id?: string;
  text?: string;
  value?: unknown;
  attachments?: { contentType: string; content: Card }[];
  replyToId?: string;
  /** Set on a reply that updated a message in place (the pressed card): that message's id. */
  updated?: string;
  [k: string]: unknown;
}
export type Card = { type: 'AdaptiveCard'; body?: unknown[]; actions?: CardAction[]; [k: string]: unknown };
export interface CardAction { type: string; title: string; data?: Record<string, unknown>; card?: Card }

export class CapturedLogs extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string { return this.lines.join('\n'); }
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  databaseUrl?: string;
  connector?: FakeConnector;
  /** Extra startApp overrides (e.g. jobLiveness, deliveryPolicy, planDigests). */
  overrides?: AppOverrides;
}

export class TestBot {
  /** Every answer the bot gave through send/say/submit in this test file, updates in place included. */
  readonly answered: Activity[] = [];
  /** What the test typed (text and input values): a card may show a person's own words back as typed. */
  private readonly typed = new Set<string>();

  private constructor(
    public app: RunningApp,
    readonly connector: FakeConnector,
    readonly logs: CapturedLogs,
    private readonly options: TestAppOptions & { databaseUrl: string },
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestBot> {
    const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
    const connector = options.connector ?? (await new FakeConnector().start());
    const logs = new CapturedLogs();
    const app = await TestBot.boot({ ...options, databaseUrl }, logs);
    return new TestBot(app, connector, logs, { ...options, databaseUrl, connector });
  }

  private static boot(options: TestAppOptions & { databaseUrl: string }, logs: CapturedLogs): Promise<RunningApp> {
    const config = loadConfig({ APP_ENV: 'test', PORT: '0', DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'info', ...options.env });
    const overrides: AppOverrides = { logDestination: logs, jobPollIntervalMs: 100, ...options.overrides };
    if (options.clock) overrides.clock = options.clock;
    return startApp(config, overrides);
  }

  /**
   * A client for an app that runs elsewhere (other processes, behind a proxy):
   * the same say/submit/send, reading the given database. It cannot restart
   * or stop that app.
   */
  static remote(url: string, db: RunningApp['db'], connector: FakeConnector): TestBot {
    const elsewhere = { url, db, stop: async () => undefined } as Pick<RunningApp, 'url' | 'db' | 'stop'>;
    return new TestBot(elsewhere as RunningApp, connector, new CapturedLogs(), { databaseUrl: '', connector });
  }

  get url(): string { return this.app.url; }
  get db() { return this.app.db; }

  /** Stops and starts the app on the same database, as after a deploy or crash. */
  async restart(): Promise<void> {
    await this.app.stop();
    this.app = await TestBot.boot(this.options, this.logs);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    if (!this.options.connector) await this.connector.stop();
    this.checkDeliveredCards();
  }

  /**
   * Posts one activity and returns the bot's answers: the replies
   * (deliveryMode expectReplies) and, marked `updated`, the messages the
   * turn updated in place through the connector (the pressed card).
   * Replies get the ids the real service would give them and join the
   * conversation's transcript in the fake connector.
   */
  async send(user: DemoUser, activity: Partial<Activity>, headers: Record<string, string> = {}): Promise<Activity[]> {
    const sent = this.activityFor(user, activity);
    this.noteTyped(sent);
    const conversationId = (sent.conversation as { id: string }).id;
    const callsBefore = this.connector.calls.length;
    const res = await this.post(sent, headers);
    if (res.status !== 200) throw new Error(`bot answered HTTP ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { activities?: Activity[] };
    const replies = (body.activities ?? []).map((a) => {
      const id = a.id || `reply-${randomUUID()}`;
      this.connector.remember(conversationId, id, a);
      return { ...a, id };
    });
    // Updates this turn made: PUTs to this conversation carrying this activity as their replyToId.
    const updates = this.connector.calls.slice(callsBefore)
      .filter((c) => c.method === 'PUT' && c.status < 300 && c.conversationId === conversationId && c.body.replyToId === sent.id)
      .map((c) => ({ ...(c.body as Activity), updated: c.activityId }));
    const answers = [...updates, ...replies];
    this.answered.push(...answers);
    for (const card of cardsOf(answers)) this.checkCard(card);
    return answers;
  }

  /**
   * An Action.Execute press or a card's refresh, as Teams sends it: an
   * `adaptiveCard/action` invoke (no expectReplies) answered in the HTTP
   * body. Returns the card the invoke response carries, if any.
   */
  async execute(user: DemoUser, action: { verb: string; data?: Record<string, unknown> }, o: { replyToId?: string; conversation?: Record<string, unknown>; trigger?: 'manual' | 'automatic' } = {}): Promise<{ status: number; card?: Card; body: unknown }> {
    const activity = this.activityFor(user, {
      type: 'invoke', name: 'adaptiveCard/action', deliveryMode: undefined, replyToId: o.replyToId,
      value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} }, trigger: o.trigger ?? 'manual' },
      ...(o.conversation ? { conversation: o.conversation } : {}),
    });
    const res = await this.post(activity);
    const body = (await res.json().catch(() => undefined)) as { statusCode?: number; type?: string; value?: Card } | undefined;
    const card = body?.type === 'application/vnd.microsoft.card.adaptive' ? body.value : undefined;
    this.noteTyped(activity);
    if (card) {
      this.checkCard(card);
      this.answered.push({ type: 'invokeResponse', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
    }
    return { status: res.status, card, body };
  }

  /** The messages in a conversation now, e.g. a hub channel (updates replace in place). */
  conversation(conversationId: string): Activity[] {
    return this.connector.transcript(conversationId) as Activity[];
  }

  /** The messages in a person's personal chat with the bot now (updates replace in place). */
  chat(user: DemoUser): Activity[] {
    return this.connector.transcript(`a:personal-${user.aadObjectId}`) as Activity[];
  }

  /**
   * Every card the bot sends in any test must be valid AC 1.5 within budget,
   * and in plain words (test/support/plain-words.ts).
   */
  checkCard(card: Card): void {
    const problems = [...cardProblems(card), ...plainWordsProblems(card, [...this.typed])];
    if (problems.length > 0) throw new Error(`bot sent an invalid card: ${problems.join('; ')}`);
  }

  /** Cards delivered outside a turn (the outbox, redraws), checked the same way once the test file is done. */
  private checkDeliveredCards(): void {
    const problems = this.connector.cardsReceived().flatMap((card) => [...plainWordsProblems(card, [...this.typed])]);
    if (problems.length > 0) throw new Error(`the bot delivered cards that are not in plain words: ${[...new Set(problems)].slice(0, 10).join('; ')}`);
  }

  private noteTyped(activity: Activity): void {
    const add = (v: unknown) => {
      if (typeof v === 'string') {
        // A date picker's value or an id is not a person's words: a card must never show those as they are.
        if (v.trim().length >= 4 && !/^\d{4}-\d{2}-\d{2}/.test(v) && !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(v)) this.typed.add(v.trim());
      } else if (Array.isArray(v)) v.forEach(add);
      else if (v && typeof v === 'object') Object.values(v).forEach(add);
    };
    add(activity.text);
    add(activity.value);
  }

  post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }

  say(user: DemoUser, text: string): Promise<Activity[]> {
    return this.send(user, { text });
  }

  /**
   * Presses a card button: the inputs plus the action's data, as Teams sends
   * them, naming the message the button is on (replyToId): the latest message
   * in the person's chat with a button carrying exactly this data. Data no
   * card offered (a forged or hand-made press) names a message of its own.
   */
  submit(user: DemoUser, data: Record<string, unknown>, inputs: Record<string, unknown> = {}, id?: string): Promise<Activity[]> {
    return this.send(user, { value: { ...inputs, ...data }, id: id ?? randomUUID(), replyToId: this.messageWith(user, data) });
  }

  /** The id of the latest message in the person's chat offering a button with this data (see submit). */
  messageWith(user: DemoUser, data: Record<string, unknown>): string {
    const conversationId = `a:personal-${user.aadObjectId}`;
    const same = JSON.stringify(sortedKeys(data));
    const found = [...this.connector.transcript(conversationId)].reverse()
      .find((m) => cardsOf([m as Activity]).some((card) => actionsOf(card).some((a) => a.data && JSON.stringify(sortedKeys(a.data)) === same)));
    if (found) return found.id as string;
    const id = `pressed-${randomUUID()}`;
    this.connector.remember(conversationId, id, { type: 'message', text: '(a card the test made up)' });
    return id;
  }

  activityFor(user: DemoUser, a: Partial<Activity>): Activity {
    return {
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      deliveryMode: 'expectReplies',
      timestamp: new Date().toISOString(),
      locale: 'en-GB',
      from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:right-response-bot', name: 'Right Response' },
      conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: DEMO_TENANT },
      channelData: { tenant: { id: DEMO_TENANT } },
      ...a,
    };
  }
}

function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

export function cardsOf(activities: Activity[]): Card[] {
  return activities.flatMap((a) => (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content));
}

export function onlyCard(activities: Activity[]): Card {
  const cards = cardsOf(activities);
  if (cards.length !== 1) throw new Error(`expected one card, got ${cards.length}: ${JSON.stringify(activities).slice(0, 500)}`);
  return cards[0]!;
}

/** All visible text of a card, for assertions that read like what a user sees. */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'TextRun' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    if (typeof o.label === 'string') out.push(o.label);
    if (typeof o.errorMessage === 'string') out.push(o.errorMessage);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v);
  };
  walk(card);
  return out.join('\n');
}

export function actionsOf(card: Card): CardAction[] {
  const out: CardAction[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as unknown as CardAction);
    // A card's refresh is not a button anyone sees.
    for (const [k, v] of Object.entries(o)) if (k !== 'refresh') walk(v);
  };
  walk(card);
  return out;
}

export function action(card: Card, title: string | RegExp): CardAction {
  const found = actionsOf(card).find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!found) throw new Error(`no action "${title}" on card; actions: ${actionsOf(card).map((a) => a.title).join(', ')}`);
  return found;
}

/** The current values of a card's inputs, keyed by id, as Teams would submit them untouched. */
export function inputsOf(card: Card): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o.value === undefined ? '' : String(o.value);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return out;
}
