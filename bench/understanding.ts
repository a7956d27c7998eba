// The understanding engine's part of `npm run bench` (issue 14): how long one
// description takes to understand (target: under 50 ms at p95) and to
// redact, over the 300 labelled descriptions, each read several times, plus
// how long building the engine takes at start-up.
import { performance } from 'node:perf_hooks';
import { loadPolicy } from '../src/config/load-policies.js';
import { loadPhraseBook } from '../src/config/load-phrases.js';
import { createUnderstandingEngine } from '../src/understanding/index.js';
import { FIXTURE_SETS, readFixtures } from '../scripts/eval-understanding-fixtures.js';

export interface Timed { name: string; samples: number[] }

export function benchUnderstanding(rounds = 5): Timed[] {
  const policy = loadPolicy('policies');
  const started = performance.now();
  const engine = createUnderstandingEngine(loadPhraseBook('policies', policy), policy);
  const build = performance.now() - started;
  const texts = Object.values(FIXTURE_SETS).flatMap((f) => readFixtures(f).map((r) => r.text));
  const understand: number[] = [];
  const redact: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      let t = performance.now();
      engine.understand(text);
      understand.push(performance.now() - t);
      t = performance.now();
      engine.redact(text);
      redact.push(performance.now() - t);
    }
  }
  return [
    { name: 'understanding: build the engine (start-up)', samples: [build] },
    { name: 'understanding: one description (offline engine)', samples: understand },
    { name: 'understanding: redact one description (before a model)', samples: redact },
  ];
}
