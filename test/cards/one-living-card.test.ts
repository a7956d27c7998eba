// One living card per record per person's chat: a newer message of the same
// record's card supersedes the older one in that person's chat only. The
// Agents Playground gives every user the same conversation id, so the
// person is part of what "the same chat" means (found by the browser test:
// the lead's new booking card collapsed the social worker's).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.js';
import { createPool, type Db } from '../../src/store/db.js';
import { createLogger } from '../../src/log/logger.js';
import { migrate } from '../../src/store/migrate.js';
import { rememberRecordCard } from '../../src/store/record-card-store.js';
import { runMigrations } from 'graphile-worker';

const log = createLogger('silent');
let db: Db;
beforeAll(async () => {
  db = createPool(await createTestDatabase(), log, { max: 4 });
  await migrate(db, log);
  // The job queue's own schema (the app installs it when its runner starts).
  await runMigrations({ pgPool: db });
}, 120_000);
afterAll(async () => { await db?.end(); });

const superseded = async (recordId: string) =>
  (await db.query('SELECT activity_id, recipient_id, superseded_at IS NOT NULL AS superseded FROM record_cards WHERE record_id = $1 ORDER BY id', [recordId])).rows;
const card = (recordId: string, aad: string, conversationId: string, activityId: string) =>
  ({ recordType: 'booking' as const, recordId, template: 'booking-card', to: { kind: 'user' as const, aadObjectId: aad }, conversationId, activityId });

describe('remembering record cards', () => {
  it("supersedes the older card in the same person's chat, never another person's with the same conversation id", async () => {
    const booking = randomUUID();
    await rememberRecordCard(db, card(booking, 'lead', 'personal-chat-id', 'lead-1'));
    await rememberRecordCard(db, card(booking, 'social-worker', 'personal-chat-id', 'sw-1'));
    expect(await superseded(booking)).toEqual([
      { activity_id: 'lead-1', recipient_id: 'lead', superseded: false },
      { activity_id: 'sw-1', recipient_id: 'social-worker', superseded: false },
    ]);
    await rememberRecordCard(db, card(booking, 'social-worker', 'personal-chat-id', 'sw-2'));
    // Remembering a message again (an update in place) changes nothing.
    await rememberRecordCard(db, card(booking, 'social-worker', 'personal-chat-id', 'sw-1'));
    expect(await superseded(booking)).toEqual([
      { activity_id: 'lead-1', recipient_id: 'lead', superseded: false },
      { activity_id: 'sw-1', recipient_id: 'social-worker', superseded: true },
      { activity_id: 'sw-2', recipient_id: 'social-worker', superseded: false },
    ]);
    // One job draws the "moved down the chat" line on the superseded message.
    const jobs = await db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'collapse-older-record-cards'`);
    expect(jobs.rows[0].n).toBe(1);
  });

  it('of two newer cards remembered at once, each supersedes the older one and only one stays living', async () => {
    const booking = randomUUID();
    await rememberRecordCard(db, card(booking, 'social-worker', 'chat-a', 'one'));
    await Promise.all([rememberRecordCard(db, card(booking, 'social-worker', 'chat-a', 'two')), rememberRecordCard(db, card(booking, 'social-worker', 'chat-a', 'three'))]);
    const rows = await superseded(booking);
    expect(rows.filter((r) => !r.superseded)).toHaveLength(1);
  });
});
