// Owns the report's CSV for the data team, through the one signed-link scheme
// (src/app/links/signed-link.ts): the link names the user and the period's
// dates, expires quickly, and at use the user is authorised again from the
// directory (their scope today, not when the link was made). Every download
// is audited. Figures only: no case references or family details.
import type { AppConfig } from '../../config/env.js';
import type { GetRoute } from '../../server/http-server.js';
import { parseExpiry, publicBaseUrl, signLink, verifyLink } from '../links/signed-link.js';
import { answerLink, fileAnswer } from '../links/link-answers.js';
import { actorFor } from '../../domain/directory/actor.js';
import { writeAudit } from '../../store/audit-store.js';
import { periodBetween, type ReportPeriod } from '../../domain/reports/period.js';
import { reportCsv, reportCsvLines } from '../../domain/reports/csv.js';
import { isIsoDate, parseIsoDate } from '../../domain/time/zoned-clock.js';
import { buildReport, scopeKey, scopeOrRefuse, type ReportDeps } from './report.js';

export const REPORT_CSV_PATH = '/export/reports/figures.csv';
export const REPORT_EXPORT_ACTION = 'report.export';
/** Long enough to open from the card, short enough that a forwarded link is soon useless (as the request links). */
export const REPORT_LINK_TTL_MINUTES = 15;
const PURPOSE = 'rr-report-csv';

export function reportCsvLink(config: Pick<AppConfig, 'BOT_DOMAIN' | 'PORT' | 'REQUEST_LINK_SECRET'>, user: string, period: Pick<ReportPeriod, 'from' | 'to'>, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + REPORT_LINK_TTL_MINUTES * 60;
  const sig = signLink(config.REQUEST_LINK_SECRET, PURPOSE, [user, period.from, period.to], expires);
  const q = new URLSearchParams({ u: user, from: period.from, to: period.to, exp: String(expires), sig });
  return `${publicBaseUrl(config)}${REPORT_CSV_PATH}?${q.toString()}`;
}

/** The CSV for `user`'s scope over the dates; AccessDeniedError (audited) when they may no longer see a report. */
export async function reportCsvFor(deps: ReportDeps, user: string, from: string, to: string): Promise<{ filename: string; csv: string }> {
  const actor = actorFor(deps.directory, user);
  const scope = await scopeOrRefuse(deps, actor, REPORT_EXPORT_ACTION);
  const now = deps.clock.now();
  const period = periodBetween('custom', parseIsoDate(from), parseIsoDate(to));
  const report = await buildReport(deps.db, deps, scope, period, now);
  const head = { scope: report.scopeName, from, to };
  await writeAudit(deps.db, { actor: user, action: REPORT_EXPORT_ACTION, recordType: 'report', recordId: scopeKey(scope),
    detail: { from, to, lines: reportCsvLines(head, report.sections).length } }, now);
  return { filename: `report-${from}-to-${to}.csv`, csv: reportCsv(head, report.sections) };
}

const WORDS = {
  expired: 'This link has expired. Open the report in Teams again to get a new one.',
  forbidden: 'You no longer have access to this report. Ask your team manager if you think you should.',
};

export function reportExportRoutes(deps: ReportDeps): GetRoute[] {
  return [{
    path: REPORT_CSV_PATH,
    handle: (_params, query) => {
      const user = query.get('u') ?? '';
      const from = query.get('from') ?? '';
      const to = query.get('to') ?? '';
      const exp = parseExpiry(query.get('exp'));
      const verdict = !user || !isIsoDate(from) || !isIsoDate(to) ? 'BAD_LINK' : verifyLink(deps.config.REQUEST_LINK_SECRET, PURPOSE, [user, from, to], exp, query.get('sig') ?? '', deps.clock.now());
      const check = verdict === 'ok' ? { ok: true as const } : { ok: false as const, code: verdict };
      return answerLink(check, WORDS, async () => {
        const { filename, csv } = await reportCsvFor(deps, user, from, to);
        return fileAnswer('text/csv; charset=utf-8', csv, filename);
      });
    },
  }];
}
