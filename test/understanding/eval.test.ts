// The offline engine meets the targets on both labelled sets, and
// flags every description labelled as an immediate risk. Fails when a phrase
// change (or a catalogue change) costs precision, recall or a risk.
import { describe, expect, it } from 'vitest';
import { FIXTURE_SETS, readFixtures } from '../../scripts/eval-understanding-fixtures.js';
import { score, TARGETS } from '../../src/understanding/index.js';
import { policy, understand } from './engine.js';

describe('offline understanding engine on the labelled descriptions', () => {
  it('has at least 300 descriptions, 30 of them immediate risks, the held-out 100 apart', () => {
    const dev = readFixtures(FIXTURE_SETS.development);
    const held = readFixtures(FIXTURE_SETS['held-out']);
    expect(dev.length + held.length).toBeGreaterThanOrEqual(300);
    expect(held.length).toBeGreaterThanOrEqual(100);
    expect([...dev, ...held].filter((r) => r.risk).length).toBeGreaterThanOrEqual(30);
    const known = new Set(policy.catalogue.needs.map((n) => n.id));
    const unknown = [...dev, ...held].flatMap((r) => [...r.needs, ...r.acceptable]).filter((id) => !known.has(id));
    expect(unknown).toEqual([]);
  });

  for (const [name, file] of Object.entries(FIXTURE_SETS)) {
    it(`meets the targets on the ${name} set and flags every immediate risk`, () => {
      const rows = readFixtures(file);
      const s = score(rows, rows.map((r) => understand(r.text)), policy.catalogue.needs);
      expect(s.risk.missed).toEqual([]);
      expect(s.overall.precision).toBeGreaterThanOrEqual(TARGETS.precision);
      expect(s.overall.recall).toBeGreaterThanOrEqual(TARGETS.recall);
    });
  }
});
