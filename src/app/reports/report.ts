// Owns the managers' report (issue 15): who may see which (administrators
// everything, hub managers their hub, DAT managers their team; anyone else is
// refused and audited), reading the rows for the period, computing the
// figures (src/domain/reports) and auditing every view. Also the drill-down:
// the cases behind a figure, limited to the viewer's scope, each with its
// case id so the card can offer "Open the case".
import type { Db, Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { casesInScope, readReportRows } from '../../store/report-store.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Actor } from '../../domain/directory/actor.js';
import type { Policy } from '../../domain/policy/index.js';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../../config/env.js';
import { refuseAudited } from '../refusal.js';
import { AccessDeniedError } from '../errors.js';
import { reportScopeFor, scopeFilter, scopeName, type ReportScope } from '../../domain/reports/scope.js';
import { choosePeriod, previousPeriod, type ReportPeriod } from '../../domain/reports/period.js';
import { reportFigures, type ReportContext, type ReportFigures } from '../../domain/reports/figures.js';
import { reportSections, type DrillMeasure, type ReportDrill, type ReportSection } from '../../domain/reports/sections.js';
import { serviceTimescales } from '../../domain/reminders/service-timescales.js';
import type { FieldProblem } from '../../domain/field-problem.js';
import { serviceOfHub } from '../request/form-context.js';

export const REPORT_VIEW_ACTION = 'report.view';

export interface ReportDeps { db: Db; directory: Directory; clock: Clock; config: AppConfig; policy: Policy }

export interface BuiltReport {
  scope: ReportScope;
  scopeName: string;
  period: ReportPeriod;
  figures: ReportFigures;
  sections: ReportSection[];
}

/** The hubs and services every report names, from the directory and the policy packs. */
function reportContext(deps: Pick<ReportDeps, 'directory' | 'policy'>, period: ReportPeriod, placeHubIds: string[], now: Date): ReportContext {
  const hubs = deps.directory.hubs.map((h) => ({ id: h.id, name: h.name, weeklyCap: h.weeklyCap, serviceId: h.service ?? '' }));
  const serviceIds = [...new Set(hubs.map((h) => h.serviceId))];
  const services = serviceIds.map((id) => {
    const pack = serviceOfHub(deps.policy, { service: id || undefined });
    return { serviceId: id, name: pack?.name ?? 'Hubs with no service set', startWithin: serviceTimescales(pack)['support-start'] ?? null };
  });
  return { period, previous: previousPeriod(period), now, hubs, placeHubIds, services };
}

/** Reads and computes one report; no authorisation here (callers decide who may see `scope`). */
export async function buildReport(q: Queryable, deps: Pick<ReportDeps, 'directory' | 'policy'>, scope: ReportScope, period: ReportPeriod, now: Date): Promise<BuiltReport> {
  const filter = scopeFilter(deps.directory, scope);
  const placeHubIds = filter.placeHubIds ?? deps.directory.hubs.map((h) => h.id);
  const ctx = reportContext(deps, period, placeHubIds, now);
  const rows = await readReportRows(q, filter, { weeks: period.weeks, startsAt: period.startsAt, endsAt: period.endsAt, previousStartsAt: ctx.previous.startsAt, now });
  const figures = reportFigures(rows, ctx);
  const hubName = (id: string) => deps.directory.hubs.find((h) => h.id === id)?.name ?? 'A hub no longer in the directory';
  return { scope, scopeName: scopeName(deps.directory, scope), period, figures, sections: reportSections(figures, { hubName }) };
}

/** The viewer's scope, or a refusal (audited) for anyone who is not a manager or administrator. */
export async function scopeOrRefuse(deps: ReportDeps, actor: Actor, action = REPORT_VIEW_ACTION): Promise<ReportScope> {
  const scope = reportScopeFor(actor.person);
  if (scope) return scope;
  return refuseAudited(deps.db, { actor: actor.aadObjectId, action, recordType: 'report' }, deps.clock.now(),
    new AccessDeniedError('REPORT_ACCESS_DENIED', 'Reports are for hub managers, DAT managers and administrators. If you need one, ask your team manager.'));
}

export type ReportOutcome = { kind: 'report'; report: BuiltReport } | { kind: 'invalid'; problems: FieldProblem[] };

/** The report for the period the card asked for; each view is audited with its scope and dates. */
export async function viewReport(deps: ReportDeps, actor: Actor, raw: { period?: unknown; from?: unknown; to?: unknown }): Promise<ReportOutcome> {
  const scope = await scopeOrRefuse(deps, actor);
  const now = deps.clock.now();
  const chosen = choosePeriod(raw, now);
  if (!chosen.ok) return { kind: 'invalid', problems: chosen.problems };
  const report = await buildReport(deps.db, deps, scope, chosen.period, now);
  await writeAudit(deps.db, { actor: actor.aadObjectId, action: REPORT_VIEW_ACTION, recordType: 'report', recordId: scopeKey(scope),
    detail: { from: chosen.period.from, to: chosen.period.to } }, now);
  return { kind: 'report', report };
}

/** One case of a drill-down: its reference, and its id when it is a case that can be opened. */
export interface DrillCase { caseRef: string; caseId: string | null }
export type DrillOutcome = { kind: 'drill'; report: BuiltReport; drill: ReportDrill; cases: DrillCase[] } | { kind: 'invalid'; problems: FieldProblem[] };

/**
 * The cases behind one figure, audited like a view. Only cases with a record
 * in the viewer's scope are listed (a record not yet linked to a case is
 * listed by its reference, with nothing to open).
 */
export async function drillDown(deps: ReportDeps, actor: Actor, measure: DrillMeasure, raw: { period?: unknown; from?: unknown; to?: unknown }): Promise<DrillOutcome> {
  const viewed = await viewReport(deps, actor, raw);
  if (viewed.kind === 'invalid') return viewed;
  const drill = viewed.report.sections.flatMap((s) => s.drills).find((d) => d.measure === measure) ?? { measure, title: 'Cases', cases: [] };
  const scoped = await casesInScope(deps.db, scopeFilter(deps.directory, viewed.report.scope), drill.cases.flatMap((c) => (c.caseId ? [c.caseId] : [])));
  const cases = drill.cases.flatMap((c): DrillCase[] => {
    if (!c.caseId) return [{ caseRef: c.caseRef, caseId: null }];
    const found = scoped.get(c.caseId);
    return found ? [{ caseRef: found.caseRef, caseId: found.caseId }] : [];
  });
  // Which cases were listed is recorded too: a list of cases is more than a count.
  await writeAudit(deps.db, { actor: actor.aadObjectId, action: 'report.drill', recordType: 'report', recordId: scopeKey(viewed.report.scope),
    detail: { measure, from: viewed.report.period.from, to: viewed.report.period.to, cases: cases.length } }, deps.clock.now());
  return { kind: 'drill', report: viewed.report, drill, cases };
}

/** 'all', 'hub:barnet-north', 'dat-team:dat-barnet-a': the audit's record id for a scope. */
export function scopeKey(scope: ReportScope): string {
  return scope.kind === 'all' ? 'all' : scope.kind === 'hub' ? `hub:${scope.hubId}` : `dat-team:${scope.datTeamId}`;
}
