// withStorableText runs on every posted activity: unstorable characters
// (NUL, lone surrogates) are replaced at any depth, in keys too, without
// touching the value it was given; an ordinary activity comes back as it was
// (copy on write: no allocation per turn), and a "__proto__" key stays data.
import { describe, expect, it } from 'vitest';
import { withStorableText } from '../../src/server/activity-envelope.js';

const R = '\uFFFD';

describe('withStorableText', () => {
  it('replaces NUL and lone surrogates at any depth and in keys, leaving the original untouched', () => {
    const body = { type: 'message', text: 'a\u0000b', value: { verb: 'x', list: ['ok', { deep: '\uD800z' }], ['k\u0000']: 1 }, n: 3, flag: true, none: null };
    const snapshot = structuredClone(body);
    const cleaned = withStorableText(body) as typeof body;
    expect(cleaned).toEqual({ type: 'message', text: `a${R}b`, value: { verb: 'x', list: ['ok', { deep: `${R}z` }], [`k${R}`]: 1 }, n: 3, flag: true, none: null });
    expect(body).toEqual(snapshot);
    // Untouched branches are shared, changed ones copied.
    expect(cleaned.value.list[0]).toBe('ok');
    expect(cleaned.value).not.toBe(body.value);
  });

  it('returns an ordinary activity itself, not a copy', () => {
    const body = { type: 'message', text: 'hello 👋', from: { id: '29:1', name: 'Ann' }, entities: [{ type: 'clientInfo', locale: 'en-GB' }] };
    expect(withStorableText(body)).toBe(body);
  });

  it('keeps a "__proto__" key as an own key when the object is copied', () => {
    const body = JSON.parse('{"__proto__": {"polluted": "yes"}, "text": "a\\u0000"}') as Record<string, unknown>;
    const cleaned = withStorableText(body) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(cleaned, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
