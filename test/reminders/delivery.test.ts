// Reminders delivered through the outbox to the fake Bot Connector: the
// happy path, 403 and 404 (undeliverable, manager told, 404 forgets the chat,
// no alert loop), a 1:1 chat created through the hub channel, no hidden SDK
// retries, and what a person does with the card: Done, Snooze, my reminders.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, action, onlyCard, textOf, type Card } from '../support/harness.js';
import {
  leadPractitioner, hubManager, socialWorker, datManager, gradeIPractitioner, southPractitioner, southHubManager, admin, gradeGPractitioner,
} from '../support/people.js';
import { saveChannelReference } from '../../src/store/conversation-refs.js';
import { reviewReminder, schedule, notificationIdOf, caseRefOf, waitFor } from './support.js';

const past = () => new Date(Date.now() - 1000);

describe('reminder delivery', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start({ overrides: { deliveryPolicy: { transientBaseMs: 200 } } });
    for (const u of [leadPractitioner, hubManager, socialWorker, datManager, southHubManager, admin, gradeGPractitioner]) await bot.say(u, 'hi');
  });
  afterEach(() => {
    bot.connector.faultFor = () => undefined;
  });
  afterAll(async () => bot?.stop());

  const deliveredCard = (caseRef: string) => waitFor(`delivery of ${caseRef}`, () => bot.connector.delivered.find((c) => caseRefOf(c) === caseRef), 90_000);
  const reminderStatus = async (causeId: string) => (await bot.db.query(`SELECT status FROM reminders WHERE cause_id = $1`, [causeId])).rows[0]?.status as string;
  const cardBody = (call: { body: Record<string, unknown> }) => ((call.body.attachments as { content: Card }[])[0]!).content;

  it('sends a due reminder to the practitioner as a card with the case reference, the due date and no names', async () => {
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 1, past())]);
    const call = await deliveredCard('EHM-100001');
    expect(call.conversationId).toBe(`a:personal-${leadPractitioner.aadObjectId}`);
    expect(notificationIdOf(call)).toMatch(/^\d+$/);
    const card = cardBody(call);
    expect(textOf(card)).toContain('Support plan review due');
    expect(textOf(card)).toContain('Tue 1 Dec 2026');
    expect(textOf(card)).not.toContain(leadPractitioner.name);
    expect(call.body.summary).toBe('Support plan review due');
    expect(await reminderStatus('plan-1')).toBe('sent');
  });

  it('re-scheduling the same job key replaces the reminder instead of adding one', async () => {
    const later = new Date(Date.now() + 3_600_000);
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 2, later)]);
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 2, new Date(later.getTime() + 60_000))]);
    const rows = await bot.db.query(`SELECT due_at FROM reminders WHERE cause_id = 'plan-2'`);
    expect(rows.rowCount).toBe(1);
    const jobs = await bot.db.query(`SELECT run_at FROM graphile_worker.jobs WHERE key LIKE 'reminder:plan-review:plan-2:%'`);
    expect(jobs.rowCount).toBe(1);
    expect(new Date(jobs.rows[0].run_at).getTime()).toBe(later.getTime() + 60_000);
  });

  it('403: the reminder is undeliverable, the chat is kept, the hub manager is told once, and an unreachable manager causes no loop', async () => {
    const blocked = new Set([`a:personal-${gradeGPractitioner.aadObjectId}`, `a:personal-${hubManager.aadObjectId}`]);
    bot.connector.faultFor = (c) => (c.conversationId && blocked.has(c.conversationId) ? { status: 403, code: 'ConversationBlockedByUser' } : undefined);
    await schedule(bot.db, [reviewReminder(gradeGPractitioner.aadObjectId, 3, past()), reviewReminder(gradeGPractitioner.aadObjectId, 4, past())]);
    await waitFor('undeliverable', async () => (await reminderStatus('plan-3')) === 'undeliverable' && (await reminderStatus('plan-4')) === 'undeliverable');
    // The manager's alert was tried (and refused, 403 too) and is itself not alerted on.
    const alerts = await waitFor('alert settled', async () => {
      const r = await bot.db.query(`SELECT status FROM notifications WHERE card_template = 'delivery-failed' AND recipient_id = $1`, [hubManager.aadObjectId]);
      return r.rows.length === 1 && r.rows[0].status !== 'pending' ? r.rows : undefined;
    });
    expect(alerts[0].status).toBe('undeliverable');
    const all = await bot.db.query(`SELECT count(*)::int AS n FROM notifications WHERE card_template = 'delivery-failed'`);
    expect(all.rows[0].n).toBe(1);
    const ref = await bot.db.query('SELECT 1 FROM conversation_refs WHERE aad_object_id = $1', [gradeGPractitioner.aadObjectId]);
    expect(ref.rowCount).toBe(1);
  });

  it('404: the chat reference is forgotten and the DAT manager is told with a card', async () => {
    const gone = `a:personal-${socialWorker.aadObjectId}`;
    bot.connector.faultFor = (c) => (c.conversationId === gone ? { status: 404 } : undefined);
    await schedule(bot.db, [reviewReminder(socialWorker.aadObjectId, 5, past())]);
    await waitFor('undeliverable', async () => (await reminderStatus('plan-5')) === 'undeliverable');
    const ref = await bot.db.query('SELECT 1 FROM conversation_refs WHERE aad_object_id = $1', [socialWorker.aadObjectId]);
    expect(ref.rowCount).toBe(0);
    const alert = await waitFor('manager alert', () => bot.connector.delivered.find((c) => c.conversationId === `a:personal-${datManager.aadObjectId}` && JSON.stringify(c.body).includes('could not be delivered')));
    expect(textOf(cardBody(alert))).toContain('Demo Social Worker');
    expect(textOf(cardBody(alert))).toContain('EHM-100005');
  });

  it('a colleague who never opened the bot is reached by creating a 1:1 chat through their hub channel', async () => {
    await saveChannelReference(bot.db, 'barnet-north', {
      serviceUrl: bot.connector.url, channelId: 'msteams', bot: { id: '28:right-response-bot', name: 'Right Response' },
      conversation: { id: '19:barnet-north@thread.tacv2', isGroup: true, conversationType: 'channel', tenantId: '00000000-0000-0000-0000-0000000000001', name: '' },
    });
    await schedule(bot.db, [reviewReminder(gradeIPractitioner.aadObjectId, 6, past())]);
    const call = await deliveredCard('EHM-100006');
    const created = bot.connector.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body.members).toEqual([expect.objectContaining({ id: `29:member-${gradeIPractitioner.aadObjectId}` })]);
    expect(call.conversationId).toMatch(/^a:1/);
    const ref = await bot.db.query('SELECT reference FROM conversation_refs WHERE aad_object_id = $1', [gradeIPractitioner.aadObjectId]);
    expect(ref.rows[0].reference.conversation.id).toBe(call.conversationId);
  });

  it('no chat and no hub channel: held, the hub manager hears what is waiting, and it arrives when they first open the bot', async () => {
    await schedule(bot.db, [reviewReminder(southPractitioner.aadObjectId, 7, past())]);
    const held = async () => (await bot.db.query(`SELECT status FROM notifications WHERE recipient_id = $1 AND card_template = 'reminder'`, [southPractitioner.aadObjectId])).rows[0]?.status;
    await waitFor('the card held', async () => (await held()) === 'held');
    const alert = await waitFor('alert', () => bot.connector.delivered.find((c) => c.conversationId === `a:personal-${southHubManager.aadObjectId}`));
    expect(textOf(cardBody(alert))).toContain('Demo South Practitioner has not opened Right Response in Teams yet');
    expect(textOf(cardBody(alert))).toContain('A reminder: Support plan review due');
    expect(await reminderStatus('plan-7')).not.toBe('undeliverable');
    await bot.say(southPractitioner, 'hi');
    const mine = await waitFor('the held card delivered to the practitioner', () => bot.connector.delivered.find((c) => c.conversationId === `a:personal-${southPractitioner.aadObjectId}` && caseRefOf(c) === 'EHM-100007'));
    expect(textOf(cardBody(mine))).toContain('Support plan review due');
    expect(await held()).toBe('sent');
  });

  it('the connector client does not retry on its own: one HTTP call per recorded attempt, backoff between', async () => {
    const conv = `a:personal-${leadPractitioner.aadObjectId}`;
    let failures = 0;
    bot.connector.faultFor = (c) => (c.conversationId === conv && c.method === 'POST' && failures++ < 2 ? { status: 503 } : undefined);
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 8, past())]);
    const call = await deliveredCard('EHM-100008');
    const id = notificationIdOf(call)!;
    const row = await bot.db.query('SELECT attempts FROM notifications WHERE id = $1', [id]);
    const tries = bot.connector.calls.filter((c) => c.conversationId === conv && c.method === 'POST' && (c.status === 503 || notificationIdOf(c) === id));
    expect(tries.map((t) => t.status)).toEqual([503, 503, 201]);
    expect(row.rows[0].attempts).toBe(3);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(100); // equal jitter: at least half of the 200 ms base
  });

  it('Done records the outcome with its date for everyone it went to; acting again says so politely', async () => {
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 9, past())]);
    const card = cardBody(await deliveredCard('EHM-100009'));
    const done = action(card, 'Done');
    const submit = action(done.card!, /^Record/);
    const replies = await bot.submit(leadPractitioner, submit.data!, { outcomeDate: '2026-11-24' });
    expect(textOf(onlyCard(replies))).toMatch(/Review held on Tue 24 Nov 2026 for case EHM-100009/);
    const row = (await bot.db.query(`SELECT status, outcome_detail FROM reminders WHERE cause_id = 'plan-9'`)).rows[0];
    expect(row).toEqual({ status: 'resolved', outcome_detail: { label: 'Review held', date: '2026-11-24' } });
    const audit = await bot.db.query(`SELECT actor FROM audit_log WHERE action = 'reminder.done' AND case_ref = 'EHM-100009'`);
    expect(audit.rows).toEqual([{ actor: leadPractitioner.aadObjectId }]);

    const again = await bot.submit(leadPractitioner, action(card, 'Snooze 1 day').data!);
    expect(textOf(onlyCard(again))).toMatch(/already resolved .*Review held/);
  });

  it('Done with a date in the future re-shows the card with the problem named', async () => {
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 10, past())]);
    const card = cardBody(await deliveredCard('EHM-100010'));
    const submit = action(action(card, 'Done').card!, /^Record/);
    const replies = await bot.submit(leadPractitioner, submit.data!, { outcomeDate: '2099-01-01' });
    expect(textOf(onlyCard(replies))).toContain('The date cannot be in the future.');
    expect(await reminderStatus('plan-10')).toBe('sent');
  });

  it('Snooze 1 week moves the reminder to a working day and places its job there; someone else cannot snooze it', async () => {
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 11, past())]);
    const card = cardBody(await deliveredCard('EHM-100011'));
    const refused = await bot.submit(socialWorkerB(), action(card, 'Snooze 1 week').data!);
    expect(textOf(onlyCard(refused))).toContain('only they can act on it');
    const replies = await bot.submit(leadPractitioner, action(card, 'Snooze 1 week').data!);
    expect(textOf(onlyCard(replies))).toMatch(/remind you again on (Mon|Tue|Wed|Thu|Fri) /);
    const row = (await bot.db.query(`SELECT status, due_at, job_key FROM reminders WHERE cause_id = 'plan-11'`)).rows[0];
    expect(row.status).toBe('snoozed');
    const job = await bot.db.query('SELECT run_at FROM graphile_worker.jobs WHERE key = $1', [`reminder:${row.job_key}`]);
    expect(new Date(job.rows[0].run_at).getTime()).toBe(new Date(row.due_at).getTime());
  });

  it('"my reminders" lists what is due and overdue, and the welcome card\'s button does the same', async () => {
    const typed = onlyCard(await bot.say(leadPractitioner, 'my reminders'));
    expect(textOf(typed)).toContain('Support plan review due');
    expect(textOf(typed)).toContain('EHM-100010');
    expect(textOf(typed)).not.toContain('EHM-100009'); // done
    const pressed = onlyCard(await bot.submit(leadPractitioner, { verb: 'reminders.list' }));
    expect(textOf(pressed)).toEqual(textOf(typed));
    const empty = onlyCard(await bot.say(datManager, 'my reminders'));
    expect(textOf(empty)).toContain('Nothing is due or overdue');
  });

  it('resolveReminders cancels pending reminders of a cause so they are never sent', async () => {
    const { withTransaction } = await import('../../src/store/db.js');
    const { resolveReminders } = await import('../../src/app/reminders/schedule.js');
    await schedule(bot.db, [reviewReminder(leadPractitioner.aadObjectId, 12, new Date(Date.now() + 3_600_000))]);
    const n = await withTransaction(bot.db, (tx) => resolveReminders(tx, 'plan-review', 'plan-12', { outcome: 'reviewed', by: 'test' }));
    expect(n).toBe(1);
    const jobs = await bot.db.query(`SELECT 1 FROM graphile_worker.jobs WHERE key LIKE 'reminder:plan-review:plan-12:%'`);
    expect(jobs.rowCount).toBe(0);
    expect(await reminderStatus('plan-12')).toBe('resolved');
  });

  it('dead letters: an admin sees undeliverable cards and Retry sends one again; others are refused and audited', async () => {
    const refused = onlyCard(await bot.say(leadPractitioner, 'dead letters'));
    expect(textOf(refused)).toContain('Only an administrator');
    const list = onlyCard(await bot.say(admin, 'dead letters'));
    expect(textOf(list)).toMatch(/A reminder · case /);
    expect(textOf(list)).not.toMatch(/undeliverable|#\d/);
    // plan-3 was refused with 403; the person has unblocked the bot since.
    const id = (await bot.db.query(`SELECT n.id FROM notifications n JOIN reminders r ON r.id = n.reminder_id WHERE r.cause_id = 'plan-3'`)).rows[0].id as string;
    const retry = actionsFor(list, id);
    const replies = await bot.submit(admin, retry);
    expect(textOf(onlyCard(replies))).toContain('will be sent again');
    await deliveredCard('EHM-100003');
    // The reminder is marked sent just after the connector's answer: wait for that, not for the card alone.
    expect(await waitFor('plan-3 marked sent', async () => ((await reminderStatus('plan-3')) === 'sent' ? 'sent' : undefined), 90_000)).toBe('sent');
    const audit = await bot.db.query(`SELECT action, outcome FROM audit_log WHERE action LIKE 'deadletters.%' ORDER BY id`);
    expect(audit.rows).toEqual([
      { action: 'deadletters.view', outcome: 'refused' },
      { action: 'deadletters.view', outcome: 'ok' },
      { action: 'deadletters.retry', outcome: 'ok' },
    ]);
  });
});

function socialWorkerB() {
  return { aadObjectId: '00000000-0000-0000-0000-0000000000029', name: 'Demo Social Worker B' };
}

function actionsFor(card: Card, notificationId: string): Record<string, unknown> {
  const found = JSON.stringify(card).includes(`"notificationId":"${notificationId}"`);
  if (!found) throw new Error(`no Retry for notification ${notificationId}`);
  return { verb: 'deadletters.retry', notificationId };
}
