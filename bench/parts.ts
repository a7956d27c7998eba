// Micro-benchmarks of parts a turn uses, in this process: the threshold
// engine, card rendering and the understanding engine. Numbers to compare between runs on one machine.
import { performance } from 'node:perf_hooks';
import { loadPolicy } from '../src/config/load-policies.js';
import { evaluateCase, parseCaseFacts } from '../src/domain/threshold/index.js';
import { renderCardJson } from '../src/teams/cards/render.js';
import { benchUnderstanding } from './understanding.js';

export interface PartStat { part: string; n: number; p50ms: number; p95ms: number; perSecond: number }

function summarise(part: string, samples: number[]): PartStat {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const total = samples.reduce((a, b) => a + b, 0);
  return { part, n: samples.length, p50ms: +at(0.5).toFixed(3), p95ms: +at(0.95).toFixed(3), perSecond: Math.round((samples.length / total) * 1000) };
}

async function time(n: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchParts(): Promise<PartStat[]> {
  const policy = loadPolicy('policies');
  const needIds = policy.catalogue.needs.map((n) => n.id);
  const areas = policy.areas.areas.map((a) => a.id);
  const cases = Array.from({ length: 5000 }, (_, i) => ({
    area: areas[i % areas.length], children: [{ age: i % 19 }], needs: needIds.filter((_, j) => (i * 7 + j) % 9 === 0),
    informationSharingDiscussed: i % 2 === 0, teamAroundFamily: 'none', existingInvolvement: 'none',
  }));
  const sample = (await import('../cards/samples/check-result.json', { with: { type: 'json' } })).default;
  return [
    summarise('engine: parse + evaluate one case', await time(cases.length, (i) => {
      const parsed = parseCaseFacts(cases[i], policy);
      if (parsed.ok) evaluateCase(parsed.facts, policy);
    })),
    summarise('cards: render check-result', await time(2000, () => renderCardJson('check-result', sample))),
    // Issue 14: one description under 50 ms at p95.
    ...benchUnderstanding().map((t) => summarise(t.name, t.samples)),
  ];
}
