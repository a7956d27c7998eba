// The `report` card through the real bot (issue 15): each manager sees their
// own hub or team and an administrator everything, from rows with known
// answers; others are refused and audited; every view is audited; every chart
// carries its table as the fallback a client without charts shows; custom
// dates are checked and kept; the drill-down lists case references with "Open
// the case"; the CSV behind the signed link matches the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, actionsOf, inputsOf } from '../support/harness.js';
import { admin, datManager, hubManager, leadPractitioner, socialWorker, socialWorkerB, southHubManager, southPractitioner } from '../support/people.js';
import { auditRows, fieldError, fixedClock, MON_2_MAR_2099_1000 } from '../request/support.js';
import { reportCsvLink } from '../../src/app/reports/export.js';
import { seedBooking, seedCheck, seedFeedback, seedHubWeek, seedReminder, seedRequest } from './seed.js';

let bot: TestBot;
const d = (iso: string) => new Date(iso);

beforeAll(async () => {
  bot = await TestBot.start({ clock: fixedClock() }); // Monday 2 March 2099: the last 4 weeks are 9 February to 2 March
  const db = bot.db;
  await seedHubWeek(db, 'barnet-north', '2099-W07', 3);
  const visit = { hubId: 'barnet-north', weekId: '2099-W07', datTeamId: 'dat-barnet-a', socialWorker: socialWorker.aadObjectId, lead: leadPractitioner.aadObjectId, visitType: 'home-visit' as const };
  const b1 = await seedBooking(db, { ...visit, caseRef: 'N-1', status: 'completed', visitAt: d('2099-02-10T10:00:00Z') });
  await seedBooking(db, { ...visit, caseRef: 'N-9', status: 'completed', visitAt: d('2099-02-11T10:00:00Z') });
  await seedBooking(db, { ...visit, caseRef: 'N-8', status: 'accepted', visitType: 'consultation', visitAt: d('2099-02-12T10:00:00Z') });
  await seedBooking(db, { ...visit, caseRef: 'N-7', status: 'cancelled', visitType: 'virtual-visit', visitAt: d('2099-02-13T10:00:00Z') });
  const n1 = await seedRequest(db, { caseRef: 'N-1', hubId: 'barnet-north', referrer: socialWorker.aadObjectId, status: 'closed', submittedAt: d('2099-02-12T10:00:00Z'),
    allocatedAt: d('2099-02-13T10:00:00Z'), allocatedTo: leadPractitioner.aadObjectId, startDate: '2099-02-16', endedAt: d('2099-02-26T10:00:00Z'), endReason: 'transferred-i-and-p', sourceBookingId: b1 });
  await seedRequest(db, { caseRef: 'N-2', hubId: 'barnet-north', referrer: socialWorker.aadObjectId, status: 'declined', submittedAt: d('2099-02-16T10:00:00Z'), endedAt: d('2099-02-17T10:00:00Z') });
  await seedRequest(db, { caseRef: 'N-3', hubId: 'barnet-north', referrer: socialWorkerB.aadObjectId, status: 'started', submittedAt: d('2099-02-10T10:00:00Z'),
    allocatedAt: d('2099-02-11T10:00:00Z'), allocatedTo: leadPractitioner.aadObjectId, startDate: '2099-02-17' });
  // A step-down continued by the same practitioner (step-down continuity).
  await seedRequest(db, { caseRef: 'N-1', hubId: 'barnet-north', referrer: leadPractitioner.aadObjectId, status: 'allocated', submittedAt: d('2099-02-27T10:00:00Z'),
    allocatedAt: d('2099-02-27T11:00:00Z'), allocatedTo: leadPractitioner.aadObjectId, continuedFrom: n1 });
  await seedRequest(db, { caseRef: 'S-1', hubId: 'barnet-south', referrer: socialWorkerB.aadObjectId, status: 'submitted', submittedAt: d('2099-02-10T10:00:00Z') });
  await seedFeedback(db, n1, 'N-1', 'barnet-north', [5, 4, 3], 'parent', d('2099-02-26T11:00:00Z'));
  await seedCheck(db, leadPractitioner.aadObjectId, 'N-1', 2, 3, d('2099-02-20T10:00:00Z'));
  await seedCheck(db, southPractitioner.aadObjectId, 'S-1', 1, null, d('2099-02-20T10:00:00Z'));
  await seedReminder(db, { cause: 'plan-review', caseRef: 'N-3', recipient: `user=${leadPractitioner.aadObjectId}`, dueAt: d('2099-02-20T09:00:00Z'), status: 'resolved' });
  await seedReminder(db, { cause: 'support-not-started', caseRef: 'N-3', recipient: 'hub-manager=barnet-north', dueAt: d('2099-02-20T09:00:00Z'), status: 'sent', sentAt: d('2099-02-20T09:00:00Z') });
}, 120_000);
afterAll(async () => { await bot.stop(); });

