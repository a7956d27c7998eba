// `npx tsx bench/profile.ts [hi|check-step]`: where a turn's time goes. Runs
// the compiled app under `node --cpu-prof`, loads it with one kind of turn
// (50 conversations at once, after a warm-up), and prints the heaviest
// packages and functions of the loaded period only (start-up left out).
// The .cpuprofile is kept in bench/results/ for Chrome DevTools.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './processes.js';
import { START_FLAGS } from '../src/server/garbage-collection.js';
import { load, type Turn } from './turn-load.js';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2);
const turn = (args.find((a) => !a.startsWith('--')) ?? 'check-step') as Turn;
// --bare: profile the bare Teams AI echo bot instead, for a side-by-side breakdown.
const bare = args.includes('--bare');
// --rate=N: offer N turns a second instead of as many as are answered, so the
// samples show CPU time rather than time spent waiting for a CPU on a full machine.
const rateArg = args.find((a) => a.startsWith('--rate='))?.slice('--rate='.length);
const rate = rateArg === undefined ? undefined : Number(rateArg);
if (rate !== undefined && !(Number.isInteger(rate) && rate > 0)) throw new Error(`--rate wants a whole number of turns a second, not "${rateArg}"`);
const dir = path.resolve('bench/results');
mkdirSync(dir, { recursive: true });
const before = new Set(readdirSync(dir));
const port = await freePort();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rr-profile-'));
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(bare ? ['bench/bare-echo-bot.mjs'] : [...START_FLAGS, 'dist/main.js'])], {
  env: { ...process.env, APP_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info', OPEN_PLAYGROUND: 'false' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
while (!(await fetch(`${url}/${bare ? 'healthz' : 'readyz'}`).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 200));
await load(url, { turn, conversations: 50, connections: 10, amount: 1_000 });
const started = Date.now();
const result = await load(url, { turn, conversations: 50, connections: 50, seconds: 15, rate });
const loadedMs = Date.now() - started;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
if (!file) throw new Error('no profile written');
console.log(`${bare ? 'bare bot ' : ''}${turn}: ${Math.round(result.perSecond)} turns/s, p99 ${result.p99} ms; profile ${path.join(dir, file)}`);

const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Keep the samples of the loaded period: the last `loadedMs` before the profile ends (shutdown is short).
const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
let t = 0;
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  if (t >= total - loadedMs * 1000) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const sum = [...selfUs.values()].reduce((a, b) => a + b, 0);
const packageOf = (u: string) => (!u ? '(native)' : /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? (u.includes('/dist/') ? `app ${u.split('/dist/')[1]!.split('/')[0]}` : u.startsWith('node:') ? 'node' : u));
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, us] of selfUs) {
  const f = byId.get(id)!.callFrame;
  byPackage.set(packageOf(f.url), (byPackage.get(packageOf(f.url)) ?? 0) + us);
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/')}:${f.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
// Where one turn's time goes, in µs per turn, grouped the way the README's table is.
const CATEGORIES: [string, (pkg: string, fn: string) => boolean][] = [
  ['waiting (idle: for the database or the client)', (_p, f) => f === '(idle)'],
  ['garbage collection', (_p, f) => f === '(garbage collector)'],
  ['socket writes (incl. waiting for a CPU after waking the reader)', (_p, f) => f === 'writev' || f === 'writeBuffer' || f === 'writeUtf8String'],
  ['Right Response code (dist/)', (p) => p.startsWith('app ')],
  ['Teams AI + Bot Framework SDK (incl. its Azure HTTP pipeline)', (p) => /^(@microsoft\/teams-ai|botbuilder|botframework|@azure\/|@typespec\/)/.test(p)],
  ['HTTP server (restify, Node http)', (p) => /^(restify|find-my-way|node)$/.test(p)],
  ['PostgreSQL client (pg)', (p) => /^pg/.test(p)],
  ['validation (zod)', (p) => p === 'zod'],
  ['card templating (adaptive-expressions)', (p) => /^(adaptive|antlr4ts|lodash)/.test(p)],
  ['job runner, metrics, logging', (p) => /^(graphile-worker|prom-client|pino|sonic-boom)/.test(p)],
];
const byCategory = new Map<string, number>();
for (const [id, us] of selfUs) {
  const f = byId.get(id)!.callFrame;
  const name = CATEGORIES.find(([, test]) => test(packageOf(f.url), f.functionName))?.[0] ?? 'other (V8, Node internals)';
  byCategory.set(name, (byCategory.get(name) ?? 0) + us);
}
const turns = result.requests;
console.log(`\nPer turn (${turns} turns in ${(loadedMs / 1000).toFixed(0)} s; µs of this process's main thread per turn):`);
for (const [name, us] of [...byCategory].sort((a, b) => b[1] - a[1])) console.log(`${String(Math.round(us / turns)).padStart(6)} µs  ${((100 * us) / sum).toFixed(1).padStart(5)}%  ${name}`);

const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / sum).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`\nSelf time by package (loaded period):\n${top(byPackage, 20)}\n\nSelf time by function:\n${top(byFunction, 30)}`);
