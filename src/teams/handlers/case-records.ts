// Owns the Teams side of what is recorded on an allocated case: a missing
// episode and its return home interview (Targeted Support cases), parenting
// sessions and their review (parenting programmes). Each "show" verb draws a
// small form; each record verb calls its use case and answers with the case
// again, or the form with the values kept and the problem named. Done on the
// return home interview reminder records the interview too.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { interviewHeldFromReminder, recordMissingEpisode, recordReturnHomeInterview, RHI_CAUSE } from '../../app/case-records/missing-episodes.js';
import { recordParentingReview, recordParentingSession } from '../../app/case-records/parenting.js';
import { caseServiceOf, parentingTermsOf } from '../../app/case-records/case-service.js';
import { londonToday } from '../../app/request/form-context.js';
import { requestForAction } from '../../app/request/views.js';
import { onReminderDone } from '../../app/reminders/actions.js';
import { periodWords } from '../../domain/reminders/service-timescales.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import { formatCardDateTime } from '../../domain/time/london-format.js';
import { missingEpisode } from '../../store/missing-episodes-store.js';
import { actionFormCard, formField, noticeCard, type CardAction } from '../cards/request-cards.js';
import { escapeCardText } from '../cards/render.js';
import { actorFrom, guarded, personalOnly, reply, requestDeps, RequestRefSchema } from './request-support.js';
import { showRequest } from './request-hub.js';

