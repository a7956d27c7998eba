// `npm run eval`: measures the active understanding engine (offline unless a
// language model is configured) on the labelled descriptions in
// test/fixtures/understanding/: precision and recall per domain, overall, and
// immediate-risk recall, for the development set (used to write the phrases)
// and the held-out set (never tuned against) separately, plus how long one
// description takes. Exits 1 when the offline engine misses a target.
import { performance } from 'node:perf_hooks';
import { loadConfig, loadDotEnv } from '../src/config/env.js';
import { loadPolicy } from '../src/config/load-policies.js';
import { loadPhraseBook } from '../src/config/load-phrases.js';
import { loadDirectory } from '../src/config/load-directory.js';
import { createLogger } from '../src/log/logger.js';
import { createUnderstander } from '../src/teams/language-model/active-understander.js';
import { meetsTargets, score, TARGETS, type Score, type Understanding } from '../src/understanding/index.js';
import { FIXTURE_SETS, readFixtures } from './eval-understanding-fixtures.js';

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function table(name: string, s: Score): string {
  const rows = [
    ...Object.entries(s.byDomain).map(([d, c]) => [d, pct(c.precision), pct(c.recall), `${c.truePositives}/${c.falsePositives}/${c.falseNegatives}`]),
    ['all needs', pct(s.overall.precision), pct(s.overall.recall), `${s.overall.truePositives}/${s.overall.falsePositives}/${s.overall.falseNegatives}`],
  ];
  const lines = rows.map((r) => `  ${r[0]!.padEnd(20)} ${r[1]!.padStart(9)} ${r[2]!.padStart(9)}   ${r[3]}`);
  return [
    `${name}: ${s.descriptions} descriptions`,
    `  ${'domain'.padEnd(20)} ${'precision'.padStart(9)} ${'recall'.padStart(9)}   tp/fp/fn`,
    ...lines,
    `  immediate risk: ${s.risk.flagged} of ${s.risk.labelled} flagged (recall ${pct(s.risk.recall)})${s.risk.missed.length ? `, missed: ${s.risk.missed.join(', ')}` : ''}; ${s.risk.falseAlarms} asked about without a labelled risk`,
    `  ages read exactly: ${pct(s.agesExact)}; area read exactly: ${pct(s.areaExact)}`,
  ].join('\n');
}

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const policy = loadPolicy(config.POLICY_DIR);
  const understander = createUnderstander({
    config, policy, book: loadPhraseBook(config.POLICY_DIR, policy), directory: loadDirectory(config.directoryFile), log: createLogger('warn', process.stderr),
  });
  console.log(`engine: ${understander.engine}; targets: precision ≥ ${TARGETS.precision}, recall ≥ ${TARGETS.recall}, every immediate risk flagged\n`);
  let ok = true;
  const timings: number[] = [];
  for (const [name, file] of Object.entries(FIXTURE_SETS)) {
    const rows = readFixtures(file);
    const results: Understanding[] = [];
    for (const row of rows) {
      const t = performance.now();
      results.push(await understander.understand(row.text));
      timings.push(performance.now() - t);
    }
    const s = score(rows, results, policy.catalogue.needs);
    console.log(`${table(name, s)}\n`);
    ok &&= meetsTargets(s);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(`time per description: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)} ms (${timings.length} descriptions)`);
  console.log(ok ? 'targets met' : 'TARGETS MISSED');
  return ok || understander.engine !== 'offline' ? 0 : 1;
}

process.exitCode = await main();
