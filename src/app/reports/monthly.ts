// Owns the monthly report card (issue 15): once a month each hub manager and
// DAT manager gets last month's report for their hub or team. Run daily by
// the job queue; a manager already sent this month's card is skipped, so a
// second run, a retry or a second app instance sends nothing twice (the send
// log's key and the outbox's dedupe key both say so).
import { withTransaction, type Db } from '../../store/db.js';
import { claimMonthlySend } from '../../store/report-store.js';
import { enqueueNotification } from '../../store/outbox.js';
import { writeAudit } from '../../store/audit-store.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Policy } from '../../domain/policy/index.js';
import type { Logger } from '../../log/logger.js';
import type { Clock } from '../clock.js';
import type { ReportScope } from '../../domain/reports/scope.js';
import { previousMonth } from '../../domain/reports/period.js';
import { isRole } from '../../domain/access/roles.js';
import { buildReport, scopeKey } from './report.js';
import { reportCardData, REPORT_CARD } from './card-data.js';
import { periodWordsOf } from '../../domain/reports/sections.js';

export interface MonthlyReportDeps { db: Db; directory: Directory; policy: Policy; clock: Clock; log: Logger }

/** Sends last month's report to every hub and DAT manager who has not had it; returns how many were sent. */
export async function sendMonthlyReports(deps: MonthlyReportDeps): Promise<number> {
  const now = deps.clock.now();
  const month = previousMonth(now);
  let sent = 0;
  for (const manager of deps.directory.people) {
    // Their own hub or team, even for a manager who is also an administrator: the monthly card is about their service.
    const scope: ReportScope | null = isRole(manager, 'hub-manager') && manager.hubId ? { kind: 'hub', hubId: manager.hubId }
      : isRole(manager, 'dat-manager') && manager.datTeamId ? { kind: 'dat-team', datTeamId: manager.datTeamId } : null;
    if (!scope) continue;
    await withTransaction(deps.db, async (tx) => {
      if (!(await claimMonthlySend(tx, month.month, manager.aadObjectId, now))) return;
      const report = await buildReport(tx, deps, scope, month, now);
      // No CSV link in a card that waits in the outbox: it would expire. "Show report" on the card makes a fresh one.
      const data = reportCardData(report, { period: 'custom', from: month.from, to: month.to }, [], '');
      await enqueueNotification(tx, {
        to: { kind: 'user', aadObjectId: manager.aadObjectId }, template: REPORT_CARD, data: { ...data, title: `Monthly report: ${report.scopeName}`, periodLine: `Last month: ${periodWordsOf(month.from, month.to)}` },
        summary: 'Your monthly report', dedupeKey: `monthly-report:${month.month}>${manager.aadObjectId}`,
      });
      await writeAudit(tx, { actor: 'system', action: 'report.monthly', recordType: 'report', recordId: scopeKey(scope), detail: { month: month.month, to: manager.aadObjectId } }, now);
      sent += 1;
    });
  }
  return sent;
}