type Node = Record<string, unknown>;
/** Each section of the card: its title, facts, chart element and the table in the chart's fallback. */
function sectionsOf(card: unknown) {
  return (card as { body: Node[] }).body.filter((b) => b.type === 'Container' && Array.isArray(b.items) && (b.items as Node[]).some((i) => i.type === 'FactSet'))
    .map((c) => {
      const items = c.items as Node[];
      // A chart with nothing to draw is left out (its facts still give the figures): then no chart and no table.
      const chart = items.find((i) => String(i.type).startsWith('Chart.')) ?? { type: 'none', fallback: { type: 'none', rows: [] } };
      const table = chart.fallback as Node;
      const rows = (table.rows as Node[]).map((r) => (r.cells as Node[]).map((cell) => String(((cell.items as Node[])[0] as Node).text)));
      const facts = (items.find((i) => i.type === 'FactSet')!.facts as Array<{ title: string; value: string }>);
      return { title: String(items[0]!.text), facts, chart, table, rows };
    });
}
const fact = (card: unknown, section: string, title: string) => sectionsOf(card).find((s) => s.title === section)?.facts.find((f) => f.title === title)?.value;
const report = async (user: Parameters<TestBot['say']>[0]) => onlyCard(await bot.say(user, 'report'));

describe('the report card', () => {
  it('shows a hub manager their hub\'s figures, with every chart falling back to its table', async () => {
    const card = await report(hubManager);
    expect(textOf(card)).toContain('Report: Barnet North 0-19 Hub (demo)');
    expect(textOf(card)).toContain('The last 4 weeks: 9 Feb 2099 to 2 Mar 2099');
    expect(fact(card, 'OSR places used against the cap', 'Places used')).toBe('3 of 12 (25%)');
    expect(fact(card, 'OSR places used against the cap', 'Barnet North 0-19 Hub (demo)')).toBe('3 of 12; 1 full week');
    expect(fact(card, 'Joint visits by type and outcome', 'Joint visits')).toBe('4');
    expect(fact(card, 'Joint visits by type and outcome', 'Completed visits that led to a request')).toBe('1 of 2 (50%)');
    expect(fact(card, 'Joint visits by type and outcome', 'Visit to request filed')).toBe('2 days (90% within 2 days)');
    expect(fact(card, 'Requests by status and hub', 'Requests submitted')).toBe('4');
    expect(fact(card, 'Requests by status and hub', 'Declined')).toBe('1');
    expect(fact(card, 'Reviews and reminders: on time or overdue', 'On time')).toBe('1 (50%)');
    expect(fact(card, 'Reviews and reminders: on time or overdue', 'Overdue')).toBe('1');
    expect(fact(card, 'Threshold checks and overrides', 'Checks finished')).toBe('1');
    expect(fact(card, 'Threshold checks and overrides', 'Level 2 changed to level 3')).toBe('1');
    expect(fact(card, 'Transfers to Intervention and Planning', 'Transferred to Intervention and Planning')).toBe('1');
    expect(fact(card, 'Transfers to Intervention and Planning', 'Step-downs continued by the same practitioner')).toBe('1 of 1 (100%)');
    expect(fact(card, 'Length of involvement', 'This period')).toBe('14 days (90% within 14 days)');
    expect(fact(card, 'Family feedback', 'Feedback recorded')).toBe('1');

    const sections = sectionsOf(card);
    expect(sections.map((s) => s.chart.type)).toEqual(['Chart.Line', 'Chart.VerticalBar', 'Chart.Donut', 'Chart.VerticalBar', 'Chart.Gauge', 'Chart.VerticalBar', 'Chart.VerticalBar', 'Chart.VerticalBar', 'Chart.VerticalBar']);
    for (const s of sections) expect(s.table.type).toBe('Table');
    const byName = Object.fromEntries(sections.map((s) => [s.title, s.rows]));
    expect(byName['OSR places used against the cap']).toEqual([['Weeks', 'Places used of the cap'], ['w/c 9 Feb', '3 of 3'], ['w/c 16 Feb', '0 of 3'], ['w/c 23 Feb', '0 of 3'], ['w/c 2 Mar', '0 of 3']]);
    expect(byName['Requests by status and hub']).toEqual([['Hub', 'Requests', 'Waiting', 'In support', 'Closed', 'Declined or withdrawn'], ['Barnet North 0-19 Hub (demo)', '4', '0', '2', '1', '1']]);
    expect(byName['Transfers to Intervention and Planning']).toEqual([['Cases', 'Closed', 'Transferred', 'Share'], ['OSR cases', '1', '1', '100%'], ['Other cases', '0', '0', 'no figures']]);
    expect(byName['Family feedback']).toEqual([['Question', 'Average out of 5'], ['We listened to you and understood what you needed', '5'], ['The support helped your family', '4'], ['It was easy to get help when you needed it', '3']]);
    // Counts only: no family's words, and no case reference outside the drill-down buttons.
    expect(JSON.stringify(card)).not.toContain('A family comment');
    expect(JSON.stringify(card)).not.toContain('Override reason typed');
    expect(textOf(card)).not.toContain('N-1');
  });

  it('shows the other hub only its own figures, a DAT manager their team\'s and an administrator everything', async () => {
    const south = await report(southHubManager);
    expect(fact(south, 'Requests by status and hub', 'Requests submitted')).toBe('1');
    expect(fact(south, 'OSR places used against the cap', 'Places used')).toBe('0 of 12 (0%)');
    expect(fact(south, 'Threshold checks and overrides', 'Checks finished')).toBe('1');
    expect(fact(south, 'Family feedback', 'Feedback recorded')).toBe('0');

    const dat = await report(datManager);
    expect(textOf(dat)).toContain('Report: Barnet DAT Team A (demo)');
    expect(fact(dat, 'Requests by status and hub', 'Requests submitted')).toBe('2');
    expect(fact(dat, 'Joint visits by type and outcome', 'Joint visits')).toBe('4');

    const all = await report(admin);
    expect(textOf(all)).toContain('Report: All hubs and teams');
    expect(fact(all, 'Requests by status and hub', 'Requests submitted')).toBe('5');
    expect(fact(all, 'Threshold checks and overrides', 'Checks finished')).toBe('2');

    const views = (await auditRows(bot, 'report.view')).filter((a) => a.outcome === 'ok');
    expect(views.map((v) => [v.actor, v.record_id])).toEqual(expect.arrayContaining([
      [southHubManager.aadObjectId, 'hub:barnet-south'], [datManager.aadObjectId, 'dat-team:dat-barnet-a'], [admin.aadObjectId, 'all'],
    ]));
  });

  it('refuses, and audits, anyone who is not a manager or administrator', async () => {
    for (const user of [socialWorker, leadPractitioner]) {
      const card = await report(user);
      expect(textOf(card)).toContain('Reports are for hub managers, DAT managers and administrators');
    }
    const refused = (await auditRows(bot, 'report.view')).filter((a) => a.outcome === 'refused').map((a) => a.actor);
    expect(refused).toEqual([socialWorker.aadObjectId, leadPractitioner.aadObjectId]);
  });

  it('draws no empty chart: a period with no figures says so instead of showing bare axes or a red 0% gauge', async () => {
    const empty = onlyCard(await bot.submit(hubManager, { verb: 'report.show' }, { period: 'custom', from: '2098-01-05', to: '2098-01-11' }));
    const sections = sectionsOf(empty);
    expect(sections.length).toBeGreaterThan(5);
    expect(sections.map((x) => x.chart.type).filter((t) => t !== 'none')).toEqual([]);
    expect(textOf(empty).match(/Nothing to chart for this period\./g)).toHaveLength(sections.length);
    expect(fact(empty, 'Reviews and reminders: on time or overdue', 'On time')).toBe('0 (no figures)');
  });

  it('checks custom dates, keeping what was typed, and shows a custom period', async () => {
    const bad = onlyCard(await bot.submit(hubManager, { verb: 'report.show' }, { period: 'custom', from: '2099-02-20', to: '2099-02-10' }));
    expect(fieldError(bad, 'to') ?? textOf(bad)).toContain('The last date must be on or after the first date');
    expect(inputsOf(bad)).toMatchObject({ period: 'custom', from: '2099-02-20', to: '2099-02-10' });
    const good = onlyCard(await bot.submit(hubManager, { verb: 'report.show' }, { period: 'custom', from: '2099-02-09', to: '2099-02-15' }));
    expect(textOf(good)).toContain('Dates I choose: 9 Feb 2099 to 15 Feb 2099');
    expect(fact(good, 'Requests by status and hub', 'Requests submitted')).toBe('2');
    expect(inputsOf(good)).toMatchObject({ period: 'custom', from: '2099-02-09', to: '2099-02-15' });
  });

  it('lists the case references behind a figure, each with Open the case', async () => {
    const card = await report(hubManager);
    const button = actionsOf(card).find((a) => a.title === 'Cases transferred (1)');
    expect(button?.data).toMatchObject({ verb: 'report.drill', measure: 'transferred', shownPeriod: '4w' });
    const list = onlyCard(await bot.submit(hubManager, button!.data!, { period: 'custom', from: 'typed since', to: '' }));
    expect(textOf(list)).toContain('Cases transferred (1)');
    expect(textOf(list)).toContain('N-1');
    const n1 = (await bot.db.query(`SELECT id::text AS id FROM cases WHERE area_id = 'barnet' AND ref_key = 'N1'`)).rows[0]!.id as string;
    const open = actionsOf(list).find((a) => a.title === 'Open the case');
    expect(open?.data).toEqual({ verb: 'case.open', caseId: n1 });
    // Pressing it opens the case card (a new card: the list stays), through the case's own access rules and audit.
    const opened = await bot.submit(hubManager, open!.data!);
    expect(opened.some((a) => a.updated)).toBe(false);
    expect(textOf(onlyCard(opened))).toContain('Case N-1');
    expect(textOf(onlyCard(opened))).toContain('Allocated practitioner: Demo Lead Practitioner');
    const other = textOf(onlyCard(await bot.submit(southHubManager, open!.data!)));
    expect(other).toContain("I can't show you");
    expect(other).not.toContain('Allocated practitioner');
    const views = await bot.db.query(`SELECT actor, outcome FROM audit_log WHERE action = 'case.viewed' AND case_ref = 'N-1' ORDER BY id`);
    expect(views.rows).toEqual([{ actor: hubManager.aadObjectId, outcome: 'ok' }, { actor: southHubManager.aadObjectId, outcome: 'refused' }]);
    const declined = onlyCard(await bot.submit(hubManager, actionsOf(card).find((a) => a.title === 'Declined requests (1)')!.data!));
    expect(textOf(declined)).toContain('N-2');
    expect(textOf(declined)).not.toContain('Declined in a test seed');
    const drills = await bot.db.query(`SELECT actor, record_id, detail FROM audit_log WHERE action = 'report.drill' ORDER BY id`);
    expect(drills.rows.map((r) => [r.actor, r.record_id, r.detail.measure, r.detail.cases])).toEqual([
      [hubManager.aadObjectId, 'hub:barnet-north', 'transferred', 1], [hubManager.aadObjectId, 'hub:barnet-north', 'declined', 1]]);
  });
});

