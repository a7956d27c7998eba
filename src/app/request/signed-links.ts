// Owns the short-lived signed links that let a Teams user open a printable
// request summary or download their hub queue as CSV in a browser, where
// Teams gives us no session. A link names one thing and one user, expires
// quickly, and is checked again against the directory when it is used.
import type { AppConfig } from '../../config/env.js';
import { parseExpiry, publicBaseUrl, signLink, verifyLink as verifySignedLink } from '../links/signed-link.js';


/** Long enough to open from the card, short enough that a forwarded link is soon useless (product). */
export const LINK_TTL_MINUTES = 15;

export type LinkKind = 'request-summary' | 'hub-queue-csv';

export interface LinkClaims { kind: LinkKind; id: string; user: string; expires: number }

export const EXPORT_PATHS: Record<LinkKind, (id: string) => string> = {
  'request-summary': (id) => `/export/requests/${encodeURIComponent(id)}/summary`,
  'hub-queue-csv': (id) => `/export/hubs/${encodeURIComponent(id)}/queue.csv`,
};

const PURPOSE = 'rr-request-link';

export function signedLink(config: Pick<AppConfig, 'BOT_DOMAIN' | 'PORT' | 'REQUEST_LINK_SECRET'>, kind: LinkKind, id: string, user: string, now: Date): string {
  const claims: LinkClaims = { kind, id, user, expires: Math.floor(now.getTime() / 1000) + LINK_TTL_MINUTES * 60 };
  const q = new URLSearchParams({ u: user, exp: String(claims.expires), sig: signLink(config.REQUEST_LINK_SECRET, PURPOSE, [kind, id, user], claims.expires) });
  return `${publicBaseUrl(config)}${EXPORT_PATHS[kind](id)}?${q.toString()}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; code: 'BAD_LINK' | 'EXPIRED' };

export function verifyLink(secret: string, kind: LinkKind, id: string, query: URLSearchParams, now: Date): LinkCheck {
  const user = query.get('u') ?? '';
  const exp = parseExpiry(query.get('exp'));
  if (!user) return { ok: false, code: 'BAD_LINK' };
  const verdict = verifySignedLink(secret, PURPOSE, [kind, id, user], exp, query.get('sig') ?? '', now);
  return verdict === 'ok' ? { ok: true, claims: { kind, id, user, expires: exp } } : { ok: false, code: verdict };
}
