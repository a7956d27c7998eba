// Family feedback (seed 004 §5.3) through the real bot: closing a request
// offers it and plans a reminder; the form re-shows with values kept and each
// problem named; a resend records once; recording resolves the reminder;
// people outside the request are refused and audited; the close outcomes are
// the shared vocabulary; erasure and export find the feedback by case.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, onlyCard, textOf, action, actionsOf, inputsOf } from '../support/harness.js';
import { hubManager, leadPractitioner, socialWorker, southHubManager, southPractitioner } from '../support/people.js';
import { auditRows, fieldError, fileRequest, fixedClock } from '../request/support.js';
import { CLOSE_OUTCOMES } from '../../src/domain/request/action-forms.js';
import { countCaseRows } from '../../src/store/privacy-store.js';
import { escapeCardText } from '../../src/domain/text/card-text.js';
import { waitForQuiescence } from '../support/quiescence.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start({ clock: fixedClock() }); }, 120_000);
afterAll(async () => { await bot.stop(); });

const press = (user: Parameters<TestBot['submit']>[0], data: Record<string, unknown>, inputs: Record<string, unknown> = {}) => bot.submit(user, data, inputs).then(onlyCard);

async function startedRequest(caseRef: string): Promise<string> {
  const { requestId } = await fileRequest(bot, socialWorker, { family: { caseRef } });
  await press(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
  await press(leadPractitioner, { verb: 'request.begin', requestId }, { startDate: '2099-03-02' });
  return requestId;
}

describe('close outcomes', () => {
  it('offers exactly the shared vocabulary, and records a transfer to Intervention and Planning', async () => {
    expect(Object.keys(CLOSE_OUTCOMES)).toEqual(['needs-met', 'partly-met', 'stepped-down-eha', 'stepped-down-universal-plus', 'stepped-down', 'stepped-up',
      'transferred-i-and-p', 'disengaged', 'moved-away', 'other']);
    const requestId = await startedRequest('FB-100');
    const form = await press(leadPractitioner, { verb: 'request.close.show', requestId });
    expect(JSON.stringify(form)).toContain('Transferred to Intervention and Planning');
    expect(JSON.stringify(form)).toContain('Stepped down to an early help assessment');
    const done = await press(leadPractitioner, action(form, 'Close case').data!, { outcome: 'transferred-i-and-p', note: '' });
    expect(actionsOf(done).map((a) => a.title)).toContain('Record family feedback');
    const row = await bot.db.query('SELECT status, end_reason FROM requests WHERE id = $1', [requestId]);
    expect(row.rows[0]).toEqual({ status: 'closed', end_reason: 'transferred-i-and-p' });
  });
});

describe('family feedback', () => {
  it('is recorded at closure, with problems named and values kept, once per card, resolving its reminder', async () => {
    const requestId = await startedRequest('FB-200');
    const closeForm = await press(leadPractitioner, { verb: 'request.close.show', requestId });
    const done = await press(leadPractitioner, action(closeForm, 'Close case').data!, { outcome: 'needs-met', note: '' });
    const reminder = await bot.db.query(`SELECT status, recipient, template FROM reminders WHERE cause = 'family-feedback' AND cause_id = $1`, [requestId]);
    expect(reminder.rows).toEqual([{ status: 'pending', recipient: `user=${leadPractitioner.aadObjectId}`, template: 'family-feedback-missing' }]);

    const form = await press(leadPractitioner, action(done, 'Record family feedback').data!);
    expect(textOf(form)).toContain('Family feedback: FB-200');
    const save = action(form, 'Save feedback').data!;
    const bad = await press(leadPractitioner, save, { givenBy: '', listened: '9', helped: '4', easyToReach: '', comment: 'They were kind to us' });
    expect(fieldError(bad, 'givenBy')).toBe('Choose who gave the feedback: the child, a parent or a carer');
    expect(fieldError(bad, 'listened')).toBe('Choose a score from 1 to 5 for "We listened to you and understood what you needed"');
    expect(fieldError(bad, 'easyToReach')).toBe('Choose a score from 1 to 5 for "It was easy to get help when you needed it"');
    expect(inputsOf(bad)).toMatchObject({ helped: '4', comment: 'They were kind to us' });
    expect(action(bad, 'Save feedback').data!.feedbackKey).toBe(save.feedbackKey);

    const good = { givenBy: 'parent', listened: '5', helped: '4', easyToReach: '3', comment: 'They were kind to us' };
    const saved = await press(leadPractitioner, save, good);
    expect(textOf(saved)).toContain("The family's feedback on FB-200 is saved");
    // A Teams resend or double click of the same card records nothing more.
    expect(textOf(await press(leadPractitioner, save, good))).toContain('already saved');
    const rows = await bot.db.query('SELECT moment, given_by, listened, helped, easy_to_reach, comment FROM family_feedback WHERE request_id = $1', [requestId]);
    expect(rows.rows).toEqual([{ moment: 'closure', given_by: 'parent', listened: 5, helped: 4, easy_to_reach: 3, comment: 'They were kind to us' }]);
    const after = await bot.db.query(`SELECT status, outcome FROM reminders WHERE cause = 'family-feedback' AND cause_id = $1`, [requestId]);
    expect(after.rows).toEqual([{ status: 'resolved', outcome: 'feedback-recorded' }]);
    const audit = (await auditRows(bot, 'request.feedback')).filter((a) => a.record_id === requestId);
    expect(audit.map((a) => [a.actor, a.outcome])).toEqual([[leadPractitioner.aadObjectId, 'ok']]);

    // Family data: the subject access export and erasure find it by the case reference.
    expect((await countCaseRows(bot.db, 'FB-200')).family_feedback).toBe(1);
  });

  it('is shown, in plain words and escaped, on the request details card to those who may see the request, and nowhere else', async () => {
    const requestId = await startedRequest('FB-600');
    const closeForm = await press(leadPractitioner, { verb: 'request.close.show', requestId });
    const done = await press(leadPractitioner, action(closeForm, 'Close case').data!, { outcome: 'needs-met', note: '' });
    const comment = 'Thank you <b>so much</b>, *really* [kind] ${name}';
    await press(leadPractitioner, action(await press(leadPractitioner, action(done, 'Record family feedback').data!), 'Save feedback').data!,
      { givenBy: 'parent', listened: '5', helped: '4', easyToReach: '2', comment });
    // The allocated practitioner, the hub manager and the referrer see it on the request's details.
    for (const viewer of [leadPractitioner, hubManager, socialWorker]) {
      const text = textOf(await press(viewer, { verb: 'request.view', requestId }));
      expect(text).toContain('Family feedback, Mon 2 Mar');
      expect(text).toContain('Given by: A parent, at closure');
      expect(text).toContain('We listened to you and understood what you needed: 5 – Completely');
      expect(text).toContain('The support helped your family: 4 – Mostly');
      expect(text).toContain('It was easy to get help when you needed it: 2 – A little');
      expect(text).toContain(`In their words: ${escapeCardText(comment)}`);
      expect(text).not.toContain('<b>');
      expect(text).toContain('Recorded by: Demo Lead Practitioner');
    }
    // Anyone else is refused the details, feedback and all.
    for (const outsider of [southHubManager, southPractitioner]) {
      const refused = textOf(await press(outsider, { verb: 'request.view', requestId }));
      expect(refused).not.toContain('Thank you');
      expect(refused).not.toContain('Family feedback');
    }
    // Never on a card posted anywhere else: the cards that carry it are the viewers' own details cards, in their personal chats.
    await waitForQuiescence(bot.db);
    const carriers = bot.connector.calls.filter((c) => JSON.stringify(c.body).includes('Thank you')).map((c) => c.conversationId);
    const allowed = [leadPractitioner, hubManager, socialWorker].map((u) => `a:personal-${u.aadObjectId}`);
    expect(carriers.every((c) => allowed.includes(c ?? ''))).toBe(true);
    // Feedback with no comment says so.
    const reviewed = await startedRequest('FB-610');
    const inReview = await press(leadPractitioner, { verb: 'request.review.open', requestId: reviewed });
    await press(leadPractitioner, action(await press(leadPractitioner, action(inReview, 'Record family feedback').data!), 'Save feedback').data!,
      { givenBy: 'child', listened: '3', helped: '3', easyToReach: '3', comment: '' });
    const quiet = textOf(await press(hubManager, { verb: 'request.view', requestId: reviewed }));
    expect(quiet).toContain('Given by: The child or young person, at a review');
    expect(quiet).toContain('In their words: No comment');
  });

  it('is offered at a review from the request card, and recorded as review feedback by the hub manager', async () => {
    const requestId = await startedRequest('FB-300');
    const started = await press(leadPractitioner, { verb: 'request.view', requestId });
    expect(actionsOf(started).map((a) => a.title)).not.toContain('Record family feedback');
    const inReview = await press(leadPractitioner, { verb: 'request.review.open', requestId });
    const form = await press(hubManager, action(inReview, 'Record family feedback').data!);
    await press(hubManager, action(form, 'Save feedback').data!, { givenBy: 'child', listened: '4', helped: '4', easyToReach: '4', comment: '' });
    const rows = await bot.db.query('SELECT moment, given_by, recorded_by FROM family_feedback WHERE request_id = $1', [requestId]);
    expect(rows.rows).toEqual([{ moment: 'review', given_by: 'child', recorded_by: hubManager.aadObjectId }]);
  });

  it('records once when the same card is pressed twice at the same moment', async () => {
    const requestId = await startedRequest('FB-500');
    const inReview = await press(leadPractitioner, { verb: 'request.review.open', requestId });
    const save = action(await press(leadPractitioner, action(inReview, 'Record family feedback').data!), 'Save feedback').data!;
    const inputs = { givenBy: 'carer', listened: '2', helped: '3', easyToReach: '4', comment: '' };
    await Promise.all([bot.submit(leadPractitioner, save, inputs), bot.submit(leadPractitioner, save, inputs)]);
    const rows = await bot.db.query('SELECT given_by FROM family_feedback WHERE request_id = $1', [requestId]);
    expect(rows.rows).toEqual([{ given_by: 'carer' }]);
    expect((await auditRows(bot, 'request.feedback')).filter((a) => a.record_id === requestId)).toHaveLength(1);
  });

  it('refuses, and audits, people outside the request, and refuses before a review or closure', async () => {
    const requestId = await startedRequest('FB-400');
    const early = await press(leadPractitioner, { verb: 'feedback.show', requestId });
    expect(textOf(early)).toContain('recorded at a review or once the case is closed');
    await press(leadPractitioner, { verb: 'request.review.open', requestId });
    for (const outsider of [southHubManager, socialWorker]) {
      const refused = await press(outsider, { verb: 'feedback.save', requestId, feedbackKey: randomUUID() }, { givenBy: 'parent', listened: '1', helped: '1', easyToReach: '1' });
      expect(textOf(refused)).toContain('Not available to you');
    }
    const audit = (await auditRows(bot, 'request.feedback')).filter((a) => a.record_id === requestId);
    expect(audit.map((a) => [a.actor, a.outcome])).toEqual([[southHubManager.aadObjectId, 'refused'], [socialWorker.aadObjectId, 'refused']]);
    const none = await bot.db.query('SELECT count(*)::int AS n FROM family_feedback WHERE request_id = $1', [requestId]);
    expect(none.rows[0].n).toBe(0);
  });
});
