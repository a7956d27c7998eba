// A posted activity must have the envelope every Teams activity has (issue 16
// part 3): a malformed one is refused with HTTP 400 before the adapter, so no
// turn runs, no apology is sent, nothing is stored, and no over-long id ever
// reaches an index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, type Activity } from '../support/harness.js';
import { socialWorker } from '../support/people.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot?.stop(); });

const count = async (table: string) => Number((await bot.db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const stored = async () => ({ processed: await count('processed_activities'), refs: await count('conversation_refs'), audit: await count('audit_log') });

/** A valid "hi" from the social worker, changed by `change` (which may delete or retype any field). */
function activity(change: (a: Record<string, unknown>) => void): Record<string, unknown> {
  const a = bot.activityFor(socialWorker, { text: 'hi' }) as unknown as Record<string, unknown>;
  change(a);
  return a;
}

const LONG = 'x'.repeat(5_000);

const malformed: [string, (a: Record<string, unknown>) => void][] = [
  ['no from', (a) => { delete a.from; }],
  ['from as a string', (a) => { a.from = 'someone'; }],
  ['from without an id', (a) => { a.from = { aadObjectId: socialWorker.aadObjectId, name: 'x' }; }],
  ['from.aadObjectId as a number', (a) => { a.from = { id: '29:x', aadObjectId: 42 }; }],
  ['no conversation', (a) => { delete a.conversation; }],
  ['conversation as a number', (a) => { a.conversation = 5; }],
  ['conversation.id as an object', (a) => { a.conversation = { id: { nested: true }, conversationType: 'personal' }; }],
  ['no recipient', (a) => { delete a.recipient; }],
  ['recipient as a list', (a) => { a.recipient = ['bot']; }],
  ['no channelId', (a) => { delete a.channelId; }],
  ['channelId as a number', (a) => { a.channelId = 42; }],
  ['entities as a string', (a) => { a.entities = 'mention'; }],
  ['entities holding a number', (a) => { a.entities = [1]; }],
  ['entities holding an object without a type', (a) => { a.entities = [{ mentioned: { id: 'x' } }]; }],
  ['serviceUrl as a number', (a) => { a.serviceUrl = 42; }],
  ['serviceUrl as an object', (a) => { a.serviceUrl = { href: 'http://127.0.0.1/' }; }],
  ['serviceUrl not http(s)', (a) => { a.serviceUrl = 'javascript:alert(1)'; }],
  ['no serviceUrl', (a) => { delete a.serviceUrl; }],
  ['an activity id of 5,000 characters', (a) => { a.id = LONG; }],
  ['a conversation id of 5,000 characters', (a) => { a.conversation = { ...(a.conversation as object), id: LONG }; }],
  ['a sender id of 5,000 characters', (a) => { a.from = { ...(a.from as object), id: LONG }; }],
  ['an AAD object id of 5,000 characters', (a) => { a.from = { ...(a.from as object), aadObjectId: LONG }; }],
  ['a replyToId of 5,000 characters', (a) => { a.replyToId = LONG; }],
  ['no type', (a) => { delete a.type; }],
];

describe('a malformed activity envelope', () => {
  it.each(malformed)('with %s gets a 400, no turn and nothing stored', async (_name, change) => {
    const before = await stored();
    const failuresBefore = bot.logs.lines.filter((l) => l.includes('turn failed')).length;
    const res = await bot.post(activity(change));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code?: string; problems?: string[]; activities?: Activity[] };
    expect(body.code).toBe('NOT_AN_ACTIVITY');
    expect(body.activities).toBeUndefined();
    expect(body.problems?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain(LONG.slice(0, 100)); // the answer names the field, never echoes the value
    expect(bot.logs.lines.filter((l) => l.includes('turn failed')).length).toBe(failuresBefore);
    expect(await stored()).toEqual(before);
  });

  it('is logged with the fields at fault, never their values', async () => {
    await bot.post(activity((a) => { a.from = { id: LONG }; }));
    const line = bot.logs.lines.filter((l) => l.includes('not a well-formed activity')).at(-1) ?? '';
    expect(line).toContain('from.id');
    expect(line).not.toContain(LONG.slice(0, 100));
    // restify logs a value an async handler returns, with the whole request: the refusal must return nothing.
    expect(bot.logs.text).not.toContain('Discarded returned value');
  });

  it('the same activity, well formed, is answered (the probes above differ from it in one field each)', async () => {
    const res = await bot.post(activity(() => undefined));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { activities?: Activity[] }).activities?.length).toBe(1);
  });

  it('an id at the longest Teams sends (a channel thread) is accepted and stored', async () => {
    const threadId = `19:${'a'.repeat(32)}@thread.tacv2;messageid=${'1'.repeat(13)}`;
    const res = await bot.post(activity((a) => { a.conversation = { id: threadId, conversationType: 'channel', tenantId: (a.conversation as { tenantId: string }).tenantId }; }));
    expect(res.status).toBe(200);
  });
});
