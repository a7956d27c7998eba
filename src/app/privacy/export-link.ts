// Owns the short-lived signed links to a case's subject access export and
// audit export, opened in a browser where Teams gives us no session. A link
// names one case, one format and one administrator, expires in minutes, and
// the administrator is checked against the directory again when it is used.
import type { PrivacyDeps } from './access.js';
import { parseExpiry, publicBaseUrl, signLink, verifyLink } from '../links/signed-link.js';

/** Long enough to click from the card, short enough that a forwarded link is soon useless. */
export const PRIVACY_LINK_TTL_MINUTES = 10;

export const EXPORT_FORMATS = ['html', 'json'] as const;
export const AUDIT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type AuditFormat = (typeof AUDIT_FORMATS)[number];
export type PrivacyLinkKind = 'case-export' | 'case-audit';

export const PRIVACY_PATHS: Record<PrivacyLinkKind, string> = {
  'case-export': '/privacy/export/:caseRef',
  'case-audit': '/privacy/audit/:caseRef',
};

// Domain-separated from the other links that share the secret.
const PURPOSE = 'rr-privacy-link';

export function privacyLink(deps: PrivacyDeps, kind: PrivacyLinkKind, caseRef: string, format: string, user: string): string {
  const expires = Math.floor(deps.clock.now().getTime() / 1000) + PRIVACY_LINK_TTL_MINUTES * 60;
  const q = new URLSearchParams({ format, u: user, exp: String(expires), sig: signLink(deps.config.REQUEST_LINK_SECRET, PURPOSE, [kind, caseRef, format, user], expires) });
  return `${publicBaseUrl(deps.config)}${PRIVACY_PATHS[kind].replace(':caseRef', encodeURIComponent(caseRef))}?${q.toString()}`;
}

export type LinkCheck = { ok: true; user: string; format: string } | { ok: false; code: 'BAD_LINK' | 'EXPIRED' };

export function verifyPrivacyLink(deps: PrivacyDeps, kind: PrivacyLinkKind, caseRef: string, query: URLSearchParams): LinkCheck {
  const user = query.get('u') ?? '';
  const format = query.get('format') ?? '';
  if (!user || !format) return { ok: false, code: 'BAD_LINK' };
  const verdict = verifyLink(deps.config.REQUEST_LINK_SECRET, PURPOSE, [kind, caseRef, format, user], parseExpiry(query.get('exp')), query.get('sig') ?? '', deps.clock.now());
  return verdict === 'ok' ? { ok: true, user, format } : { ok: false, code: verdict };
}
