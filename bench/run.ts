// `npm run bench`: how fast the parts users wait on are. Numbers, not
// assertions: compare runs on the same machine. Starts its own embedded
// PostgreSQL in a temp folder; nothing else needs to be running.
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { loadPolicy } from '../src/config/load-policies.js';
import { evaluateCase, parseCaseFacts } from '../src/domain/threshold/index.js';
import { renderCardJson } from '../src/teams/cards/render.js';
import { loadConfig } from '../src/config/env.js';
import { startApp } from '../src/main.js';

interface Stat { name: string; n: number; p50ms: number; p95ms: number; perSecond: number }

function summarise(name: string, samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const total = samples.reduce((a, b) => a + b, 0);
  return { name, n: samples.length, p50ms: +at(0.5).toFixed(3), p95ms: +at(0.95).toFixed(3), perSecond: Math.round((samples.length / total) * 1000) };
}

async function time(n: number, fn: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function main() {
  const stats: Stat[] = [];
  const policy = loadPolicy('policies');
  const needIds = policy.catalogue.needs.map((n) => n.id);
  const areas = policy.areas.areas.map((a) => a.id);
  const cases = Array.from({ length: 5000 }, (_, i) => ({
    area: areas[i % areas.length], children: [{ age: i % 19 }], needs: needIds.filter((_, j) => (i * 7 + j) % 9 === 0),
    informationSharingDiscussed: i % 2 === 0, teamAroundFamily: 'none', existingInvolvement: 'none',
  }));
  stats.push(summarise('engine: parse + evaluate one case', await time(cases.length, (i) => {
    const parsed = parseCaseFacts(cases[i], policy);
    if (parsed.ok) evaluateCase(parsed.facts, policy);
  })));

  const sample = (await import('../cards/samples/check-result.json', { with: { type: 'json' } })).default;
  stats.push(summarise('cards: render check-result', await time(2000, () => renderCardJson('check-result', sample))));

  const dataDir = mkdtempSync(path.join(tmpdir(), 'rr-bench-'));
  const app = await startApp(loadConfig({ APP_ENV: 'development', PORT: '0', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'silent', OPEN_PLAYGROUND: 'false' }));
  try {
    const user = { id: '29:bench', aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Demo Social Worker' };
    const post = (body: object) => fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.text());
    const activity = (extra: object) => ({
      type: 'message', id: randomUUID(), channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', from: user,
      recipient: { id: '28:bot' }, conversation: { id: 'a:bench', conversationType: 'personal', tenantId: 't' }, channelData: { tenant: { id: 't' } }, ...extra,
    });
    await post(activity({ text: 'hi' }));
    stats.push(summarise('bot over HTTP: "hi" → welcome card', await time(300, () => post(activity({ text: 'hi' })))));
    stats.push(summarise('bot over HTTP: threshold check safety step (creates a check)', await time(200, () => post(activity({ value: { verb: 'check.safety', area: 'barnet', immediateRisk: 'no' } })))));
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.table(stats);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify(stats, null, 2));
}

void main();
