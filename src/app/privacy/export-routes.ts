// Owns the GET routes behind the privacy links: the subject access export
// (/privacy/export/:caseRef, HTML or JSON) and the case's audit trail
// (/privacy/audit/:caseRef, CSV or JSON). A bad or expired signature, or a
// user who is no longer an administrator, gets a short plain answer.
import type { GetRoute } from '../../server/http-server.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import type { PrivacyDeps } from './access.js';
import { exportCase, exportCaseAudit } from './case-records.js';
import { auditCsv, auditJson, exportHtml, exportJson } from './export-render.js';
import { AUDIT_FORMATS, EXPORT_FORMATS, PRIVACY_PATHS, verifyPrivacyLink, type PrivacyLinkKind } from './export-link.js';

type Answer = Awaited<ReturnType<GetRoute['handle']>>;

const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

const plain = (status: number, body: string): Answer => ({ status, headers: { ...PRIVATE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body });
const fileName = (caseRef: string, suffix: string) => `case-${caseRef.replace(/[^A-Za-z0-9-]/g, '_')}-${suffix}`;

async function guarded(deps: PrivacyDeps, kind: PrivacyLinkKind, caseRef: string, query: URLSearchParams, formats: readonly string[], serve: (user: string, format: string) => Promise<Answer>): Promise<Answer> {
  const check = verifyPrivacyLink(deps, kind, caseRef, query);
  if (!check.ok) return check.code === 'EXPIRED' ? plain(410, 'This link has expired. Ask the bot for the export again.') : plain(404, 'This link is not valid.');
  if (!formats.includes(check.format)) return plain(404, 'This link is not valid.');
  try {
    return await serve(check.user, check.format);
  } catch (err) {
    if (err instanceof AccessDeniedError) return plain(403, 'Only an administrator can open this export.');
    if (err instanceof UseCaseError) return plain(404, err.userMessage);
    throw err;
  }
}

export function privacyExportRoutes(deps: PrivacyDeps): GetRoute[] {
  return [
    {
      path: PRIVACY_PATHS['case-export'],
      handle: (params, query) => guarded(deps, 'case-export', params.caseRef ?? '', query, EXPORT_FORMATS, async (user, format) => {
        const data = await exportCase(deps, user, params.caseRef, format);
        return format === 'html'
          ? { status: 200, headers: { ...PRIVATE_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body: exportHtml(data) }
          : { status: 200, headers: { ...PRIVATE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${fileName(data.caseRef, 'export.json')}"` }, body: exportJson(data) };
      }),
    },
    {
      path: PRIVACY_PATHS['case-audit'],
      handle: (params, query) => guarded(deps, 'case-audit', params.caseRef ?? '', query, AUDIT_FORMATS, async (user, format) => {
        const data = await exportCaseAudit(deps, user, params.caseRef, format);
        return format === 'csv'
          ? { status: 200, headers: { ...PRIVATE_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName(data.caseRef, 'audit.csv')}"` }, body: auditCsv(data) }
          : { status: 200, headers: { ...PRIVATE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${fileName(data.caseRef, 'audit.json')}"` }, body: auditJson(data) };
      }),
    },
  ];
}
