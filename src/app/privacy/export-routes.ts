// Owns the GET routes behind the privacy links: the subject access export
// (/privacy/export/:caseRef, HTML or JSON) and the case's audit trail
// (/privacy/audit/:caseRef, CSV or JSON). A bad or expired signature, or a
// user who is no longer an administrator, gets a short plain answer.
import type { GetRoute } from '../../server/http-server.js';
import { answerLink, fileAnswer, plainAnswer, type LinkAnswer } from '../links/link-answers.js';
import type { PrivacyDeps } from './access.js';
import { exportCase, exportCaseAudit } from './case-records.js';
import { auditCsv, auditJson, exportHtml, exportJson } from './export-render.js';
import { AUDIT_FORMATS, EXPORT_FORMATS, PRIVACY_PATHS, verifyPrivacyLink, type PrivacyLinkKind } from './export-link.js';

const WORDS = { expired: 'This link has expired. Ask the bot for the export again.', forbidden: 'Only an administrator can open this export.' };
const fileName = (caseRef: string, suffix: string) => `case-${caseRef.replace(/[^A-Za-z0-9-]/g, '_')}-${suffix}`;

function guarded(deps: PrivacyDeps, kind: PrivacyLinkKind, caseRef: string, query: URLSearchParams, formats: readonly string[], serve: (user: string, format: string) => Promise<LinkAnswer>): Promise<LinkAnswer> {
  return answerLink(verifyPrivacyLink(deps, kind, caseRef, query), WORDS, async ({ user, format }) =>
    formats.includes(format) ? serve(user, format) : plainAnswer(404, 'This link is not valid.'));
}

export function privacyExportRoutes(deps: PrivacyDeps): GetRoute[] {
  return [
    {
      path: PRIVACY_PATHS['case-export'],
      handle: (params, query) => guarded(deps, 'case-export', params.caseRef ?? '', query, EXPORT_FORMATS, async (user, format) => {
        const data = await exportCase(deps, user, params.caseRef, format);
        return format === 'html'
          ? fileAnswer('text/html; charset=utf-8', exportHtml(data))
          : fileAnswer('application/json; charset=utf-8', exportJson(data), fileName(data.caseRef, 'export.json'));
      }),
    },
    {
      path: PRIVACY_PATHS['case-audit'],
      handle: (params, query) => guarded(deps, 'case-audit', params.caseRef ?? '', query, AUDIT_FORMATS, async (user, format) => {
        const data = await exportCaseAudit(deps, user, params.caseRef, format);
        return format === 'csv'
          ? fileAnswer('text/csv; charset=utf-8', auditCsv(data), fileName(data.caseRef, 'audit.csv'))
          : fileAnswer('application/json; charset=utf-8', auditJson(data), fileName(data.caseRef, 'audit.json'));
      }),
    },
  ];
}
