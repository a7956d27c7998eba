// `npx tsx bench/gc-tail.ts [hi|check-step]`: where the p99 at 50 turns/s
// comes from. autocannon offers a rate as a burst at the start of each second
// (20 connections, 2–3 turns each), so the p99 of a 40 s run is the slowest
// burst or two. This sends the same bursts for 40 s, times each turn, and
// prints the slowest beside the compiled app's garbage-collector trace
// (--trace-gc), in milliseconds since the app started.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCompiledApp } from './processes.js';
import { activity, load, type Turn } from './turn-load.js';
const turn = (process.argv[2] ?? 'check-step') as Turn;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-bursts-'));
const started = Date.now();
let out = '';
const app = await startCompiledApp(dataDir, undefined, {
  nodeFlags: ['--trace-gc', ...(process.env.GC_TAIL_NODE_FLAGS ? process.env.GC_TAIL_NODE_FLAGS.split(' ') : [])],
  onStdout: (text) => { out += text; },
});
const url = app.url;
for (const t of ['hi', 'check-step'] as Turn[]) await load(url, { turn: t, conversations: 50, connections: 10, amount: 1000 });
await new Promise((r) => setTimeout(r, 3000));
const samples: { at: number; ms: number }[] = [];
let n = 0;
for (let second = 0; second < 40; second++) {
  const tick = Date.now();
  await Promise.all(Array.from({ length: 20 }, async () => {
    const t0 = performance.now();
    const at = Date.now() - started;
    const r = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(turn, n++ % 50)) });
    await r.text();
    samples.push({ at, ms: performance.now() - t0 });
  }));
  await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
}
const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
console.log(turn, 'p50', sorted[Math.floor(sorted.length * 0.5)]!.toFixed(1), 'p99', sorted[Math.floor(sorted.length * 0.99)]!.toFixed(1), 'max', sorted.at(-1)!.toFixed(1));
const slow = samples.filter((s) => s.ms > sorted[Math.floor(sorted.length * 0.99)]! * 0.8).sort((a, b) => a.at - b.at);
console.log('slow turns (start ms since spawn, ms):', slow.slice(0, 30).map((s) => `${s.at}:${s.ms.toFixed(0)}`).join(' '));
// The full collections as V8 reports them: heap before -> after, pause, marking steps, and "(reduce)" for the memory reducer's.
console.log(`full collections:\n${out.split('\n').filter((l) => /Mark-Compact/.test(l)).map((l) => `  ${l.replace(/^\[[^\]]*\]\s*/, '').slice(0, 160)}`).join('\n')}`);
const gcs = out.split('\n').filter((l) => /Mark-Compact|Scavenge/.test(l)).map((l) => ({ t: Number(/\s(\d+) ms: /.exec(l)?.[1]), kind: /Mark-Compact/.test(l) ? 'MC' : 'S', pause: Number(/MB, ([\d.]+) \/ /.exec(l)?.[1]) })).filter((g) => g.pause > 3);
console.log('GC pauses > 3 ms (ms since app start, kind, pause):', gcs.map((g) => `${g.t}:${g.kind}:${g.pause}`).join(' '));
await app.stop();
rmSync(dataDir, { recursive: true, force: true });
