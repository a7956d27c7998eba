// Reports relate a family's records by their case (migration 040), never by
// the reference as typed: "LCS 204518" and "LCS-204518" are one case, and the
// same reference in another area is another case. A manager's drill-down
// lists only cases with a record in their hub or team, each opened by its id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, actionsOf } from '../support/harness.js';
import { hubManager, leadPractitioner, socialWorker, socialWorkerB } from '../support/people.js';
import { fixedClock } from '../request/support.js';
import { casesInScope } from '../../src/store/report-store.js';
import { scopeFilter } from '../../src/domain/reports/scope.js';
import { loadDirectory } from '../../src/config/load-directory.js';
import { seedBooking, seedHubWeek, seedRequest } from './seed.js';

let bot: TestBot;
const directory = loadDirectory('config/directory.demo.json');
const d = (iso: string) => new Date(iso);
const caseId = async (areaId: string, refKey: string) =>
  (await bot.db.query<{ id: string }>('SELECT id::text AS id FROM cases WHERE area_id = $1 AND ref_key = $2', [areaId, refKey])).rows[0]!.id;

beforeAll(async () => {
  bot = await TestBot.start({ clock: fixedClock() }); // Monday 2 March 2099: the last 4 weeks are 9 February to 2 March
  const db = bot.db;
  await seedHubWeek(db, 'barnet-north', '2099-W07', 3);
  await seedHubWeek(db, 'plymouth-central', '2099-W07', 3);
  const visit = { weekId: '2099-W07', datTeamId: 'dat-barnet-a', socialWorker: socialWorker.aadObjectId, lead: leadPractitioner.aadObjectId, visitType: 'home-visit' as const, status: 'completed' };
  // A joint visit, then a request for the same case typed another way (not filed from the visit): an OSR case, and the visit led to it.
  await seedBooking(db, { ...visit, hubId: 'barnet-north', caseRef: 'LCS-204518', visitAt: d('2099-02-10T10:00:00Z') });
  await seedRequest(db, { caseRef: 'lcs 204518', hubId: 'barnet-north', referrer: socialWorker.aadObjectId, status: 'closed', submittedAt: d('2099-02-12T10:00:00Z'),
    endedAt: d('2099-02-26T10:00:00Z'), endReason: 'transferred-i-and-p' });
  // The same reference in Plymouth had a joint visit; the Barnet family with it did not: not an OSR case.
  await seedBooking(db, { ...visit, hubId: 'plymouth-central', caseRef: 'P-777', visitAt: d('2099-02-11T10:00:00Z') });
  await seedRequest(db, { caseRef: 'P-777', hubId: 'barnet-north', referrer: socialWorker.aadObjectId, status: 'closed', submittedAt: d('2099-02-13T10:00:00Z'),
    endedAt: d('2099-02-25T10:00:00Z'), endReason: 'needs-met' });
  // Declined in Barnet North; the same reference later in Bradford is another family.
  await seedRequest(db, { caseRef: 'X-5', hubId: 'barnet-north', referrer: socialWorker.aadObjectId, status: 'declined', submittedAt: d('2099-02-16T10:00:00Z'), endedAt: d('2099-02-17T10:00:00Z') });
  await seedRequest(db, { caseRef: 'X-5', hubId: 'bradford-north', referrer: socialWorkerB.aadObjectId, status: 'submitted', submittedAt: d('2099-02-20T10:00:00Z') });
}, 120_000);
afterAll(async () => { await bot.stop(); });

type Node = Record<string, unknown>;
function facts(card: unknown, section: string): Record<string, string> {
  const container = (card as { body: Node[] }).body.find((b) => Array.isArray(b.items) && ((b.items as Node[])[0] as Node | undefined)?.text === section);
  const set = (container?.items as Node[] | undefined)?.find((i) => i.type === 'FactSet');
  return Object.fromEntries(((set?.facts ?? []) as Array<{ title: string; value: string }>).map((f) => [f.title, f.value]));
}
function table(card: unknown, section: string): string[][] {
  const container = (card as { body: Node[] }).body.find((b) => Array.isArray(b.items) && ((b.items as Node[])[0] as Node | undefined)?.text === section);
  const chart = (container!.items as Node[]).find((i) => String(i.type).startsWith('Chart.'))!;
  return ((chart.fallback as Node).rows as Node[]).map((r) => (r.cells as Node[]).map((c) => String(((c.items as Node[])[0] as Node).text)));
}

describe('reports relate records by case', () => {
  it('counts a case with a joint visit as OSR however its reference was typed, and not a case that only shares its reference', async () => {
    const card = onlyCard(await bot.say(hubManager, 'report'));
    expect(table(card, 'Transfers to Intervention and Planning')).toEqual([['Cases', 'Closed', 'Transferred', 'Share'], ['OSR cases', '1', '1', '100%'], ['Other cases', '1', '0', '0%']]);
    expect(facts(card, 'Joint visits by type and outcome')['Completed visits that led to a request']).toBe('1 of 1 (100%)');
    expect(facts(card, 'Joint visits by type and outcome')['Visit to request filed']).toBe('2 days (90% within 2 days)');
  });

  it('lists a case once under its own reference, and opens the hub\'s case, not another area\'s with the same reference', async () => {
    const card = onlyCard(await bot.say(hubManager, 'report'));
    const transferred = onlyCard(await bot.submit(hubManager, actionsOf(card).find((a) => a.title === 'Cases transferred (1)')!.data!));
    expect(actionsOf(transferred).filter((a) => a.title === 'Open the case').map((a) => a.data)).toEqual([{ verb: 'case.open', caseId: await caseId('barnet', 'LCS204518') }]);
    expect(textOf(transferred)).toContain('LCS-204518');

    const declined = onlyCard(await bot.submit(hubManager, actionsOf(card).find((a) => a.title === 'Declined requests (1)')!.data!));
    const barnetX5 = await caseId('barnet', 'X5');
    expect(actionsOf(declined).filter((a) => a.title === 'Open the case').map((a) => a.data)).toEqual([{ verb: 'case.open', caseId: barnetX5 }]);
    // The button works through the real bot: the case card of the Barnet case.
    const opened = onlyCard(await bot.submit(hubManager, { verb: 'case.open', caseId: barnetX5 }));
    expect(textOf(opened)).toContain('X-5');
    expect(textOf(opened)).not.toContain('Bradford');
  });

  it('never offers a case with no record in the manager\'s hub or team', async () => {
    const barnetX5 = await caseId('barnet', 'X5');
    const bradfordX5 = await caseId('bradford', 'X5');
    const north = scopeFilter(directory, { kind: 'hub', hubId: 'barnet-north' });
    expect([...(await casesInScope(bot.db, north, [barnetX5, bradfordX5])).keys()]).toEqual([barnetX5]);
    const south = scopeFilter(directory, { kind: 'hub', hubId: 'barnet-south' });
    expect((await casesInScope(bot.db, south, [barnetX5, bradfordX5])).size).toBe(0);
    // A DAT team's cases are those its people referred or its joint visits: team B referred only Bradford's X-5.
    const teamA = scopeFilter(directory, { kind: 'dat-team', datTeamId: 'dat-barnet-a' });
    const teamB = scopeFilter(directory, { kind: 'dat-team', datTeamId: 'dat-barnet-b' });
    expect([...(await casesInScope(bot.db, teamA, [barnetX5, bradfordX5])).keys()]).toEqual([barnetX5]);
    expect([...(await casesInScope(bot.db, teamB, [barnetX5, bradfordX5])).keys()]).toEqual([bradfordX5]);
  });
});
