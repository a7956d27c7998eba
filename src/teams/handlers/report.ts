// Owns the Teams side of the managers' reports (issue 15): the family
// feedback form (Barnet One Service Response protocol, 5.3) on a request, the `report` card with its
// period choice and drill-down, and the CSV link. Thin: parse, call the use
// case, reply with a card; bad input re-shows the card with values kept.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { recordFeedback, requestForFeedback } from '../../app/reports/feedback.js';
import { FEEDBACK_COMMENT_MAX, FEEDBACK_GIVERS, FEEDBACK_QUESTIONS, FEEDBACK_SCALE, feedbackMomentOf } from '../../domain/reports/feedback.js';
import type { FieldProblem } from '../../domain/field-problem.js';
import type { RequestRow } from '../../store/request-store.js';
import { actionFormCard, formField, noticeCard } from '../cards/request-cards.js';
import { escapeCardText, renderCard } from '../cards/render.js';
import { drillDown, viewReport } from '../../app/reports/report.js';
import { drillCardData, formValuesOf, reportCardData, REPORT_CARD, REPORT_DRILL_CARD } from '../../app/reports/card-data.js';
import { reportCsvLink } from '../../app/reports/export.js';
import { actorFrom, guarded, personalOnly, reply, requestDeps } from './request-support.js';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, title]) => ({ title, value }));
const text = (values: Record<string, unknown>, k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');

const FeedbackRefSchema = z.object({ requestId: z.string().uuid(), feedbackKey: z.string().uuid().optional() }).passthrough();

function feedbackCard(row: RequestRow, feedbackKey: string, values: Record<string, unknown>, problems: FieldProblem[]) {
  const moment = feedbackMomentOf(row.status) === 'review' ? 'at this review' : 'now the case is closed';
  return actionFormCard({
    title: `Family feedback: ${escapeCardText(row.case_ref ?? '')}`,
    subtitle: `Ask the family ${moment}, in their own words. Scores go into the managers' reports as averages; the comment stays on the family's record.`,
    fields: [
      formField('choice', 'givenBy', 'Who gave the feedback', text(values, 'givenBy'), choices(FEEDBACK_GIVERS)),
      ...Object.entries(FEEDBACK_QUESTIONS).map(([id, question]) => formField('choice', id, question, text(values, id), choices(FEEDBACK_SCALE))),
      formField('multiline', 'comment', 'Anything else the family said (optional)', text(values, 'comment'), [], FEEDBACK_COMMENT_MAX),
    ],
    problems,
    submit: { title: 'Save feedback', style: 'positive', data: { verb: 'feedback.save', requestId: row.id, feedbackKey } },
    cancel: { title: 'Back to the request', data: { verb: 'request.view', requestId: row.id } },
  });
}

function registerFeedbackHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const rd = requestDeps(deps);
  app.adaptiveCards.actionSubmit('feedback.show', guarded(deps, async (context: TurnContext, value) => {
    if (!(await personalOnly(context))) return;
    const row = await requestForFeedback(rd, actorFrom(context, deps), FeedbackRefSchema.parse(value).requestId);
    await reply(context, feedbackCard(row, randomUUID(), {}, []));
  }));
  app.adaptiveCards.actionSubmit('feedback.save', guarded(deps, async (context: TurnContext, value) => {
    if (!(await personalOnly(context))) return;
    const { requestId, feedbackKey } = FeedbackRefSchema.required({ feedbackKey: true }).parse(value);
    const outcome = await recordFeedback(rd, actorFrom(context, deps), requestId, feedbackKey, value);
    if (outcome.kind === 'invalid') {
      const row = await requestForFeedback(rd, actorFrom(context, deps), requestId);
      return reply(context, feedbackCard(row, feedbackKey, value, outcome.problems));
    }
    await reply(context, noticeCard('Feedback saved', outcome.alreadyRecorded
      ? 'This feedback was already saved: nothing was added twice.'
      : `The family's feedback on ${escapeCardText(outcome.request.case_ref ?? '')} is saved. Thank them for it.`, 'Good',
    [{ title: 'Open request', data: { verb: 'request.view', requestId } }]));
  }));
}

const ShowSchema = z.object({ period: z.string().max(10).optional(), from: z.string().max(20).optional(), to: z.string().max(20).optional() }).passthrough();
const DrillSchema = z.object({
  measure: z.enum(['visits-not-filed', 'declined', 'overdue', 'overrides', 'transferred', 'no-feedback']),
  shownPeriod: z.string().max(10), shownFrom: z.string().max(20), shownTo: z.string().max(20),
}).passthrough();

function registerReportViews(app: Application<TurnState>, deps: BotDeps): void {
  const rd = { db: deps.db, directory: deps.directory, clock: deps.clock, config: deps.config, policy: deps.policy };
  const show = guarded(deps, async (context: TurnContext, value) => {
    if (!(await personalOnly(context))) return;
    const raw = ShowSchema.parse(value);
    const actor = actorFrom(context, deps);
    const outcome = await viewReport(rd, actor, raw);
    if (outcome.kind === 'invalid') {
      // The last good period is drawn again under the form, which keeps what was typed and names each problem.
      const fallback = await viewReport(rd, actor, { period: '4w' });
      if (fallback.kind !== 'report') return;
      return reply(context, renderCard(REPORT_CARD, reportCardData(fallback.report, formValuesOf(undefined, value), outcome.problems, '')));
    }
    const csvUrl = reportCsvLink(deps.config, actor.aadObjectId, outcome.report.period, deps.clock.now());
    await reply(context, renderCard(REPORT_CARD, reportCardData(outcome.report, formValuesOf(outcome.report, value), [], csvUrl)));
  });
  app.message(/^\s*(?:report|reports)\s*$/i, show);
  app.adaptiveCards.actionSubmit('report.show', show);

  app.adaptiveCards.actionSubmit('report.drill', guarded(deps, async (context: TurnContext, value) => {
    if (!(await personalOnly(context))) return;
    const d = DrillSchema.parse(value);
    const raw = { period: d.shownPeriod, from: d.shownFrom, to: d.shownTo };
    const outcome = await drillDown(rd, actorFrom(context, deps), d.measure, raw);
    if (outcome.kind === 'invalid') return reply(context, noticeCard("I couldn't read that report's period", 'Nothing has changed. Draw the report again and choose the period there.', 'Warning', [{ title: 'Report', data: { verb: 'report.show' } }]));
    await reply(context, renderCard(REPORT_DRILL_CARD, drillCardData(outcome.report, outcome.drill, outcome.cases, formValuesOf(outcome.report, {}))));
  }));
}

export function registerReportHandlers(app: Application<TurnState>, deps: BotDeps): void {
  registerFeedbackHandlers(app, deps);
  registerReportViews(app, deps);
}
