// Teams AI conversation and user state live in PostgreSQL (PostgresStorage),
// so they survive a restart: a new Application, storage and pool on the same
// database carry on where the old ones stopped.
import { beforeAll, describe, expect, it } from 'vitest';
import { TestAdapter, type Activity } from 'botbuilder';
import { Application, TurnState } from '@microsoft/teams-ai';
import { createPool, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { PostgresStorage } from '../../src/store/bot-state-storage.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestDatabase } from '../support/database.js';

const log = createLogger('silent');
let url: string;
beforeAll(async () => {
  url = await createTestDatabase();
  const db = createPool(url, log);
  await migrate(db, log);
  await db.end();
});

type CountingState = TurnState & { conversation: { visits?: number }; user: { name?: string } };

/** One "process": its own pool, storage and Application. */
function boot(): { db: Db; adapter: TestAdapter } {
  const db = createPool(url, log);
  const app = new Application<CountingState>({ storage: new PostgresStorage(db), startTypingTimer: false });
  app.message(/.*/, async (context, state) => {
    state.conversation.visits = (state.conversation.visits ?? 0) + 1;
    state.user.name ??= context.activity.text ?? '';
    await context.sendActivity(`visit ${state.conversation.visits} for ${state.user.name}`);
  });
  const adapter = new TestAdapter(async (context) => { await app.run(context); });
  return { db, adapter };
}

const message = (text: string): Partial<Activity> => ({
  type: 'message', text, channelId: 'msteams',
  from: { id: 'user-1', name: 'Demo Social Worker' }, recipient: { id: 'bot', name: 'bot' },
  conversation: { id: 'personal-1', isGroup: false, conversationType: 'personal', name: '' },
});

describe('Teams AI state across a restart', () => {

  it('continues the conversation and remembers the user after the app restarts', async () => {
    const first = boot();
    await first.adapter.send(message('first')).assertReply('visit 1 for first');
    await first.adapter.send(message('again')).assertReply('visit 2 for first');
    await first.db.end();

    const second = boot();
    await second.adapter.send(message('after restart')).assertReply('visit 3 for first');
    const rows = await second.db.query(`SELECT key FROM bot_state ORDER BY key`);
    expect(rows.rows.map((r) => r.key)).toEqual(expect.arrayContaining([expect.stringMatching(/\/conversations\/personal-1$/), expect.stringMatching(/\/users\/user-1$/)]));
    await second.db.end();
  });
});
