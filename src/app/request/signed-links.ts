// Owns the short-lived signed links that let a Teams user open a printable
// request summary or download their hub queue as CSV in a browser, where
// Teams gives us no session. A link names one thing and one user, expires
// quickly, and is checked again against the directory when it is used.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config/env.js';

/** Long enough to open from the card, short enough that a forwarded link is soon useless (product). */
export const LINK_TTL_MINUTES = 15;

export type LinkKind = 'request-summary' | 'hub-queue-csv';

export interface LinkClaims { kind: LinkKind; id: string; user: string; expires: number }

export const EXPORT_PATHS: Record<LinkKind, (id: string) => string> = {
  'request-summary': (id) => `/export/requests/${encodeURIComponent(id)}/summary`,
  'hub-queue-csv': (id) => `/export/hubs/${encodeURIComponent(id)}/queue.csv`,
};

function signature(secret: string, c: LinkClaims): string {
  return createHmac('sha256', secret).update(`${c.kind}\n${c.id}\n${c.user}\n${c.expires}`).digest('base64url');
}

/** Where the bot is reached from a browser: the public domain in production, this machine otherwise. */
export function publicBaseUrl(config: Pick<AppConfig, 'BOT_DOMAIN' | 'PORT'>): string {
  return config.BOT_DOMAIN === 'localhost' ? `http://localhost:${config.PORT}` : `https://${config.BOT_DOMAIN}`;
}

export function signedLink(config: Pick<AppConfig, 'BOT_DOMAIN' | 'PORT' | 'REQUEST_LINK_SECRET'>, kind: LinkKind, id: string, user: string, now: Date): string {
  const claims: LinkClaims = { kind, id, user, expires: Math.floor(now.getTime() / 1000) + LINK_TTL_MINUTES * 60 };
  const q = new URLSearchParams({ u: user, exp: String(claims.expires), sig: signature(config.REQUEST_LINK_SECRET, claims) });
  return `${publicBaseUrl(config)}${EXPORT_PATHS[kind](id)}?${q.toString()}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; code: 'BAD_LINK' | 'EXPIRED' };

export function verifyLink(secret: string, kind: LinkKind, id: string, query: URLSearchParams, now: Date): LinkCheck {
  const user = query.get('u') ?? '';
  const expText = query.get('exp') ?? '';
  const exp = /^\d{1,12}$/.test(expText) ? Number(expText) : Number.NaN;
  const sig = query.get('sig') ?? '';
  if (!user || !Number.isFinite(exp) || !sig) return { ok: false, code: 'BAD_LINK' };
  const claims: LinkClaims = { kind, id, user, expires: exp };
  const expected = Buffer.from(signature(secret, claims));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, code: 'BAD_LINK' };
  // Checked after the signature, so an attacker cannot learn anything from the difference.
  if (exp * 1000 < now.getTime()) return { ok: false, code: 'EXPIRED' };
  return { ok: true, claims };
}
