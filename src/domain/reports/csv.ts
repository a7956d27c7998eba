// Owns the report as CSV for the data team: every fact and every table cell
// the card shows, one figure a line, made from the same sections as the card
// so the two always agree. Figures only: no case references, no family details.
import { csvText } from '../text/export-text.js';
import type { ReportSection } from './sections.js';

export const REPORT_CSV_COLUMNS = ['scope', 'from', 'to', 'section', 'figure', 'column', 'value'] as const;

export interface ReportCsvHead { scope: string; from: string; to: string }

/** One line per figure: a fact (`column` empty) or a table cell (`figure` is the row's first cell). */
export function reportCsvLines(head: ReportCsvHead, sections: ReportSection[]): string[][] {
  const lines: string[][] = [];
  for (const s of sections) {
    for (const f of s.facts) lines.push([head.scope, head.from, head.to, s.title, f.title, '', f.value]);
    for (const row of s.table.rows) {
      for (let i = 1; i < row.length; i += 1) lines.push([head.scope, head.from, head.to, s.title, row[0] ?? '', s.table.columns[i] ?? '', row[i] ?? '']);
    }
  }
  return lines;
}

export function reportCsv(head: ReportCsvHead, sections: ReportSection[]): string {
  return csvText(REPORT_CSV_COLUMNS, reportCsvLines(head, sections));
}
