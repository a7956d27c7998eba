// Identity is never shared (issue 16 part 4): an activity without an Entra
// (AAD) object id is refused with a log line and leaves no state, instead of
// acting as one "anonymous" person everyone without an id shares; the Agents
// Playground's mock users, in anonymous development, still work.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, type Activity } from '../support/harness.js';
import { DEMO_TENANT, type DemoUser } from '../support/people.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot?.stop(); });

const count = async (table: string) => Number((await bot.db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const stored = async () => ({ processed: await count('processed_activities'), refs: await count('conversation_refs'), checks: await count('checks'), audit: await count('audit_log') });

/** Someone Teams names but does not identify: an id and a name, no aadObjectId. */
function nobody(n: number, activity: Partial<Activity>): Activity {
  const base = bot.activityFor({ aadObjectId: 'unused', name: `Visitor ${n}` }, activity);
  return { ...base, from: { id: `29:visitor-${n}`, name: `Visitor ${n}` }, conversation: { id: `a:visitor-${n}`, conversationType: 'personal', tenantId: DEMO_TENANT } };
}

async function repliesTo(a: Activity): Promise<Activity[]> {
  const res = await bot.post(a);
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? (((JSON.parse(text) as { activities?: Activity[] }).activities) ?? []) : [];
}

describe('an activity without an AAD object id', () => {
  it('is refused: no reply, nothing stored, one log line saying why', async () => {
    const before = await stored();
    const logged = bot.logs.lines.filter((l) => l.includes('without an AAD object id')).length;
    for (const text of ['hi', 'check', 'my checks', 'my reminders']) expect(await repliesTo(nobody(1, { text }))).toEqual([]);
    expect(await repliesTo(nobody(1, { value: { verb: 'check.start' }, replyToId: 'card' }))).toEqual([]);
    expect(await stored()).toEqual(before);
    expect(bot.logs.lines.filter((l) => l.includes('without an AAD object id')).length).toBe(logged + 5);
  });

  it('never lets two such people share one identity (one cannot resume what the other started)', async () => {
    // Before the fix both were the person "", so the second was offered the first's check.
    await repliesTo(nobody(2, { value: { verb: 'check.safety', area: 'barnet', immediateRisk: 'no' }, replyToId: 'card' }));
    const second = await repliesTo(nobody(3, { text: 'check' }));
    expect(JSON.stringify(second)).not.toContain('You have a check in progress');
    expect(await count('checks')).toBe(0);
  });
});

describe('the Agents Playground in anonymous development', () => {
  const config = parse(readFileSync(path.join(repoRoot, '.m365agentsplayground.yml'), 'utf8')) as {
    tenantId: string; currentUser: { id: string; name: string; aadObjectId: string }; users: { id: string; name: string; aadObjectId: string }[];
  };
  const mockUsers = [config.currentUser, ...config.users];

  it('gives every mock user an AAD object id', () => {
    expect(mockUsers.length).toBe(6);
    for (const u of mockUsers) expect(u.aadObjectId, u.name).toMatch(/\S/);
  });

  it.each(mockUsers.map((u) => [u.name, u] as const))('%s is greeted with their directory role', async (_name, u) => {
    const user: DemoUser = { aadObjectId: u.aadObjectId, name: u.name };
    const card = onlyCard(await bot.send(user, { text: 'hi', from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId }, conversation: { id: 'personal-chat-id', conversationType: 'personal', tenantId: config.tenantId } }));
    expect(textOf(card)).toContain(`Hello ${u.name.split(' ')[0]}`);
    expect(textOf(card)).not.toContain('a guest');
  });
});
