import { describe, expect, it } from 'vitest';
import { signLink, verifyLink, parseExpiry } from '../../src/app/links/signed-link.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOON = new Date('2026-11-25T12:00:00Z');
const IN_TEN_MINUTES = NOON.getTime() / 1000 + 600;

describe('signed links', () => {
  const sig = signLink(SECRET, 'rr-request-link', ['request-summary', 'req-1', 'user-a'], IN_TEN_MINUTES);

  it('verify what they sign until they expire', () => {
    expect(verifyLink(SECRET, 'rr-request-link', ['request-summary', 'req-1', 'user-a'], IN_TEN_MINUTES, sig, NOON)).toBe('ok');
    expect(verifyLink(SECRET, 'rr-request-link', ['request-summary', 'req-1', 'user-a'], IN_TEN_MINUTES, sig, new Date(NOON.getTime() + 601_000))).toBe('EXPIRED');
  });

  it('refuse any changed claim, purpose, expiry, secret or signature', () => {
    const claims = ['request-summary', 'req-1', 'user-a'];
    expect(verifyLink(SECRET, 'rr-request-link', ['request-summary', 'req-2', 'user-a'], IN_TEN_MINUTES, sig, NOON)).toBe('BAD_LINK');
    expect(verifyLink(SECRET, 'rr-request-link', ['request-summary', 'req-1', 'user-b'], IN_TEN_MINUTES, sig, NOON)).toBe('BAD_LINK');
    expect(verifyLink(SECRET, 'rr-privacy-link', claims, IN_TEN_MINUTES, sig, NOON)).toBe('BAD_LINK');
    expect(verifyLink(SECRET, 'rr-request-link', claims, IN_TEN_MINUTES + 3600, sig, NOON)).toBe('BAD_LINK');
    expect(verifyLink(`${SECRET}x`, 'rr-request-link', claims, IN_TEN_MINUTES, sig, NOON)).toBe('BAD_LINK');
    expect(verifyLink(SECRET, 'rr-request-link', claims, IN_TEN_MINUTES, `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, NOON)).toBe('BAD_LINK');
    expect(verifyLink(SECRET, 'rr-request-link', claims, IN_TEN_MINUTES, '', NOON)).toBe('BAD_LINK');
  });

  it('a forged expiry in the past is BAD_LINK, not EXPIRED (nothing learnt without the secret)', () => {
    expect(verifyLink(SECRET, 'rr-request-link', ['x'], 1, 'forged', NOON)).toBe('BAD_LINK');
  });

  it('parse expiry strictly', () => {
    expect(parseExpiry('1764072000')).toBe(1764072000);
    expect(parseExpiry('1e9')).toBeNaN();
    expect(parseExpiry(null)).toBeNaN();
    expect(verifyLink(SECRET, 'p', [], parseExpiry('soon'), sig, NOON)).toBe('BAD_LINK');
  });
});
