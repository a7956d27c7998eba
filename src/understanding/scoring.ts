// Owns measuring an understanding engine against labelled descriptions:
// precision and recall of the suggested needs per domain of the assessment
// triangle, immediate-risk recall (every labelled risk must be flagged), and
// how often the ages read match. "Acceptable" needs are defensible readings:
// suggesting one is not counted against precision, missing one is not
// counted against recall.
import { z } from 'zod';
import type { Need } from '../domain/policy/catalogue.js';
import type { NeedDomain } from '../domain/policy/vocabulary.js';
import type { Understanding } from './engine.js';

/** The targets for the offline engine. */
export const TARGETS = { precision: 0.85, recall: 0.8, riskRecall: 1 } as const;

export const LabelledDescriptionSchema = z.object({
  id: z.string(),
  text: z.string().min(1),
  needs: z.array(z.string()),
  acceptable: z.array(z.string()),
  risk: z.boolean(),
  ages: z.array(z.number().int()),
  area: z.string().optional(),
}).strict();
export type LabelledDescription = z.infer<typeof LabelledDescriptionSchema>;

export interface Counts { truePositives: number; falsePositives: number; falseNegatives: number; precision: number; recall: number }

export interface Score {
  descriptions: number;
  overall: Counts;
  byDomain: Record<NeedDomain, Counts>;
  risk: { labelled: number; flagged: number; recall: number; missed: string[]; falseAlarms: number };
  agesExact: number;
  areaExact: number;
}

function counts(tp: number, fp: number, fn: number): Counts {
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

export function score(rows: readonly LabelledDescription[], results: readonly Understanding[], catalogue: readonly Need[]): Score {
  const domainOf = new Map(catalogue.map((n) => [n.id, n.domain]));
  const tally = new Map<NeedDomain, [number, number, number]>();
  const bump = (id: string, slot: 0 | 1 | 2) => {
    const d = domainOf.get(id);
    if (!d) return;
    const t = tally.get(d) ?? [0, 0, 0];
    t[slot]++;
    tally.set(d, t);
  };
  let riskFlagged = 0;
  let falseAlarms = 0;
  let agesExact = 0;
  let areaExact = 0;
  const missed: string[] = [];
  rows.forEach((row, i) => {
    const u = results[i]!;
    const got = new Set(u.needs.map((n) => n.id));
    const allowed = new Set([...row.needs, ...row.acceptable]);
    for (const id of row.needs) bump(id, got.has(id) ? 0 : 2);
    for (const id of got) if (!allowed.has(id)) bump(id, 1);
    if (row.risk && u.immediateRiskSuspected) riskFlagged++;
    if (row.risk && !u.immediateRiskSuspected) missed.push(row.id);
    if (!row.risk && u.immediateRiskSuspected) falseAlarms++;
    if (JSON.stringify(u.ages) === JSON.stringify(row.ages)) agesExact++;
    if ((u.area?.id ?? undefined) === row.area) areaExact++;
  });
  const domains = ['child-development', 'parenting-capacity', 'family-environment'] as const;
  const byDomain = Object.fromEntries(domains.map((d) => {
    const [tp, fp, fn] = tally.get(d) ?? [0, 0, 0];
    return [d, counts(tp, fp, fn)];
  })) as Record<NeedDomain, Counts>;
  const sum = (k: 0 | 1 | 2) => [...tally.values()].reduce((a, t) => a + t[k], 0);
  const labelledRisk = rows.filter((r) => r.risk).length;
  return {
    descriptions: rows.length,
    overall: counts(sum(0), sum(1), sum(2)),
    byDomain,
    risk: { labelled: labelledRisk, flagged: riskFlagged, recall: labelledRisk === 0 ? 1 : riskFlagged / labelledRisk, missed, falseAlarms },
    agesExact: rows.length === 0 ? 1 : agesExact / rows.length,
    areaExact: rows.length === 0 ? 1 : areaExact / rows.length,
  };
}

export function meetsTargets(s: Score): boolean {
  return s.overall.precision >= TARGETS.precision && s.overall.recall >= TARGETS.recall && s.risk.recall >= TARGETS.riskRecall;
}
