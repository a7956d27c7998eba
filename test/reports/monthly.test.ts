// The monthly report card (issue 15): last month's report to each hub manager
// and DAT manager, for their own hub or team, once per month however often
// the daily task runs, and again the next month. The task is in the job list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../support/harness.js';
import { datManager, hubManager, southHubManager } from '../support/people.js';
import { cardProblems } from '../support/card-schema.js';
import { ManualClock } from '../../src/app/clock.js';
import { sendMonthlyReports } from '../../src/app/reports/monthly.js';
import { renderCardJson } from '../../src/teams/cards/render.js';
import { waitFor } from '../support/wait.js';
import { MONTHLY_REPORTS_TASK } from '../../src/jobs/report-tasks.js';
import { seedRequest } from './seed.js';

const clock = new ManualClock(new Date('2099-03-02T10:00:00Z'));
let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock });
  await seedRequest(bot.db, { caseRef: 'M-1', hubId: 'barnet-north', referrer: datManager.aadObjectId, status: 'submitted', submittedAt: new Date('2099-02-10T10:00:00Z') });
}, 120_000);
afterAll(async () => { await bot.stop(); });

const deps = () => ({ db: bot.db, directory: bot.app.directory, policy: bot.app.policy, clock, log: bot.app.log });
const cards = async (month: string) => (await bot.db.query<{ recipient_id: string; card_data: Record<string, unknown>; dedupe_key: string }>(
  `SELECT recipient_id, card_data, dedupe_key FROM notifications WHERE card_template = 'report' AND dedupe_key LIKE $1 ORDER BY id`, [`monthly-report:${month}>%`])).rows;

describe('the monthly report card', () => {
  it('goes once to each hub and DAT manager with last month\'s figures for their own hub or team', async () => {
    const managers = bot.app.directory.people.filter((p) => (p.roles.includes('hub-manager') && p.hubId) || (p.roles.includes('dat-manager') && p.datTeamId));
    expect(await sendMonthlyReports(deps())).toBe(managers.length);
    // The daily task again, the same day and later in the month: nothing more.
    expect(await sendMonthlyReports(deps())).toBe(0);
    clock.set(new Date('2099-03-28T10:00:00Z'));
    expect(await sendMonthlyReports(deps())).toBe(0);

    const sent = await cards('2099-02');
    expect(sent.map((c) => c.recipient_id).sort()).toEqual(managers.map((m) => m.aadObjectId).sort());
    const north = sent.find((c) => c.recipient_id === hubManager.aadObjectId)!.card_data;
    expect(north.title).toBe('Monthly report: Barnet North 0-19 Hub (demo)');
    expect(north.periodLine).toBe('Last month: 1 Feb 2099 to 28 Feb 2099');
    const requestsOf = (data: Record<string, unknown>) => (data.sections as Array<{ title: string; facts: Array<{ title: string; value: string }> }>)
      .find((s) => s.title === 'Requests by status and hub')!.facts.find((f) => f.title === 'Requests submitted')!.value;
    expect(requestsOf(north)).toBe('1');
    expect(requestsOf(sent.find((c) => c.recipient_id === southHubManager.aadObjectId)!.card_data)).toBe('0');
    expect(requestsOf(sent.find((c) => c.recipient_id === datManager.aadObjectId)!.card_data)).toBe('1');
    expect(cardProblems(renderCardJson('report', north))).toEqual([]);

    // Next month: March's card.
    clock.set(new Date('2099-04-01T08:00:00Z'));
    expect(await sendMonthlyReports(deps())).toBe(managers.length);
    expect((await cards('2099-03'))).toHaveLength(managers.length);
  });

  it('runs from the job queue, and two runs at once still send each card once', async () => {
    const managers = bot.app.directory.people.filter((p) => (p.roles.includes('hub-manager') && p.hubId) || (p.roles.includes('dat-manager') && p.datTeamId));
    clock.set(new Date('2099-05-01T08:00:00Z'));
    const [a, b] = await Promise.all([sendMonthlyReports(deps()), sendMonthlyReports(deps())]);
    expect(a + b).toBe(managers.length);
    expect(await cards('2099-04')).toHaveLength(managers.length);

    clock.set(new Date('2099-06-01T08:00:00Z'));
    await bot.app.jobs.add(MONTHLY_REPORTS_TASK, {}, { jobKey: MONTHLY_REPORTS_TASK });
    await waitFor('the queued task to send May\'s cards', async () => ((await cards('2099-05')).length === managers.length ? true : undefined), 60_000);
  });
});
