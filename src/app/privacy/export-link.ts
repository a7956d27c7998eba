// Owns the short-lived signed links to a case's subject access export and
// audit export, opened in a browser where Teams gives us no session. A link
// names one case, one format and one administrator, expires in minutes, and
// the administrator is checked against the directory again when it is used.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PrivacyDeps } from './access.js';

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

interface Claims { kind: PrivacyLinkKind; caseRef: string; format: string; user: string; expires: number }

function signature(secret: string, c: Claims): string {
  // Domain-separated from the request links that share the secret.
  return createHmac('sha256', secret).update(`rr-privacy-link\n${c.kind}\n${c.caseRef}\n${c.format}\n${c.user}\n${c.expires}`).digest('base64url');
}

function baseUrl(config: PrivacyDeps['config']): string {
  return config.BOT_DOMAIN === 'localhost' ? `http://localhost:${config.PORT}` : `https://${config.BOT_DOMAIN}`;
}

export function privacyLink(deps: PrivacyDeps, kind: PrivacyLinkKind, caseRef: string, format: string, user: string): string {
  const claims: Claims = { kind, caseRef, format, user, expires: Math.floor(deps.clock.now().getTime() / 1000) + PRIVACY_LINK_TTL_MINUTES * 60 };
  const q = new URLSearchParams({ format, u: user, exp: String(claims.expires), sig: signature(deps.config.REQUEST_LINK_SECRET, claims) });
  return `${baseUrl(deps.config)}${PRIVACY_PATHS[kind].replace(':caseRef', encodeURIComponent(caseRef))}?${q.toString()}`;
}

export type LinkCheck = { ok: true; user: string; format: string } | { ok: false; code: 'BAD_LINK' | 'EXPIRED' };

export function verifyPrivacyLink(deps: PrivacyDeps, kind: PrivacyLinkKind, caseRef: string, query: URLSearchParams): LinkCheck {
  const user = query.get('u') ?? '';
  const format = query.get('format') ?? '';
  const exp = /^\d{1,12}$/.test(query.get('exp') ?? '') ? Number(query.get('exp')) : Number.NaN;
  const sig = query.get('sig') ?? '';
  if (!user || !format || !Number.isFinite(exp) || !sig) return { ok: false, code: 'BAD_LINK' };
  const expected = Buffer.from(signature(deps.config.REQUEST_LINK_SECRET, { kind, caseRef, format, user, expires: exp }));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, code: 'BAD_LINK' };
  if (exp * 1000 < deps.clock.now().getTime()) return { ok: false, code: 'EXPIRED' };
  return { ok: true, user, format };
}
