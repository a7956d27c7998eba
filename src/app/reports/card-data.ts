// Owns the data the `report` and `report-drill` card templates draw: each
// section's facts, its chart (with the table the template puts in the
// chart's `fallback`), its drill-down buttons, and the period form with the
// values kept and each problem named. Labels only: nothing typed by anyone.
import type { FieldProblem } from '../../domain/field-problem.js';
import { PERIOD_CHOICES, type PeriodChoice } from '../../domain/reports/period.js';
import { periodWordsOf, type ReportSection } from '../../domain/reports/sections.js';
import type { BuiltReport, DrillCase } from './report.js';
import type { ReportDrill } from '../../domain/reports/sections.js';
import { escapeCardText } from '../../domain/text/card-text.js';

export const REPORT_CARD = 'report';
export const REPORT_DRILL_CARD = 'report-drill';
/** The verb the cases feature answers with the case card ("Open the case"). */
export const OPEN_CASE_VERB = 'case.open';
/** Most case references one drill-down card lists: keeps it inside the card budget. */
export const DRILL_MAX_CASES = 40;

export interface PeriodFormValues { period: string; from: string; to: string }

/** The rows the card shows: all, or the first `cardRows` and a last row saying how many more the CSV has. */
export function cardTableRows(t: ReportSection['table']): string[][] {
  if (t.cardRows === undefined || t.rows.length <= t.cardRows) return t.rows;
  const more = t.rows.length - t.cardRows;
  return [...t.rows.slice(0, t.cardRows), [`${more} more in the CSV`, ...t.columns.slice(1).map(() => '')]];
}

const tableOf = (s: ReportSection) => ({
  widths: s.table.columns.map((_, i) => ({ width: i === 0 ? 2 : 1 })),
  // The first cell names the row and may wrap; the figures after it are short.
  rows: [s.table.columns, ...cardTableRows(s.table)].map(([head, ...cells]) => ({ head: head ?? '', cells: cells.map((text) => ({ text })) })),
});

/** Whether a chart has anything to draw: an empty one is axes and labels like "2.50e-5", or a red 0% gauge for nothing due. */
function hasFigures(c: ReportSection['chart']): boolean {
  switch (c.kind) {
    case 'Chart.VerticalBar': return c.bars.some((b) => b.y > 0);
    case 'Chart.Donut': return c.slices.some((x) => x.value > 0);
    case 'Chart.Line': return c.lines.some((l) => l.values.some((v) => v.y > 0));
    case 'Chart.Gauge': return c.segments.some((x) => x.size > 0);
  }
}

function chartOf(s: ReportSection): Record<string, unknown> {
  const c = s.chart;
  // The facts above still say what the figures are (zeros, "no figures"): only the empty drawing is left out.
  if (!hasFigures(c)) return { kind: 'none', title: c.title };
  switch (c.kind) {
    case 'Chart.VerticalBar': return { kind: c.kind, title: c.title, bars: c.bars };
    case 'Chart.Donut': return { kind: c.kind, title: c.title, slices: c.slices };
    case 'Chart.Line': return { kind: c.kind, title: c.title, lines: c.lines };
    case 'Chart.Gauge': return { kind: c.kind, title: c.title, value: c.value, segments: c.segments };
  }
}

export function reportCardData(report: BuiltReport, form: PeriodFormValues, problems: FieldProblem[], csvUrl: string): Record<string, unknown> {
  const error = (field: string) => problems.find((p) => p.field === field)?.message ?? '';
  // Not named period/from/to: a press sends the card's inputs too, and the drill-down is for the period shown, whatever was typed since.
  const shown = { shownPeriod: report.period.choice, shownFrom: report.period.from, shownTo: report.period.to };
  return {
    title: `Report: ${report.scopeName}`,
    periodLine: `${PERIOD_CHOICES[report.period.choice]}: ${periodWordsOf(report.period.from, report.period.to)}`,
    sections: report.sections.map((s) => ({
      title: s.title, about: s.about, facts: s.facts, chart: chartOf(s), table: tableOf(s),
      drills: s.drills.map((d) => ({ title: d.title, data: { verb: 'report.drill', measure: d.measure, ...shown } })),
    })),
    periodChoices: Object.entries(PERIOD_CHOICES).map(([value, title]) => ({ title, value })),
    ...form, periodError: error('period'), fromError: error('from'), toError: error('to'),
    csvUrl,
  };
}

/** The form as the manager left it: their choice and dates, or the shown period's. */
export function formValuesOf(report: BuiltReport | undefined, raw: Record<string, unknown>): PeriodFormValues {
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  if (!report) return { period: text('period') || '4w', from: text('from'), to: text('to') };
  return { period: report.period.choice as PeriodChoice, from: report.period.choice === 'custom' ? report.period.from : text('from'), to: report.period.choice === 'custom' ? report.period.to : text('to') };
}

export function drillCardData(report: BuiltReport, drill: ReportDrill, cases: DrillCase[], form: PeriodFormValues): Record<string, unknown> {
  const shown = cases.slice(0, DRILL_MAX_CASES);
  const more = cases.length - shown.length;
  return {
    title: drill.title,
    intro: `${report.scopeName}, ${periodWordsOf(report.period.from, report.period.to)}. Case references only; open a case to see its details.${more > 0 ? ` Showing the first ${DRILL_MAX_CASES}; ${more} more are not shown.` : ''}`,
    items: shown.map((c) => ({ caseRef: escapeCardText(c.caseRef), open: c.caseId ? { verb: OPEN_CASE_VERB, caseId: c.caseId } : null })),
    back: { verb: 'report.show', ...form },
  };
}