const text = (values: Record<string, unknown>, key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
const backTo = (requestId: string): CardAction => ({ title: 'Back to the case', data: { verb: 'request.view', requestId } });
const MAY_RECORD = ['allocated-practitioner', 'hub-manager'] as const;
const KeyedRef = RequestRefSchema.extend({ episodeKey: z.string().uuid().optional(), sessionKey: z.string().uuid().optional() });
const EpisodeRef = z.object({ episodeId: z.string().uuid() }).passthrough();

export function registerCaseRecordHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const rd = requestDeps(deps);
  const today = () => londonToday(deps.clock.now());

  // Done on a return home interview reminder: "Interview completed" on the date given.
  onReminderDone(RHI_CAUSE, (tx, reminder, outcome) => interviewHeldFromReminder(tx, reminder.cause_id, outcome.date, outcome.by, deps.clock.now()));

  const missingForm = (requestId: string, caseRef: string, episodeKey: string, values: Record<string, unknown>, problems: FieldProblem[]) => actionFormCard({
    title: `Record a missing episode: ${escapeCardText(caseRef)}`,
    subtitle: 'When the young person was found or came back. The return home interview is due within the service\'s timescale from then; you are reminded, and your manager is told if it runs out.',
    fields: [
      formField('date', 'foundDate', 'Date found', text(values, 'foundDate') || today()),
      { ...formField('text', 'foundTime', 'Time found (24-hour clock)', text(values, 'foundTime'), [], 5), placeholder: 'e.g. 18:30' },
    ],
    problems,
    submit: { title: 'Record missing episode', style: 'positive', data: { verb: 'case.missing.record', requestId, episodeKey } },
    cancel: backTo(requestId),
  });

  app.adaptiveCards.actionSubmit('case.missing.show', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId, episodeKey } = KeyedRef.parse(value);
    const row = await requestForAction(rd, actorFrom(context, deps), requestId, 'case.missing-episode', MAY_RECORD);
    await reply(context, missingForm(row.id, row.case_ref ?? '', episodeKey ?? randomUUID(), {}, []));
  }));

  app.adaptiveCards.actionSubmit('case.missing.record', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId } = RequestRefSchema.parse(value);
    const outcome = await recordMissingEpisode(rd, actorFrom(context, deps), requestId, value);
    if (outcome.kind === 'invalid') {
      const row = await requestForAction(rd, actorFrom(context, deps), requestId, 'case.missing-episode', MAY_RECORD);
      return reply(context, missingForm(row.id, row.case_ref ?? '', text(value, 'episodeKey') || randomUUID(), value, outcome.problems));
    }
    const { deadline, created } = outcome.value;
    await reply(context, noticeCard(created ? 'Missing episode recorded' : 'Already recorded',
      `The return home interview is due by ${formatCardDateTime(deadline)}. The allocated practitioner has a reminder; the team manager is told if it is not recorded by then.`,
      'Good', [backTo(requestId)]));
  }));

  const interviewForm = (episodeId: string, requestId: string, foundAt: Date, values: Record<string, unknown>, problems: FieldProblem[]) => actionFormCard({
    title: 'Record the return home interview',
    subtitle: `For the young person found on ${formatCardDateTime(foundAt)}. Recording it stops the reminders.`,
    fields: [formField('date', 'heldOn', 'Date the interview was held', text(values, 'heldOn') || today())],
    problems,
    submit: { title: 'Record interview', style: 'positive', data: { verb: 'case.rhi.record', episodeId } },
    cancel: backTo(requestId),
  });

  app.adaptiveCards.actionSubmit('case.rhi.show', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const episode = await missingEpisode(deps.db, EpisodeRef.parse(value).episodeId);
    if (!episode) return reply(context, noticeCard('Not found', "I can't find that missing episode. Open the case again.", 'Warning'));
    await requestForAction(rd, actorFrom(context, deps), episode.request_id, 'case.return-home-interview', MAY_RECORD);
    await reply(context, interviewForm(episode.id, episode.request_id, episode.found_at, {}, []));
  }));

  app.adaptiveCards.actionSubmit('case.rhi.record', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { episodeId } = EpisodeRef.parse(value);
    const outcome = await recordReturnHomeInterview(rd, actorFrom(context, deps), episodeId, value);
    if (outcome.kind === 'invalid') {
      const episode = (await missingEpisode(deps.db, episodeId))!;
      return reply(context, interviewForm(episodeId, episode.request_id, episode.found_at, value, outcome.problems));
    }
    await showRequest(deps, context, outcome.value.episode.request_id);
  }));

  const sessionForm = (requestId: string, caseRef: string, sessionKey: string, values: Record<string, unknown>, problems: FieldProblem[]) => actionFormCard({
    title: `Record a parenting session: ${escapeCardText(caseRef)}`,
    subtitle: 'Sessions are counted against the service\'s parenting offer: after the set number, the work is reviewed before any more are held.',
    fields: [formField('date', 'heldOn', 'Date of the session', text(values, 'heldOn') || today())],
    problems,
    submit: { title: 'Record session', style: 'positive', data: { verb: 'case.parenting.session.record', requestId, sessionKey } },
    cancel: backTo(requestId),
  });

  app.adaptiveCards.actionSubmit('case.parenting.session.show', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId, sessionKey } = KeyedRef.parse(value);
    const row = await requestForAction(rd, actorFrom(context, deps), requestId, 'case.parenting-session', MAY_RECORD);
    await reply(context, sessionForm(row.id, row.case_ref ?? '', sessionKey ?? randomUUID(), {}, []));
  }));

  app.adaptiveCards.actionSubmit('case.parenting.session.record', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId } = RequestRefSchema.parse(value);
    const outcome = await recordParentingSession(rd, actorFrom(context, deps), requestId, value);
    if (outcome.kind === 'invalid') {
      const row = await requestForAction(rd, actorFrom(context, deps), requestId, 'case.parenting-session', MAY_RECORD);
      return reply(context, sessionForm(row.id, row.case_ref ?? '', text(value, 'sessionKey') || randomUUID(), value, outcome.problems));
    }
    const { number, state } = outcome.value;
    const reviewNow = !state.review && number >= state.terms.sessionsBeforeReview;
    await reply(context, noticeCard(`Session ${number} recorded`,
      reviewNow ? `That is ${state.terms.sessionsBeforeReview} sessions: hold the review with the family and record it on the case. No more sessions are counted until then.` : `${number} of ${state.terms.sessionsBeforeReview} sessions before the review.`,
      'Good', [backTo(requestId)]));
  }));

  const reviewForm = (requestId: string, caseRef: string, extension: string | null, values: Record<string, unknown>, problems: FieldProblem[]) => actionFormCard({
    title: `Record the parenting review: ${escapeCardText(caseRef)}`,
    subtitle: extension
      ? `End the work, or, if the issues are complex (for example a parent with a learning difficulty), go on for up to a further ${extension}.`
      : 'Record the review: the work ends here.',
    fields: [
      formField('date', 'heldOn', 'Date of the review', text(values, 'heldOn') || today()),
      formField('choice', 'outcome', 'Outcome', text(values, 'outcome'), [
        { title: 'End the parenting work', value: 'end' },
        ...(extension ? [{ title: `Go on for up to a further ${extension} (complex issues)`, value: 'extend' }] : []),
      ]),
      ...(extension ? [formField('multiline', 'reason', 'What makes the issues complex (needed to go on; no names)', text(values, 'reason'), [], 1000)] : []),
    ],
    problems,
    submit: { title: 'Record review', style: 'positive', data: { verb: 'case.parenting.review.record', requestId } },
    cancel: backTo(requestId),
  });

  const drawReview = async (context: TurnContext, requestId: string, values: Record<string, unknown>, problems: FieldProblem[]) => {
    const row = await requestForAction(rd, actorFrom(context, deps), requestId, 'case.parenting-review', MAY_RECORD);
    const extension = parentingTermsOf(caseServiceOf(rd, row), row)?.extension;
    await reply(context, reviewForm(row.id, row.case_ref ?? '', extension ? periodWords(extension) : null, values, problems));
  };

  app.adaptiveCards.actionSubmit('case.parenting.review.show', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    await drawReview(context, RequestRefSchema.parse(value).requestId, {}, []);
  }));

  app.adaptiveCards.actionSubmit('case.parenting.review.record', guarded(deps, async (context, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId } = RequestRefSchema.parse(value);
    const outcome = await recordParentingReview(rd, actorFrom(context, deps), requestId, value);
    if (outcome.kind === 'invalid') return drawReview(context, requestId, value, outcome.problems);
    await showRequest(deps, context, requestId);
  }));
}
