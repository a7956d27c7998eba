// Owns making stored values safe in the files people download: HTML pages
// (the printable request, the subject access export) and CSV (the hub queue,
// the audit trail). One escaping rule each, so every export is as safe as the
// best of them. Pure.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text as HTML text or attribute content: no markup, no way out of a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * One CSV cell, RFC 4180 quoted. Dates are ISO 8601, objects JSON. A value a
 * spreadsheet would run as a formula (= + - @, tab, carriage return) gets a
 * leading apostrophe so it is shown as text.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? ''
    : value instanceof Date ? value.toISOString()
      : typeof value === 'object' ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** CSV text: a header line, then one line per row, CRLF-terminated (RFC 4180). */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
