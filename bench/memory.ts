// `npx tsx bench/memory.ts [turns]`: where the compiled app's memory goes and
// whether it grows. Starts node dist/main.js with --heapsnapshot-signal,
// warms it up, takes a heap snapshot (V8 collects garbage first, so only
// live objects count), runs `turns` more turns (half "hi", half check steps),
// takes another, and prints resident memory and the constructors whose live
// size grew most between the two. The snapshots stay in bench/results/ for
// Chrome DevTools (Memory tab, "Comparison").
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, rssMb } from './processes.js';
import { START_FLAGS } from '../src/server/garbage-collection.js';
import { load, type Turn } from './turn-load.js';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const turns = Number(process.argv[2] ?? 10_000);
const dir = path.resolve('bench/results');
mkdirSync(dir, { recursive: true });
const port = await freePort();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-memory-'));
const child = spawn(process.execPath, ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`, ...START_FLAGS, 'dist/main.js'], {
  env: { ...process.env, APP_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info', OPEN_PLAYGROUND: 'false', DATABASE_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
while (!(await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 200));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the app for a heap snapshot and waits until the file is complete. */
async function snapshot(): Promise<string> {
  const before = new Set(readdirSync(dir));
  child.kill('SIGUSR2');
  for (;;) {
    await sleep(1_000);
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (!file) continue;
    const size = statSync(path.join(dir, file)).size;
    await sleep(2_000);
    if (statSync(path.join(dir, file)).size === size && size > 0) return path.join(dir, file);
  }
}

/** Live bytes (self size) and object counts by constructor name. */
function byConstructor(file: string): Map<string, { count: number; bytes: number }> {
  const h = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = h.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const types = h.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < h.nodes.length; i += width) {
    const type = types[h.nodes[i + typeAt]!]!;
    const key = type === 'object' || type === 'closure' ? `${type} ${h.strings[h.nodes[i + nameAt]!]}` : `(${type})`;
    const e = out.get(key) ?? { count: 0, bytes: 0 };
    e.count += 1;
    e.bytes += h.nodes[i + sizeAt]!;
    out.set(key, e);
  }
  return out;
}

const turnLoad = async (turn: Turn, amount: number) => load(url, { turn, conversations: 50, connections: 50, amount });
await turnLoad('hi', 500);
await turnLoad('check-step', 500);
await sleep(3_000);
const rssIdle = rssMb(child.pid!);
const first = await snapshot();
const rssAfterFirst = rssMb(child.pid!);
await turnLoad('hi', turns / 2);
await turnLoad('check-step', turns / 2);
await sleep(3_000);
const rssAfterTurns = rssMb(child.pid!);
const second = await snapshot();
const rssAfterSecond = rssMb(child.pid!);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const a = byConstructor(first);
const b = byConstructor(second);
const total = (m: Map<string, { bytes: number }>) => [...m.values()].reduce((s, e) => s + e.bytes, 0);
const mb = (n: number) => (n / 2 ** 20).toFixed(1);
console.log(`resident: idle ${rssIdle} MB; after first snapshot ${rssAfterFirst} MB; after ${turns} turns ${rssAfterTurns} MB; after second snapshot ${rssAfterSecond} MB`);
console.log(`live heap: ${mb(total(a))} MB → ${mb(total(b))} MB (${first} → ${second})`);
const growth = [...b].map(([k, e]) => ({ k, count: e.count - (a.get(k)?.count ?? 0), bytes: e.bytes - (a.get(k)?.bytes ?? 0) }))
  .sort((x, y) => y.bytes - x.bytes).slice(0, 25);
console.log('\nLargest growth by constructor (live objects):');
for (const g of growth) console.log(`${(g.bytes / 1024).toFixed(0).padStart(8)} KB  ${String(g.count).padStart(8)} objects  ${g.k}`);
const largest = [...b].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, 15);
console.log('\nLargest live constructors after the turns:');
for (const [k, e] of largest) console.log(`${mb(e.bytes).padStart(8)} MB  ${String(e.count).padStart(8)} objects  ${k}`);