/** A small RFC 4180 reader: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += c;
  }
  return rows;
}

describe('the CSV for the data team', () => {
  it('matches the card figure for figure, behind a signed link that is checked again at use', async () => {
    const card = await report(hubManager);
    const link = actionsOf(card).find((a) => a.type === 'Action.OpenUrl' && a.title === 'Download the figures (CSV)') as unknown as { url: string };
    // The link names the public address; here the bot listens on a test port.
    const local = (u: URL) => fetch(`${bot.url}${u.pathname}${u.search}`);
    const res = await local(new URL(link.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = parseCsv(await res.text());
    expect(header).toEqual(['scope', 'from', 'to', 'section', 'figure', 'column', 'value']);
    const expected: string[][] = [];
    for (const s of sectionsOf(card)) {
      for (const f of s.facts) expected.push(['Barnet North 0-19 Hub (demo)', '2099-02-09', '2099-03-02', s.title, f.title, '', f.value]);
      const [columns, ...rows] = s.rows;
      for (const row of rows) for (let i = 1; i < row.length; i += 1) expected.push(['Barnet North 0-19 Hub (demo)', '2099-02-09', '2099-03-02', s.title, row[0]!, columns![i]!, row[i]!]);
    }
    expect(lines).toEqual(expected);
    const body = JSON.stringify(lines);
    for (const secret of ['N-1', 'N-2', 'A family comment', 'Override reason']) expect(body).not.toContain(secret);
    expect((await auditRows(bot, 'report.export')).map((a) => [a.actor, a.outcome, a.record_id])).toEqual([[hubManager.aadObjectId, 'ok', 'hub:barnet-north']]);

    const forged = new URL(link.url);
    forged.searchParams.set('from', '2099-01-01');
    expect((await local(forged)).status).toBe(404);
    const yesterday = new Date(MON_2_MAR_2099_1000.getTime() - 86_400_000);
    expect((await local(new URL(reportCsvLink(bot.app.config, hubManager.aadObjectId, { from: '2099-02-09', to: '2099-03-02' }, yesterday)))).status).toBe(410);
    // A link made out to someone who may not see reports (or no longer may) is refused at use, and audited.
    const notAManager = await local(new URL(reportCsvLink(bot.app.config, leadPractitioner.aadObjectId, { from: '2099-02-09', to: '2099-03-02' }, MON_2_MAR_2099_1000)));
    expect(notAManager.status).toBe(403);
    expect((await auditRows(bot, 'report.export')).filter((a) => a.outcome === 'refused').map((a) => a.actor)).toEqual([leadPractitioner.aadObjectId]);
  });
});
