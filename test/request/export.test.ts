// Exports for the case management system: a request as a printable HTML page
// and the hub queue as CSV, reached only through short-lived signed links
// issued in a card to someone allowed to see them, authorised again and
// audited on use, with everything escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, actionsOf } from '../support/harness.js';
import { hubManager, socialWorker, southHubManager, leadPractitioner } from '../support/people.js';
import { signedLink } from '../../src/app/request/signed-links.js';
import type { ManualClock } from '../../src/app/clock.js';
import { auditRows, fileRequest, fixedClock } from './support.js';

let bot: TestBot;
let clock: ManualClock;
beforeAll(async () => { clock = fixedClock(); bot = await TestBot.start({ clock }); });
afterAll(async () => { await bot.stop(); });

/** The link as issued, fetched from the running test server. */
function fetchLink(link: string) {
  const u = new URL(link);
  return fetch(`${bot.url}${u.pathname}${u.search}`);
}
const linkOn = async (user: typeof hubManager, data: Record<string, unknown> | string) => {
  const card = onlyCard(typeof data === 'string' ? await bot.say(user, data) : await bot.submit(user, data));
  const open = actionsOf(card).find((a) => a.type === 'Action.OpenUrl') as unknown as { url: string } | undefined;
  if (!open) throw new Error('no link on the card');
  return open.url;
};

describe('printable request summary', () => {
  it('is issued to a hub member, escapes everything, is audited and never cached', async () => {
    const { requestId } = await fileRequest(bot, socialWorker, {
      family: { caseRef: 'LCS-800800', 'children.0.name': '<script>alert(1)</script>' },
      work: { goals: '"><img src=x onerror=alert(2)> & more' },
    });
    const link = await linkOn(hubManager, { verb: 'request.view', requestId });
    const res = await fetchLink(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('0–19 Request Form: LCS-800800');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; more');
    expect((await auditRows(bot, 'request.export')).filter((a) => a.record_id === requestId).map((a) => `${a.actor}:${a.outcome}`)).toEqual([`${hubManager.aadObjectId}:ok`]);
  });

  it('refuses a tampered or expired link, and a user who may not see the request (audited)', async () => {
    const { requestId } = await fileRequest(bot, socialWorker, { family: { caseRef: 'LCS-800801' } });
    const link = await linkOn(leadPractitioner, { verb: 'request.view', requestId });

    const tampered = new URL(link);
    tampered.searchParams.set('u', southHubManager.aadObjectId);
    expect((await fetchLink(tampered.toString())).status).toBe(404);

    clock.advance(16 * 60_000);
    const expired = await fetchLink(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    clock.advance(-16 * 60_000);

    // A correctly signed link for someone outside the hub (as if they had been moved) is refused on use.
    const outsider = signedLink(bot.app.config, 'request-summary', requestId, southHubManager.aadObjectId, clock.now());
    const refused = await fetchLink(outsider);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('LCS-800801');
    expect((await auditRows(bot, 'request.export')).filter((a) => a.record_id === requestId).map((a) => `${a.actor}:${a.outcome}`)).toEqual([`${southHubManager.aadObjectId}:refused`]);
  });
});

describe('hub queue CSV', () => {
  it('downloads the manager\'s own queue in priority order with no family names', async () => {
    await fileRequest(bot, socialWorker, { family: { caseRef: 'CSV-L3' }, need: { level: '3' } });
    const link = await linkOn(hubManager, 'hub queue');
    const res = await fetchLink(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="barnet-north-queue.csv"');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('request_id,case_ref,level,vulnerability,vulnerability_factors,agreed_work,age_range,status,submitted_at,suggested_practitioner');
    expect(lines[1]).toContain('"CSV-L3","3"');
    expect(lines.join('\n')).not.toContain('Sam Example');
    expect((await auditRows(bot, 'request.queue.export')).map((a) => `${a.actor}:${a.outcome}`)).toEqual([`${hubManager.aadObjectId}:ok`]);
  });

  it('refuses a queue link for anyone but that hub\'s manager', async () => {
    const link = signedLink(bot.app.config, 'hub-queue-csv', 'barnet-north', southHubManager.aadObjectId, clock.now());
    expect((await fetchLink(link)).status).toBe(403);
    expect((await auditRows(bot, 'request.queue.export')).filter((a) => a.outcome === 'refused').map((a) => a.actor)).toEqual([southHubManager.aadObjectId]);
  });
});
