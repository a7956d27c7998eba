// Owns the one signing scheme behind every link opened in a browser, where
// Teams gives us no session (printable requests, hub-queue CSVs, privacy
// exports, calendar files): an HMAC-SHA256 over a purpose and the link's
// claims, compared in constant time, with the expiry checked only after the
// signature so a forger learns nothing from the difference.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config/env.js';

export type LinkVerdict = 'ok' | 'BAD_LINK' | 'EXPIRED';

/** Where the bot is reached from a browser: its public domain in production, this machine otherwise. */
export function publicBaseUrl(config: Pick<AppConfig, 'BOT_DOMAIN' | 'PORT'>): string {
  return config.BOT_DOMAIN === 'localhost' ? `http://localhost:${config.PORT}` : `https://${config.BOT_DOMAIN}`;
}

/** `purpose` separates the kinds of link that share a secret; `claims` are what the link grants. */
export function signLink(secret: string, purpose: string, claims: readonly (string | number)[], expiresEpochSeconds: number): string {
  return createHmac('sha256', secret).update([purpose, ...claims, expiresEpochSeconds].join('\n')).digest('base64url');
}

/** Parses `exp` as whole epoch seconds; NaN when absent or malformed. */
export function parseExpiry(text: string | null): number {
  return /^\d{1,12}$/.test(text ?? '') ? Number(text) : Number.NaN;
}

export function verifyLink(secret: string, purpose: string, claims: readonly (string | number)[], expiresEpochSeconds: number, signature: string, now: Date): LinkVerdict {
  if (!Number.isFinite(expiresEpochSeconds) || !signature) return 'BAD_LINK';
  const expected = Buffer.from(signLink(secret, purpose, claims, expiresEpochSeconds));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'BAD_LINK';
  return expiresEpochSeconds * 1000 < now.getTime() ? 'EXPIRED' : 'ok';
}
