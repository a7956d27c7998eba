// Owns how a GET behind a signed link answers: private headers (never cached,
// indexed, framed or sent on as a referrer, since the URL carries its
// signature), a short plain page for a bad, expired or no-longer-allowed
// link, and the user-facing message of any other use-case refusal.
import type { GetRoute } from '../../server/http-server.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import type { LinkVerdict } from './signed-link.js';

export type LinkAnswer = Awaited<ReturnType<GetRoute['handle']>>;

export const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

export function plainAnswer(status: number, body: string): LinkAnswer {
  return { status, headers: { ...PRIVATE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body };
}

export function fileAnswer(contentType: string, body: string, attachmentName?: string): LinkAnswer {
  const headers: Record<string, string> = { ...PRIVATE_HEADERS, 'content-type': contentType };
  if (attachmentName) headers['content-disposition'] = `attachment; filename="${attachmentName}"`;
  return { status: 200, headers, body };
}

export interface LinkWords { expired: string; forbidden: string }

export type LinkCheck<T> = ({ ok: true } & T) | { ok: false; code: Exclude<LinkVerdict, 'ok'> };

/** Serves a verified link; refusals become 410 (expired), 404 (bad link or not found) or 403 (no longer allowed). */
export async function answerLink<T>(check: LinkCheck<T>, words: LinkWords, serve: (granted: T) => Promise<LinkAnswer>): Promise<LinkAnswer> {
  if (!check.ok) return check.code === 'EXPIRED' ? plainAnswer(410, words.expired) : plainAnswer(404, 'This link is not valid.');
  try {
    return await serve(check);
  } catch (err) {
    if (err instanceof AccessDeniedError) return plainAnswer(403, words.forbidden);
    if (err instanceof UseCaseError) return plainAnswer(404, err.userMessage);
    throw err;
  }
}
