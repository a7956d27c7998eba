// Subject access export, audit export and erasure for a family by case
// reference: administrators only, in a personal chat, through short-lived
// signed links that are checked again when used; everything held about the
// case (whatever table it is in) is exported or erased, nothing else is, and
// the audit trail keeps who/when/what with the contents blanked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, actionsOf, type Card } from '../support/harness.js';
import { DEMO_TENANT, admin, hubManager, socialWorker, stranger, type DemoUser } from '../support/people.js';
import { ManualClock } from '../../src/app/clock.js';
import { writeAudit } from '../../src/store/audit-store.js';
import { walkToResult } from '../check/walk.js';
import { FAMILY, seedCase } from './seed.js';

const CASE = 'LCS-777001';
const OTHER = 'LCS-777002';
const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const NOW = new Date('2027-01-12T10:00:00Z');

let bot: TestBot;
let clock: ManualClock;
let seeded: Awaited<ReturnType<typeof seedCase>>;

beforeAll(async () => {
  clock = new ManualClock(NOW);
  bot = await TestBot.start({ clock });
  // A real threshold check through the bot, then every other kind of record for the same case.
  await walkToResult(bot, socialWorker, { area: 'barnet', children: '4', postcode: FAMILY.postcode, caseRef: CASE, needs: ['pc.routines-boundaries'], note: FAMILY.note });
  seeded = await seedCase(bot.db, CASE, NOW, { hostile: HOSTILE });
  await seedCase(bot.db, OTHER, NOW);
  await writeAudit(bot.db, { actor: '=HYPERLINK("http://evil.example")', action: 'request.viewed', caseRef: CASE, after: { note: FAMILY.note } }, NOW);
});
afterAll(async () => { await bot?.stop(); });

const urlOf = (card: Card, title: string) => {
  const a = actionsOf(card).find((x) => x.title === title) as { url?: string } | undefined;
  if (!a?.url) throw new Error(`no link "${title}"`);
  const u = new URL(a.url);
  return `${bot.url}${u.pathname}${u.search}`;
};
const refusals = async (actor: string, action: string) =>
  Number((await bot.db.query(`SELECT count(*) AS n FROM audit_log WHERE actor = $1 AND action = $2 AND outcome = 'refused'`, [actor, action])).rows[0].n);
const rowsFor = async (caseRef: string) => (await bot.db.query(
  `SELECT (SELECT count(*) FROM checks WHERE case_ref = $1) AS checks, (SELECT count(*) FROM requests WHERE case_ref = $1) AS requests,
          (SELECT count(*) FROM bookings WHERE case_ref = $1) AS bookings, (SELECT count(*) FROM reminders WHERE case_ref = $1) AS reminders`, [caseRef])).rows[0];

