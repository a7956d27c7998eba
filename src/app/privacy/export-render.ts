// Owns how a case export reads: JSON as stored, a readable HTML page (every
// value escaped, no script, no external resource) and the audit trail as CSV
// (every cell quoted, formula-looking cells defused for spreadsheets).
import type { CaseAuditExport, CaseExport } from './case-records.js';
import { csvText, escapeHtml } from '../../domain/text/export-text.js';

const TABLE_TITLES: Record<string, string> = {
  checks: 'Threshold checks',
  requests: '0–19 requests',
  request_status_history: 'Request status history',
  bookings: 'OSR joint-visit bookings',
  reminders: 'Reminders',
  notifications: 'Notifications (cards sent or queued)',
  record_cards: 'Cards shown in Teams (to redraw them)',
  missing_episodes: 'Missing episodes',
  parenting_sessions: 'Parenting sessions',
  parenting_reviews: 'Parenting reviews',
  family_feedback: 'Family feedback',
  cases: 'Case record',
};

export function tableTitle(table: string): string {
  return TABLE_TITLES[table] ?? table.replace(/_/g, ' ');
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '<span class="none">—</span>';
  if (value instanceof Date) return escapeHtml(value.toISOString());
  if (typeof value === 'object') return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
  return escapeHtml(String(value));
}

export function exportJson(data: CaseExport): string {
  return JSON.stringify(data, null, 2);
}

export function exportHtml(data: CaseExport): string {
  const sections = Object.entries(data.records).map(([table, rows]) => `
<h2>${escapeHtml(TABLE_TITLES[table] ?? table)} (${rows.length})</h2>
${rows.map((row, i) => `<table><caption>${escapeHtml(TABLE_TITLES[table] ?? table)} ${i + 1}</caption>
${Object.entries(row).map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${cell(v)}</td></tr>`).join('\n')}
</table>`).join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Subject access export: ${escapeHtml(data.caseRef)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem; color: #222; }
table { border-collapse: collapse; margin: 0 0 1.5rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { width: 14rem; background: #f5f5f5; font-weight: 500; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.none { color: #888; }
.note { background: #fff8e1; padding: .75rem 1rem; border-left: 4px solid #f0ad4e; }
</style>
</head>
<body>
<h1>Records held about case ${escapeHtml(data.caseRef)}</h1>
<p>Exported from Right Response on ${escapeHtml(data.exportedAt)} by ${escapeHtml(data.exportedBy)}.</p>
<p class="note">Before release to the requester, your data protection officer reviews this export: staff identifiers and anything about other people are third-party data. The case file itself is in the case management system.</p>
${sections || '<p>Right Response holds no records about this case reference.</p>'}
</body>
</html>
`;
}

const AUDIT_COLUMNS = ['id', 'at', 'actor', 'action', 'outcome', 'record_type', 'record_id', 'case_ref', 'before', 'after', 'detail'] as const;

export function auditCsv(data: CaseAuditExport): string {
  return csvText(AUDIT_COLUMNS, data.rows.map((r) => AUDIT_COLUMNS.map((c) => r[c])));
}

export function auditJson(data: CaseAuditExport): string {
  return JSON.stringify(data, null, 2);
}
