// The pure rules around a request: status machine, queue priority, routing
// by postcode for every configured hub, ages shown to channels, link signing
// and the export escaping.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadDirectory } from '../../src/config/load-directory.js';
import {
  ageRangeLabel, availableActions, compareQueue, decideTransition, routeByPostcode, sortQueue, REQUEST_STATUSES, TRANSITIONS,
  type Party, type QueueEntry, type RequestAction,
} from '../../src/domain/request/index.js';
import { signedLink, verifyLink } from '../../src/app/request/signed-links.js';
import { csvCell, escapeHtml } from '../../src/domain/text/export-text.js';
import { loadConfig } from '../../src/config/env.js';

const directory = loadDirectory('config/directory.demo.json');

describe('status machine', () => {
  const as = (...p: Party[]) => new Set<Party>(p);

  it('follows draft → submitted → allocated → started ⇄ in review → closed', () => {
    expect(decideTransition('submit', 'draft', as('referrer'))).toEqual({ ok: true, to: 'submitted' });
    expect(decideTransition('allocate', 'submitted', as('hub-manager', 'hub-member'))).toEqual({ ok: true, to: 'allocated' });
    expect(decideTransition('start', 'allocated', as('allocated-practitioner'))).toEqual({ ok: true, to: 'started' });
    expect(decideTransition('review', 'started', as('allocated-practitioner'))).toEqual({ ok: true, to: 'in-review' });
    expect(decideTransition('continue', 'in-review', as('hub-manager'))).toEqual({ ok: true, to: 'started' });
    expect(decideTransition('close', 'in-review', as('allocated-practitioner'))).toEqual({ ok: true, to: 'closed' });
  });

  it('lets only the hub manager allocate or decline, and the referrer or manager withdraw', () => {
    expect(decideTransition('allocate', 'submitted', as('referrer'))).toEqual({ ok: false, code: 'NOT_PERMITTED' });
    expect(decideTransition('decline', 'submitted', as('hub-member', 'allocated-practitioner'))).toEqual({ ok: false, code: 'NOT_PERMITTED' });
    expect(decideTransition('withdraw', 'started', as('referrer')).ok).toBe(true);
    expect(decideTransition('withdraw', 'started', as('allocated-practitioner')).ok).toBe(false);
  });

  it('decides permission before status, so a stranger learns nothing', () => {
    for (const action of Object.keys(TRANSITIONS) as RequestAction[]) {
      for (const status of REQUEST_STATUSES) expect(decideTransition(action, status, as())).toEqual({ ok: false, code: 'NOT_PERMITTED' });
    }
  });

  it('never leaves an ended request', () => {
    for (const status of ['closed', 'declined', 'withdrawn'] as const) {
      expect(availableActions(status, as('referrer', 'hub-manager', 'hub-member', 'allocated-practitioner'))).toEqual([]);
    }
  });
});

describe('hub queue priority (seed 003: highest vulnerability first)', () => {
  const entry = fc.record({
    id: fc.uuid(),
    level: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    vulnerability: fc.integer({ min: 0, max: 6 }),
    submittedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
  });

  it('orders by level, then vulnerability, then the oldest request', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 30 }), (entries: QueueEntry[]) => {
      const sorted = sortQueue(entries);
      for (let i = 1; i < sorted.length; i++) {
        const [a, b] = [sorted[i - 1]!, sorted[i]!];
        expect(compareQueue(a, b)).toBeLessThanOrEqual(0);
        const la = a.level ?? 0; const lb = b.level ?? 0;
        expect(la).toBeGreaterThanOrEqual(lb);
        if (la === lb) {
          expect(a.vulnerability).toBeGreaterThanOrEqual(b.vulnerability);
          if (a.vulnerability === b.vulnerability) expect(a.submittedAt.getTime()).toBeLessThanOrEqual(b.submittedAt.getTime());
        }
      }
    }));
  });

  it('is a total order: the same requests in any order sort the same', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 20 }), (entries: QueueEntry[]) => {
      expect(sortQueue([...entries].reverse()).map((e) => e.id)).toEqual(sortQueue(entries).map((e) => e.id));
    }));
  });
});