describe('subject access export', () => {
  it.each([
    ['a social worker', socialWorker], ['a hub manager', hubManager], ['someone not in the directory', stranger],
  ] as [string, DemoUser][])('is refused to %s, politely and audited', async (_label, user) => {
    for (const command of [`export case ${CASE}`, `audit case ${CASE}`, `erase case ${CASE}`]) {
      const card = onlyCard(await bot.say(user, command));
      expect(textOf(card)).toMatch(/Only an administrator/);
      expect(textOf(card)).toContain('Not available to you');
      expect(textOf(card)).not.toContain('PRIVACY_ADMIN_ONLY');
    }
    expect(await refusals(user.aadObjectId, 'privacy.export')).toBe(2);
    expect(await refusals(user.aadObjectId, 'privacy.erase')).toBe(1);
  });

  it('is refused to an administrator in a channel or group chat', async () => {
    for (const conversationType of ['channel', 'groupChat']) {
      const card = onlyCard(await bot.send(admin, { text: `export case ${CASE}`, conversation: { id: `19:${conversationType};messageid=1`, conversationType, tenantId: DEMO_TENANT } }));
      expect(textOf(card)).toMatch(/personal chat/);
    }
    expect(Number((await bot.db.query(`SELECT count(*) AS n FROM audit_log WHERE actor = $1 AND outcome = 'refused' AND detail->>'reason' = 'not-personal-chat'`, [admin.aadObjectId])).rows[0].n)).toBe(2);
  });

  it('gives an administrator counts and links; the readable export escapes everything and holds every record of the case', async () => {
    const card = onlyCard(await bot.say(admin, `export case ${CASE}`));
    const text = textOf(card);
    for (const line of ['Threshold checks: 1', '0–19 requests: 1', 'Request status history: 1', 'OSR joint-visit bookings: 1', 'Reminders: 1', 'Notifications (cards sent or queued): 2']) {
      expect(text).toContain(line);
    }
    // The card itself holds counts, never the family's details.
    expect(JSON.stringify(card)).not.toMatch(/Zephyrina|Quillfeather|N11 1ZZ|UNIQUE-NOTE/);

    const html = await fetch(urlOf(card, 'Readable export (HTML)'));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.headers.get('cache-control')).toBe('no-store');
    const page = await html.text();
    for (const value of [FAMILY.childName, FAMILY.carerName, FAMILY.postcode, FAMILY.note, FAMILY.addressLine]) expect(page).toContain(value);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain(OTHER);

    const json = await fetch(urlOf(card, 'Export as JSON'));
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="case-LCS-777001-export.json"/);
    const data = (await json.json()) as { caseRef: string; records: Record<string, { case_ref?: string }[]> };
    expect(Object.keys(data.records).sort()).toEqual(['bookings', 'cases', 'checks', 'notifications', 'reminders', 'request_status_history', 'requests']);
    expect(data.records.checks![0]!.case_ref).toBe(CASE);
    expect(JSON.stringify(data)).not.toContain(OTHER);

    const audited = (await bot.db.query(`SELECT detail FROM audit_log WHERE action = 'privacy.exported' AND actor = $1 ORDER BY id`, [admin.aadObjectId])).rows;
    expect(audited.map((r) => r.detail.format)).toEqual(['html', 'json']);
    expect(audited[0].detail.counts).toMatchObject({ checks: 1, requests: 1, bookings: 1 });
  });

  it('exports the audit trail for the case as CSV (spreadsheet-safe) and JSON', async () => {
    const card = onlyCard(await bot.say(admin, `audit case ${CASE}`));
    const csv = await (await fetch(urlOf(card, 'Audit trail (CSV)'))).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,outcome,record_type,record_id,case_ref,before,after,detail');
    expect(csv).toContain('check.completed');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const json = (await (await fetch(urlOf(card, 'Audit trail (JSON)'))).json()) as { rows: { action: string }[] };
    expect(json.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['check.started', 'check.completed', 'privacy.exported']));
    expect(Number((await bot.db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'privacy.audit-exported'`)).rows[0].n)).toBe(2);
  });

  it('refuses tampered, expired and no-longer-admin links', async () => {
    const card = onlyCard(await bot.say(admin, `export case ${CASE}`));
    const good = urlOf(card, 'Readable export (HTML)');
    const tamper = (f: (u: URL) => void) => { const u = new URL(good); f(u); return u.toString(); };
    expect((await fetch(tamper((u) => { u.pathname = `/privacy/export/${OTHER}`; }))).status).toBe(404);
    expect((await fetch(tamper((u) => u.searchParams.set('format', 'json')))).status).toBe(404);
    expect((await fetch(tamper((u) => u.searchParams.set('u', socialWorker.aadObjectId)))).status).toBe(404);
    expect((await fetch(tamper((u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600))))).status).toBe(404);
    expect((await fetch(tamper((u) => u.searchParams.delete('sig')))).status).toBe(404);
    expect((await fetch(tamper((u) => { u.pathname = `/privacy/audit/${CASE}`; }))).status).toBe(404);

    // The administrator loses the role: the link they were given stops working, and that is audited.
    const person = bot.app.directory.people.find((p) => p.aadObjectId === admin.aadObjectId)!;
    const roles = person.roles;
    person.roles = ['social-worker'];
    try {
      expect((await fetch(good)).status).toBe(403);
    } finally {
      person.roles = roles;
    }
    expect((await bot.db.query(`SELECT count(*) AS n FROM audit_log WHERE actor = $1 AND action = 'privacy.export' AND outcome = 'refused' AND detail->>'reason' = 'not-admin'`, [admin.aadObjectId])).rows[0].n).toBe('1');

    clock.advance(11 * 60_000);
    try {
      const expired = await fetch(good);
      expect(expired.status).toBe(410);
    } finally {
      clock.set(NOW);
    }
  });
});

describe('erasure', () => {
  it('is refused to a forged erase submit from anyone but an administrator', async () => {
    for (const user of [socialWorker, hubManager, stranger]) {
      const card = onlyCard(await bot.submit(user, { verb: 'privacy.erase', caseRef: CASE }, { confirm: CASE }));
      expect(textOf(card)).toContain('Not available to you');
      expect(textOf(card)).not.toContain('PRIVACY_ADMIN_ONLY');
    }
    expect(await rowsFor(CASE)).toEqual({ checks: '1', requests: '1', bookings: '1', reminders: '1' });
  });

  it('asks for the case reference again; a wrong one erases nothing', async () => {
    const confirm = onlyCard(await bot.say(admin, `erase case ${CASE}`));
    expect(textOf(confirm)).toContain(`Erase case ${CASE}?`);
    expect(textOf(confirm)).toContain('Threshold checks: 1');
    const again = onlyCard(await bot.submit(admin, { verb: 'privacy.erase', caseRef: CASE }, { confirm: OTHER }));
    expect(textOf(again)).toMatch(/Type the case reference LCS-777001 exactly/);
    const cancelled = onlyCard(await bot.submit(admin, { verb: 'privacy.erase.cancel', caseRef: CASE }));
    expect(textOf(cancelled)).toContain('Nothing erased');
    expect(await rowsFor(CASE)).toEqual({ checks: '1', requests: '1', bookings: '1', reminders: '1' });
  });

  it('erases every record of the case and nothing else, keeps the audit trail blanked, and audits the erasure', async () => {
    const before = (await bot.db.query(`SELECT id, actor, action, at FROM audit_log WHERE case_ref = $1 ORDER BY id`, [CASE])).rows;
    const done = onlyCard(await bot.submit(admin, { verb: 'privacy.erase', caseRef: CASE }, { confirm: CASE.toLowerCase() }));
    expect(textOf(done)).toContain(`Case ${CASE} erased`);

    expect(await rowsFor(CASE)).toEqual({ checks: '0', requests: '0', bookings: '0', reminders: '0' });
    const leftovers = await bot.db.query(
      `SELECT 'notifications' AS t FROM notifications WHERE card_data::text LIKE '%' || $1 || '%' OR reminder_id IN (SELECT id FROM reminders WHERE case_ref = $1)
       UNION ALL SELECT 'history' FROM request_status_history WHERE request_id = $2`, [CASE, seeded.requestId]);
    expect(leftovers.rows).toEqual([]);
    // The reminder's planned job went with it.
    expect((await bot.db.query(`SELECT 1 FROM graphile_worker.jobs WHERE key = $1`, [seeded.jobKey])).rowCount).toBe(0);
    // The other family is untouched.
    expect(await rowsFor(OTHER)).toEqual({ checks: '0', requests: '1', bookings: '1', reminders: '1' });

    // Every audit row about the case is still there: who, when, what; no contents.
    const after = (await bot.db.query(`SELECT id, actor, action, at, before, after, detail FROM audit_log WHERE case_ref = $1 AND id <= $2 ORDER BY id`, [CASE, before.at(-1).id])).rows;
    expect(after.map((r) => [r.id, r.actor, r.action, r.at])).toEqual(before.map((r) => [r.id, r.actor, r.action, r.at]));
    const contentful = after.filter((r) => !r.action.startsWith('privacy.')).flatMap((r) => [r.before, r.after, r.detail]).filter((v) => v !== null);
    expect(contentful.length).toBeGreaterThan(0);
    expect(contentful.every((v) => JSON.stringify(v) === '{"redacted":"erasure"}')).toBe(true);
    const erased = (await bot.db.query(`SELECT actor, detail FROM audit_log WHERE action = 'privacy.erased'`)).rows;
    expect(erased).toHaveLength(1);
    expect(erased[0].actor).toBe(admin.aadObjectId);
    expect(erased[0].detail.counts).toMatchObject({ checks: 1, requests: 1, bookings: 1, reminders: 1, notifications: 2, request_status_history: 1 });
    expect(JSON.stringify(erased)).not.toMatch(/Zephyrina|UNIQUE-NOTE|N11 1ZZ/);

    // Asked again: nothing is held; the audit trail (with the erasure) still exports.
    const card = onlyCard(await bot.say(admin, `export case ${CASE}`));
    expect(textOf(card)).toContain('holds no records about this case reference');
    const audit = await (await fetch(urlOf(card, 'Audit trail (CSV)'))).text();
    expect(audit).toContain('privacy.erased');
    expect(audit).not.toMatch(/Zephyrina|UNIQUE-NOTE|N11 1ZZ/);
  });
});
