// Owns reading the labelled descriptions (test/fixtures/understanding/*.jsonl),
// each line validated, for `npm run eval` and the eval test.
import { readFileSync } from 'node:fs';
import { LabelledDescriptionSchema, type LabelledDescription } from '../src/understanding/index.js';

export const FIXTURE_SETS = { development: 'test/fixtures/understanding/dev.jsonl', 'held-out': 'test/fixtures/understanding/held-out.jsonl' } as const;

export function readFixtures(file: string): LabelledDescription[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((line, i) => {
    const parsed = LabelledDescriptionSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data;
  });
}