describe('routing by postcode', () => {
  const cases = directory.hubs.flatMap((hub) => hub.postcodePrefixes.map((prefix) => [hub.id, prefix] as const));

  it.each(cases)('%s covers %s', (hubId, prefix) => {
    const outward = /\d/.test(prefix) ? prefix : `${prefix}1`;
    const hub = directory.hubs.find((h) => h.id === hubId)!;
    // A team reached only by choosing its service (Plymouth Targeted Support) is routed to with that service.
    const chosen = hub.onlyWhenChosen ? { id: hub.service!, name: hub.name } : undefined;
    const r = routeByPostcode(directory, `${outward.toLowerCase()} 1aa`, chosen);
    expect(r.ok && r.hub.id).toBe(hubId);
  });

  it('prefers the longest prefix, and covers only the areas\' own postcodes (EN4 is Barnet North, EN6 Hertfordshire, EN1 Enfield: none)', () => {
    expect(routeByPostcode(directory, 'EN4 9ZZ').ok && (routeByPostcode(directory, 'EN4 9ZZ') as { hub: { id: string } }).hub.id).toBe('barnet-north');
    expect((routeByPostcode(directory, 'EN6 1AA') as { hub: { id: string } }).hub.id).toBe('herts-home-start');
    expect(routeByPostcode(directory, 'EN1 1AA')).toMatchObject({ ok: false, code: 'NOT_COVERED' });
  });

  it('with a chosen service, routes only to its hubs, and names it when none covers the postcode', () => {
    expect((routeByPostcode(directory, 'PL4 8AA') as { hub: { id: string } }).hub.id).toBe('plymouth-central');
    expect((routeByPostcode(directory, 'PL4 8AA', { id: 'plymouth-targeted-support', name: 'Plymouth Targeted Support' }) as { hub: { id: string } }).hub.id).toBe('plymouth-targeted-support');
    const wrong = routeByPostcode(directory, 'N11 1AA', { id: 'home-start-herts', name: 'Home-Start Hertfordshire' });
    expect(wrong).toMatchObject({ ok: false, code: 'NOT_COVERED' });
    if (!wrong.ok) expect(wrong.message).toContain('No Home-Start Hertfordshire team covers N11 1AA');
  });

  it('explains a postcode no hub covers and what to do', () => {
    const r = routeByPostcode(directory, 'M1 1AE');
    expect(r).toMatchObject({ ok: false, code: 'NOT_COVERED' });
    if (!r.ok) {
      expect(r.message).toContain('No hub in this service covers M1 1AE');
      expect(r.message).toContain("children's services front door");
    }
    expect(routeByPostcode(directory, 'nonsense')).toMatchObject({ ok: false, code: 'INVALID_POSTCODE' });
  });
});

describe('ages shown to a hub channel', () => {
  const child = (dob: string | null, dueDate: string | null = null) => ({ name: 'x', dob, dueDate, gender: 'female' as const });
  it('gives a range, never a date', () => {
    expect(ageRangeLabel([child('2021-05-14'), child('2019-01-01')], '2026-03-02')).toBe('4–7 years');
    expect(ageRangeLabel([child(null, '2026-06-01'), child('2025-03-02')], '2026-03-02')).toBe('unborn and 1 year');
    expect(ageRangeLabel([child('2025-12-01')], '2026-03-02')).toBe('under 1 year');
    expect(ageRangeLabel([child('2025-12-01'), child('2022-01-01')], '2026-03-02')).toBe('under 1–4 years');
  });
});

describe('signed export links', () => {
  const config = loadConfig({ APP_ENV: 'test' });
  const now = new Date('2026-03-02T10:00:00Z');
  const query = (link: string) => new URL(link).searchParams;

  it('verify for the thing and user they name, until they expire', () => {
    const link = signedLink(config, 'request-summary', 'abc', 'user-1', now);
    expect(verifyLink(config.REQUEST_LINK_SECRET, 'request-summary', 'abc', query(link), now)).toMatchObject({ ok: true, claims: { user: 'user-1' } });
    expect(verifyLink(config.REQUEST_LINK_SECRET, 'request-summary', 'other', query(link), now)).toEqual({ ok: false, code: 'BAD_LINK' });
    expect(verifyLink(config.REQUEST_LINK_SECRET, 'hub-queue-csv', 'abc', query(link), now)).toEqual({ ok: false, code: 'BAD_LINK' });
    expect(verifyLink('another-secret-another-secret-another', 'request-summary', 'abc', query(link), now)).toEqual({ ok: false, code: 'BAD_LINK' });
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(verifyLink(config.REQUEST_LINK_SECRET, 'request-summary', 'abc', query(link), later)).toEqual({ ok: false, code: 'EXPIRED' });
  });

  it('cannot be moved to another user', () => {
    const q = query(signedLink(config, 'request-summary', 'abc', 'user-1', now));
    q.set('u', 'user-2');
    expect(verifyLink(config.REQUEST_LINK_SECRET, 'request-summary', 'abc', q, now)).toEqual({ ok: false, code: 'BAD_LINK' });
  });

  it('refuse the development secret in production', () => {
    expect(() => loadConfig({ APP_ENV: 'production' })).toThrow(/REQUEST_LINK_SECRET/);
  });
});

describe('export escaping', () => {
  it('escapes HTML and neutralises spreadsheet formulas', () => {
    expect(escapeHtml('<script>alert("x")</script> & \'')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('plain, text')).toBe('"plain, text"');
  });
});
