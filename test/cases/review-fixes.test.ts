// Fixes from the review of the case work (issue 12), each through the real
// bot and real PostgreSQL: a step-down continuation gets its service's
// reminders like any filed request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestBot, onlyCard, textOf } from '../support/harness.js';
import { homeStartCoordinator, socialWorker } from '../support/people.js';
import { fixedClock } from '../request/support.js';
import { seedRequest } from '../reports/seed.js';

let bot: TestBot;
const d = (iso: string) => new Date(iso);

beforeAll(async () => {
  bot = await TestBot.start({ clock: fixedClock() });
}, 120_000);
afterAll(async () => { await bot?.stop(); });

describe('a step-down continuation', () => {
  it('is planned the service\'s "support not started" reminders, like a filed request', async () => {
    // Home-Start sets a start target (4 weeks); the continuation is filed and allocated in one step.
    const closed = await seedRequest(bot.db, {
      caseRef: 'HS-7001', hubId: 'herts-home-start', referrer: socialWorker.aadObjectId, status: 'closed', submittedAt: d('2099-01-05T10:00:00Z'),
      allocatedAt: d('2099-01-06T10:00:00Z'), allocatedTo: homeStartCoordinator.aadObjectId, startDate: '2099-01-12', endedAt: d('2099-02-27T10:00:00Z'), endReason: 'stepped-down-eha',
    });
    const card = onlyCard(await bot.submit(homeStartCoordinator, { verb: 'case.continue', requestId: closed, continueKey: randomUUID() }));
    expect(textOf(card)).toContain('Demo Home-Start Coordinator continues with the family of HS-7001');
    const cont = await bot.db.query<{ id: string }>('SELECT id::text AS id FROM requests WHERE continued_from_request_id = $1', [closed]);
    const planned = await bot.db.query<{ recipient: string; status: string }>(
      `SELECT recipient, status FROM reminders WHERE cause = 'support-not-started' AND cause_id = $1 ORDER BY recipient`, [cont.rows[0]!.id]);
    expect(planned.rows).toEqual([
      { recipient: 'hub-manager=herts-home-start', status: 'pending' },
      { recipient: `user=${socialWorker.aadObjectId}`, status: 'pending' },
    ]);
  });
});
