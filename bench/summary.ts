// `npx tsx bench/summary.ts [n]`: the last n `npm run bench` results (bench/results/*.json)
// side by side: each measure's median with the range across runs, and the
// load average each run saw. The ratios are what to compare on a shared machine.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Row { measure: string; bare: number; app: number; ratio: number; target: string; ok: boolean; unit: string }
interface Result { machine: string; rows: Row[] }

const n = Number(process.argv[2] ?? 3);
const dir = path.resolve('bench/results');
const files = readdirSync(dir).filter((f) => /^\d{4}-.*\.json$/.test(f)).sort().slice(-n);
const results = files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Result);
// Of an even number of runs, the mean of the two middle ones (rounded as the figures are).
const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length / 2;
  return Number.isInteger(mid) ? +((s[mid - 1]! + s[mid]!) / 2).toFixed(2) : s[Math.floor(mid)]!;
};
const range = (xs: number[], unit = '') => { const s = xs.filter((x) => x !== null && !Number.isNaN(x)); return s.length ? `${Math.min(...s).toLocaleString('en-GB')}–${Math.max(...s).toLocaleString('en-GB')}${unit}` : ''; };

console.log(`${results.length} runs: ${files.join(', ')}`);
for (const r of results) console.log(`- ${r.machine}`);
console.log('\n| measure | bare echo bot (median, range) | Right Response (median, range) | ratio (median, range) | target | met in |');
console.log('|---|---:|---:|---:|---|---|');
for (const first of results[0]?.rows ?? []) {
  const same = results.map((r) => r.rows.find((x) => x.measure === first.measure)).filter((x): x is Row => !!x);
  const fmt = (xs: number[]) => (Number.isNaN(median(xs)) ? '' : `${median(xs).toLocaleString('en-GB')} ${first.unit} (${range(xs)})`);
  const ratios = same.map((x) => (x.ratio === null ? NaN : x.ratio));
  const met = first.target ? `${same.filter((x) => x.ok).length} of ${same.length}` : '';
  console.log(`| ${first.measure} | ${fmt(same.map((x) => x.bare ?? NaN))} | ${fmt(same.map((x) => x.app))} | ${Number.isNaN(median(ratios)) ? '' : `${median(ratios)}× (${range(ratios, '×')})`} | ${first.target} | ${met} |`);
}
