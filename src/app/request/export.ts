// Owns the exports for the case management system: one request as a
// printable HTML page, and a hub's queue as CSV. Reached only through a
// signed link (signed-links.ts); the user it names is authorised again from
// the directory and the stored record, and every use is audited. Every value
// is escaped: HTML entities in the page, formula-safe quoting in the CSV.
import { findHub } from '../../domain/directory/lookup.js';
import { csvText, escapeHtml } from '../../domain/text/export-text.js';
import { LEVEL_NAMES } from '../../domain/request/need-work-sections.js';
import { STATUS_LABELS } from '../../domain/request/status.js';
import { VULNERABILITY_FACTORS, type VulnerabilityFactor } from '../../domain/request/priority.js';
import { formatCardDateTime } from '../../domain/time/london-format.js';
import { writeAudit } from '../../store/audit-store.js';
import { isHubManager } from '../../domain/access/roles.js';
import { AccessDeniedError } from '../errors.js';
import { actorFor, personName, type RequestDeps } from './access.js';
import { summariseForm } from './summary.js';
import { hubQueue, viewRequest } from './views.js';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#111}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem;border-bottom:1px solid #999}
dl{display:grid;grid-template-columns:14rem 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}.note{color:#555;font-size:.9rem}@media print{.note{display:none}}</style>
</head><body>${body}</body></html>`;

const dl = (facts: Array<{ title: string; value: string }>) =>
  `<dl>${facts.map((f) => `<dt>${escapeHtml(f.title)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`;

/** The printable summary for `user` (from a verified link); AccessDeniedError (audited) when they may not see it. */
export async function requestSummaryHtml(deps: RequestDeps, user: string, requestId: string): Promise<string> {
  const view = await viewRequest(deps, actorFor(deps.directory, user), requestId, 'export');
  const r = view.request;
  const status = [
    { title: 'Case reference', value: r.case_ref ?? '' },
    { title: 'Status', value: STATUS_LABELS[r.status] },
    { title: 'Hub', value: view.hub?.name ?? '' },
    { title: 'Level of need', value: r.level ? `Level ${r.level} (${LEVEL_NAMES[r.level]})` : '' },
    { title: 'Priority factors', value: r.vulnerability_factors.map((f) => VULNERABILITY_FACTORS[f as VulnerabilityFactor] ?? f).join('; ') || 'None' },
    { title: 'Referrer', value: [r.form.referrer?.name ?? personName(deps.directory, r.referrer_aad), r.form.referrer?.team ?? ''].filter(Boolean).join(', ') },
    { title: 'Submitted', value: r.submitted_at ? formatCardDateTime(r.submitted_at) : 'Not yet (draft)' },
    { title: 'Allocated to', value: personName(deps.directory, r.allocated_to) },
    { title: 'Support started', value: r.start_date ?? '' },
    { title: 'Declined because', value: r.decline_reason ?? '' },
    { title: 'Alternatives offered', value: r.decline_alternatives ?? '' },
  ].filter((f) => f.value !== '');
  const sections = summariseForm(r.form, deps.directory).map((s) => `<h2>${escapeHtml(s.title)}</h2>${dl(s.facts)}`).join('');
  const history = view.history.map((h) => ({ title: formatCardDateTime(h.at), value: `${STATUS_LABELS[h.to_status]} (${personName(deps.directory, h.actor)})` }));
  return page(`0–19 request ${r.case_ref ?? ''}`,
    `<h1>0–19 Request Form: ${escapeHtml(r.case_ref ?? '')}</h1><p class="note">Official: sensitive. Printed from Right Response for the case record; do not forward.</p>${dl(status)}${sections}<h2>Status history</h2>${dl(history)}`);
}

export const QUEUE_CSV_COLUMNS = ['request_id', 'case_ref', 'level', 'vulnerability', 'vulnerability_factors', 'agreed_work', 'age_range', 'status', 'submitted_at', 'suggested_practitioner'];

/** The manager's hub queue, in priority order, with no names of family members (ids, codes and ages only). */
export async function hubQueueCsv(deps: RequestDeps, user: string, hubId: string): Promise<{ filename: string; csv: string }> {
  const actor = actorFor(deps.directory, user);
  // Authorised again at use: the person must still manage this very hub.
  if (!isHubManager(actor.person, hubId)) {
    await writeAudit(deps.db, { actor: user, action: 'request.queue.export', outcome: 'refused', recordType: 'hub', recordId: hubId }, deps.clock.now());
    throw new AccessDeniedError();
  }
  const { hub, queue } = await hubQueue(deps, actor);
  const rows = queue.map((r) => [r.id, r.case_ref, r.level, r.vulnerability, r.vulnerability_factors.join(' '), r.intervention, r.age_range, r.status,
    r.submitted_at ?? '', personName(deps.directory, r.suggested_practitioner_aad)]);
  await writeAudit(deps.db, { actor: user, action: 'request.queue.export', recordType: 'hub', recordId: hub.id, detail: { rows: queue.length } }, deps.clock.now());
  return { filename: `${findHub(deps.directory, hub.id)?.id ?? 'hub'}-queue.csv`, csv: csvText(QUEUE_CSV_COLUMNS, rows) };
}
