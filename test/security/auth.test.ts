// Authentication ON, against a loopback OpenID key server: a genuine Bot
// Framework token is accepted, and well over a hundred forged or malformed
// requests (generated below) are refused before any handler runs: no reply,
// no row written, nothing of their content in the logs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestBot, cardsOf, type Activity } from '../support/harness.js';
import { DEMO_TENANT, socialWorker, stranger } from '../support/people.js';
import { BOT_FRAMEWORK_ISSUER, FakeOpenIdServer, hmacWithPublicKey, makeRsaKey, unsignedToken } from '../support/fake-openid.js';

// Synthetic ids: not a real Entra application or tenant.
const APP_ID = '5e3c9a1d-7b2f-4c8e-9d0a-1f2e3d4c5b6a';
const BOT_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const MARK = 'FORGED-CONTENT-';

let openid: FakeOpenIdServer;
let bot: TestBot;
const attacker = makeRsaKey();

beforeAll(async () => {
  openid = await new FakeOpenIdServer().start();
  bot = await TestBot.start({
    env: {
      MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: BOT_TENANT, ALLOWED_TENANT_IDS: DEMO_TENANT,
      BOTFRAMEWORK_OPENID_METADATA_URL: openid.metadataUrl, LOG_LEVEL: 'trace',
    },
  });
});
afterAll(async () => {
  await bot?.stop();
  await openid?.stop();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function claimsFor(activity: Activity, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  const claims: Record<string, unknown> = { iss: BOT_FRAMEWORK_ISSUER, aud: APP_ID, serviceurl: activity.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  return claims;
}

const genuine = (activity: Activity, overrides: Record<string, unknown> = {}) => openid.sign(claimsFor(activity, overrides));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A message with content we can look for afterwards in logs and rows. */
function message(n: number, patch: Partial<Activity> = {}): Activity {
  return bot.activityFor(socialWorker, { text: `check ${MARK}${n}`, ...patch });
}

interface Trace { processed: number; refs: string; audit: number; checks: number; notifications: number }

async function trace(): Promise<Trace> {
  const one = async (sql: string) => String((await bot.db.query(sql)).rows[0]?.v ?? '');
  return {
    processed: Number(await one('SELECT count(*) AS v FROM processed_activities')),
    refs: await one(`SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') AS v FROM conversation_refs`),
    audit: Number(await one('SELECT count(*) AS v FROM audit_log')),
    checks: Number(await one('SELECT count(*) AS v FROM checks')),
    notifications: Number(await one('SELECT count(*) AS v FROM notifications')),
  };
}

interface Attempt { name: string; send: () => Promise<Response>; expect: number[] }

const postRaw = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('inbound authentication with the Bot Framework token checks on', () => {
  it('accepts a correctly signed token (positive control) and fetched the keys from the fake OpenID server', async () => {
    const before = await trace();
    const activity = bot.activityFor(socialWorker, { text: 'help' });
    const res = await bot.post(activity, bearer(genuine(activity)));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities?: Activity[] };
    expect(cardsOf(body.activities ?? [])).toHaveLength(1);
    expect((await trace()).processed).toBe(before.processed + 1);
    expect(openid.fetches).toEqual(expect.arrayContaining(['/.well-known/openidconfiguration', '/keys']));
  });

  it('also accepts the RS384/RS512 algorithms Bot Framework allows, signed by the published key', async () => {
    for (const algorithm of ['RS384', 'RS512'] as const) {
      const activity = bot.activityFor(socialWorker, { text: 'help' });
      const res = await bot.post(activity, bearer(openid.sign(claimsFor(activity), { algorithm })));
      expect(res.status).toBe(200);
    }
  });

  it('refuses every forged or malformed request: none is processed, none leaves a trace', async () => {
    const attempts: Attempt[] = [];
    let n = 0;
    const add = (name: string, expectStatus: number[], build: (a: Activity) => { body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> }, patch: Partial<Activity> = {}) => {
      const i = ++n;
      attempts.push({
        name, expect: expectStatus, send: () => {
          const activity = message(i, patch);
          const r = build(activity);
          return r.raw !== undefined ? postRaw(r.raw, r.headers) : bot.post(r.body ?? activity, r.headers ?? {});
        },
      });
    };
    const token = (name: string, make: (a: Activity) => string, patch: Partial<Activity> = {}) => add(name, [401], (a) => ({ headers: bearer(make(a)) }), patch);
    const header = (name: string, make: (a: Activity) => string) => add(name, [401], (a) => ({ headers: { authorization: make(a) } }));

    // 1. No token, on every kind of activity a handler could take.
    const kinds: Partial<Activity>[] = [
      {}, { text: undefined, value: { verb: 'check.start', fresh: 'true' } },
      { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '29:someone' }] },
      { type: 'installationUpdate', text: undefined, action: 'add' },
      { type: 'invoke', text: undefined, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'check.start' } } },
      { type: 'messageReaction', text: undefined, reactionsAdded: [{ type: 'like' }] },
    ];
    for (const [k, patch] of kinds.entries()) add(`no token (${patch.type ?? 'message'} #${k})`, [401], () => ({ headers: {} }), patch);

    // 2. Mangled Authorization headers.
    header('empty header', () => '');
    header('only spaces', () => '   ');
    header('scheme only', () => 'Bearer');
    header('scheme and a space', () => 'Bearer ');
    header('lower-case scheme', (a) => `bearer ${genuine(a)}`);
    header('Basic credentials', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`);
    header('token without scheme', (a) => genuine(a));
    header('other scheme', (a) => `Token ${genuine(a)}`);
    header('two spaces after scheme', (a) => `Bearer  ${genuine(a)}`);
    header('trailing word', (a) => `Bearer ${genuine(a)} extra`);
    header('junk appended to the token', (a) => `Bearer ${genuine(a)}x`);
    header('junk prepended to the token', (a) => `Bearer x${genuine(a)}`);
    header('three empty segments', () => 'Bearer ..');
    header('random three segments', () => 'Bearer a.b.c');
    header('not base64', () => 'Bearer !!!.???.***');
    header('header and payload, no signature', (a) => `Bearer ${genuine(a).split('.').slice(0, 2).join('.')}`);
    header('signature truncated', (a) => `Bearer ${genuine(a).slice(0, -10)}`);
    header('signature of another token', (a) => {
      const [h, p] = genuine(a).split('.');
      const other = genuine(a, { iat: nowSeconds() - 120 }).split('.')[2];
      return `Bearer ${h}.${p}.${other}`;
    });
    header('payload swapped, signature kept', (a) => {
      const [h, , s] = genuine(a).split('.');
      return `Bearer ${h}.${Buffer.from(JSON.stringify(claimsFor(a, { aud: APP_ID, extra: 'tampered' }))).toString('base64url')}.${s}`;
    });
    header('very long garbage token', () => `Bearer ${'A'.repeat(8000)}`);
    header('JSON instead of a JWT', (a) => `Bearer ${JSON.stringify(claimsFor(a))}`);

    // 3. Claims wrong, signed by the published key.
    const wrongAudiences: unknown[] = [randomUUID(), '', APP_ID.toUpperCase(), `${APP_ID} `, [APP_ID], 'https://api.botframework.com', BOT_TENANT, null];
    wrongAudiences.forEach((aud, i) => token(`wrong audience #${i}`, (a) => genuine(a, { aud })));
    token('no audience', (a) => genuine(a, { aud: undefined }));
    const wrongIssuers = ['https://evil.example', 'https://api.botframework.com/', 'http://api.botframework.com', 'https://api.botframework.com.evil.example', 'https://API.BOTFRAMEWORK.COM', 'https://login.microsoftonline.com/common/v2.0', `https://sts.windows.net/${BOT_TENANT}/`, ''];
    wrongIssuers.forEach((iss, i) => token(`wrong issuer #${i}`, (a) => genuine(a, { iss })));
    token('no issuer', (a) => genuine(a, { iss: undefined }));
    // botframework allows five minutes of clock skew; these are well beyond it.
    for (const seconds of [6 * 60, 3600, 86_400 * 30]) token(`expired ${seconds}s ago`, (a) => genuine(a, { exp: nowSeconds() - seconds, nbf: nowSeconds() - seconds - 3600 }));
    for (const seconds of [6 * 60, 3600, 86_400 * 30]) token(`not valid for another ${seconds}s`, (a) => genuine(a, { nbf: nowSeconds() + seconds, exp: nowSeconds() + seconds + 3600 }));
    token('exp not a number', (a) => genuine(a, { exp: 'tomorrow' }));
    const wrongServiceUrls = (a: Activity) => [`http://evil.example/`, `${a.serviceUrl}evil`, String(a.serviceUrl).replace('127.0.0.1', 'localhost'), String(a.serviceUrl).toUpperCase(), String(a.serviceUrl).replace(/\/$/, ''), 'https://smba.trafficmanager.net/emea/'];
    for (let i = 0; i < 6; i++) token(`wrong service URL claim #${i}`, (a) => genuine(a, { serviceurl: wrongServiceUrls(a)[i] }));
    token('no service URL claim', (a) => genuine(a, { serviceurl: undefined }));
    token('activity service URL differs from the claim', (a) => genuine({ ...a, serviceUrl: 'http://evil.example/' }));
    for (const channelId of ['webchat', 'directline', 'emulator', 'slack', 'AseChannel']) token(`channel ${channelId} (key endorsed for msteams only)`, (a) => genuine(a), { channelId });
    token('skill token from another bot', (a) => genuine(a, { iss: EMULATOR_ISSUER, ver: '1.0', appid: randomUUID() }));
    token('anonymous skill claim', (a) => genuine(a, { iss: EMULATOR_ISSUER, ver: '1.0', appid: 'AnonymousSkillAppId' }));

    // 4. Bad signatures: another key, with the trusted key's id, an unknown id or none.
    token('other key, trusted kid', (a) => openid.sign(claimsFor(a), { key: attacker, kid: openid.key.kid }));
    token('other key, its own kid', (a) => openid.sign(claimsFor(a), { key: attacker }));
    token('other key, RS512, trusted kid', (a) => openid.sign(claimsFor(a), { key: attacker, kid: openid.key.kid, algorithm: 'RS512' }));
    token('other key, emulator issuer', (a) => openid.sign(claimsFor(a, { iss: EMULATOR_ISSUER, ver: '1.0', appid: APP_ID }), { key: attacker, kid: openid.key.kid }));
    token('other key, emulator v2 issuer', (a) => openid.sign(claimsFor(a, { iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0', ver: '2.0', azp: APP_ID }), { key: attacker, kid: openid.key.kid }));
    token('genuine header, signature bit-flipped', (a) => {
      const [h, p, s] = genuine(a).split('.');
      const sig = Buffer.from(s!, 'base64url');
      sig[0] = sig[0]! ^ 0xff;
      return `${h}.${p}.${sig.toString('base64url')}`;
    });
    token('kid header removed', (a) => {
      const [, p, s] = genuine(a).split('.');
      return `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')}.${p}.${s}`;
    });

    // 5. alg none and key confusion.
    for (const alg of ['none', 'None', 'NONE']) token(`alg ${alg}, trusted kid`, (a) => unsignedToken(claimsFor(a), openid.key.kid, alg));
    token('alg none, no kid', (a) => unsignedToken(claimsFor(a)));
    token('alg none with a signature segment', (a) => `${unsignedToken(claimsFor(a), openid.key.kid)}${genuine(a).split('.')[2]}`);
    token('HS256 keyed with the public key', (a) => hmacWithPublicKey(claimsFor(a), openid.key.publicPem, openid.key.kid));
    token('HS256 keyed with the public JWK modulus', (a) => hmacWithPublicKey(claimsFor(a), String((openid.key.publicKey.export({ format: 'jwk' }) as { n: string }).n), openid.key.kid));
    token('HS256 keyed with an empty secret', (a) => hmacWithPublicKey(claimsFor(a), '', openid.key.kid));

    // 6. Bodies that are not activities (a genuine token where one could be made).
    const raw = (name: string, body: string | Uint8Array, headers: Record<string, string> = {}, statuses = [400]) => add(name, statuses, (a) => ({ raw: body, headers: { ...bearer(genuine(a)), ...headers } }));
    raw('not JSON', '{not json');
    raw('truncated JSON', JSON.stringify(message(0)).slice(0, 40));
    raw('JSON array', '[]');
    raw('JSON string', '"message"');
    raw('JSON null', 'null');
    raw('JSON number', '123');
    raw('empty object', '{}');
    raw('empty type', JSON.stringify({ ...message(0), type: '' }));
    raw('empty body', '');
    raw('invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
    raw('text/plain body', JSON.stringify(message(0)), { 'content-type': 'text/plain' }, [415]);
    raw('form-encoded body', 'type=message&text=check', { 'content-type': 'application/x-www-form-urlencoded' }, [415]);
    raw('XML body', '<activity type="message"/>', { 'content-type': 'application/xml' }, [415]);
    raw('multipart upload', `--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(4096)}\r\n--b--\r\n`, { 'content-type': 'multipart/form-data; boundary=b' }, [415]);
    raw('type not a string', JSON.stringify({ ...message(0), type: 5 }));
    raw('no content type', JSON.stringify(message(0)), { 'content-type': '' }, [415]);
    raw('deeply nested JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`);

    // 7. Oversized bodies (the limit is MAX_BODY_BYTES, 256 KB by default), with a genuine token.
    for (const kb of [300, 1024, 4096]) add(`oversized ${kb} KB`, [413], (a) => ({ body: { ...a, text: `${MARK}${'x'.repeat(kb * 1024)}` }, headers: bearer(genuine(a)) }));
    add('oversized, no token', [413], (a) => ({ body: { ...a, text: 'x'.repeat(300 * 1024) } }));

    // 8. Wrong method or path.
    attempts.push({ name: 'GET /api/messages', expect: [405], send: () => fetch(`${bot.url}/api/messages`) });
    attempts.push({ name: 'PUT /api/messages', expect: [405], send: () => fetch(`${bot.url}/api/messages`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }) });
    attempts.push({ name: 'POST to another path', expect: [404, 405], send: () => fetch(`${bot.url}/api/messages/../admin`, { method: 'POST', body: '{}' }) });

    const before = await trace();
    const seen: { name: string; status: number; body: string }[] = [];
    // botframework-connector prints token failures with console.error; keep the run readable.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const quietWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const a of attempts) {
        const res = await a.send();
        seen.push({ name: a.name, status: res.status, body: await res.text() });
      }
    } finally {
      quiet.mockRestore();
      quietWarn.mockRestore();
    }

    const wrong = seen.filter((s, i) => !attempts[i]!.expect.includes(s.status)).map((s) => `${s.name}: HTTP ${s.status} ${s.body.slice(0, 120)}`);
    expect(wrong).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(100);
    // No reply of any kind went back.
    expect(seen.filter((s) => s.body.includes('"activities"') || s.body.includes('AdaptiveCard'))).toEqual([]);
    // Nothing was processed or stored.
    expect(await trace()).toEqual(before);
    // The marker text of every forged activity is nowhere in the logs.
    expect(bot.logs.lines.filter((l) => l.includes(MARK))).toEqual([]);
    // Each token refusal was logged once, without content.
    expect(bot.logs.lines.filter((l) => l.includes('token did not verify')).length).toBeGreaterThanOrEqual(attempts.filter((a) => a.expect.length === 1 && a.expect[0] === 401).length);
    console.info(`auth: ${seen.length} forged or malformed requests refused (${Object.entries(countBy(seen.map((s) => s.status))).map(([s, c]) => `${c}×${s}`).join(', ')})`);
  });

  it('refuses activities from tenants not on the allow-list, with a genuine token: no reply, no ref, no state, logged without content', async () => {
    const other = randomUUID();
    const cases: { name: string; patch: Partial<Activity> }[] = [
      { name: 'other tenant everywhere', patch: { channelData: { tenant: { id: other } }, conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: other } } },
      { name: 'other tenant in channelData, ours in conversation', patch: { channelData: { tenant: { id: other } } } },
      { name: 'ours in channelData missing, other in conversation', patch: { channelData: {}, conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: other } } },
      { name: 'no tenant at all', patch: { channelData: {}, conversation: { id: `a:${randomUUID()}`, conversationType: 'personal' } } },
      { name: 'our tenant id with a space', patch: { channelData: { tenant: { id: ` ${DEMO_TENANT}` } } } },
      { name: 'the bot\'s own tenant (not allow-listed)', patch: { channelData: { tenant: { id: BOT_TENANT } }, conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: BOT_TENANT } } },
      { name: 'card submit', patch: { text: undefined, value: { verb: 'check.start', fresh: 'true', note: `${MARK}submit` }, channelData: { tenant: { id: other } } } },
      { name: 'channel message', patch: { channelData: { tenant: { id: other }, channel: { id: '19:c' }, team: { id: '19:t' } }, conversation: { id: '19:c;messageid=1', conversationType: 'channel', tenantId: other } } },
      { name: 'members added', patch: { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '29:x' }], channelData: { tenant: { id: other } } } },
      { name: 'installation', patch: { type: 'installationUpdate', text: undefined, action: 'add', channelData: { tenant: { id: other } } } },
      { name: 'invoke', patch: { type: 'invoke', text: undefined, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'check.start' } }, channelData: { tenant: { id: other } } } },
    ];
    const before = await trace();
    const warnings = bot.logs.lines.length;
    for (const [i, c] of cases.entries()) {
      const activity = bot.activityFor(stranger, { text: `hello ${MARK}tenant-${i}`, ...c.patch });
      const res = await bot.post(activity, bearer(genuine(activity)));
      const text = await res.text();
      expect(res.status, `${c.name}: ${text}`).toBe(200);
      const body = (text ? JSON.parse(text) : {}) as { activities?: Activity[] };
      expect(body.activities ?? [], c.name).toEqual([]);
    }
    expect(await trace()).toEqual(before);
    const refusals = bot.logs.lines.slice(warnings).filter((l) => l.includes('tenant not on the allow-list'));
    expect(refusals).toHaveLength(cases.length);
    expect(bot.logs.lines.slice(warnings).filter((l) => l.includes(MARK) || l.includes(stranger.name))).toEqual([]);
    // Neither the stranger's reference nor any state for their conversation exists.
    expect((await bot.db.query('SELECT 1 FROM conversation_refs WHERE aad_object_id = $1', [stranger.aadObjectId])).rowCount).toBe(0);
  });

  it('still serves a genuine request after the barrage', async () => {
    const activity = bot.activityFor(socialWorker, { text: 'help' });
    const res = await bot.post(activity, bearer(genuine(activity)));
    expect(res.status).toBe(200);
  });
});

function countBy(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
