// Owns recording parenting sessions and the review after them on a request
// whose agreed work is a parenting programme (Barnet One Service Response
// protocol, 4.2: "a maximum of 6 sessions and can then be reviewed, however
// more sessions (up to a further 6 weeks) can be considered if there are more
// complex issues"). The session that reaches the limit prompts the review; a
// review ends the work or, for complex issues, extends it for the further
// period; no session is counted after that period, or before the review once
// the limit is reached. Reminders follow each change in the same transaction.
import { z } from 'zod';
import { withTransaction, type Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { getRequest, type RequestRow } from '../../store/request-store.js';
import { insertReview, insertSession, reviewOf, sessionByKey, sessionsOf, type ParentingReviewRow, type ParentingSessionRow } from '../../store/parenting-store.js';
import { extensionEndDate, planParentingSessionReminders } from '../../domain/reminders/parenting-sessions.js';
import { periodWords, type ParentingTerms } from '../../domain/reminders/service-timescales.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { isIsoDate, localDateOf, toIsoDate } from '../../domain/time/zoned-clock.js';
import { UseCaseError } from '../errors.js';
import { reminderContext } from '../reminders/context.js';
import { resolveReminders, scheduleReminders } from '../reminders/schedule.js';
import { notFound, partiesOf, refuse, type RequestActor, type RequestDeps } from '../request/access.js';
import { caseServiceOf, mayRecordOnCase, parentingTermsOf } from './case-service.js';
import { formatIsoDateForCard } from '../../domain/time/london-format.js';

export const PARENTING_CAUSE = 'parenting-sessions';
const REASON_MIN = 10;

export interface ParentingState { terms: ParentingTerms; sessions: ParentingSessionRow[]; review: ParentingReviewRow | undefined }

type Outcome<T> = { kind: 'done'; value: T } | { kind: 'invalid'; problems: FieldProblem[] };

/** Why a session (held on `heldOn`, if given) may not be counted now: the protocol's limit in words; undefined when it may. */
export function sessionRefusal(state: ParentingState, heldOn?: string): string | undefined {
  const { terms, sessions, review } = state;
  if (review?.outcome === 'end') return 'The review ended this parenting work, so no more sessions are counted. Close the case, or agree new work with your manager.';
  if (!review && sessions.length >= terms.sessionsBeforeReview) {
    return `${terms.sessionsBeforeReview} sessions have been held: hold the review and record it before any more sessions (Barnet One Service Response protocol).`;
  }
  if (review?.extended_until && heldOn !== undefined && heldOn > review.extended_until) {
    return `The further period agreed at the review ended on ${formatIsoDateForCard(review.extended_until ?? '')}, so this session is past the limit. Close the work, or agree the next step with your manager.`;
  }
  return undefined;
}

const SessionInput = z.object({
  sessionKey: z.string().uuid('That button came from an older card: open the case again.'),
  heldOn: z.string().refine(isIsoDate, 'Enter the date of the session, for example 2026-03-02'),
});
const ReviewInput = z.object({
  heldOn: z.string().refine(isIsoDate, 'Enter the date of the review, for example 2026-03-02'),
  outcome: z.enum(['end', 'extend'], { errorMap: () => ({ message: 'Choose whether the work ends or goes on for a further period' }) }),
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(1000, 'Keep the reason under 1000 characters')),
});

const problemsOf = (error: z.ZodError): FieldProblem[] => error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'form'), message: issue.message }));
const today = (now: Date) => toIsoDate(localDateOf(now, LONDON_TIME_ZONE));

/** The parenting work on a request, if its agreed work is a parenting programme of its service. */
export async function parentingState(deps: RequestDeps, q: Queryable, row: RequestRow): Promise<ParentingState | undefined> {
  const terms = parentingTermsOf(caseServiceOf(deps, row), row);
  if (!terms) return undefined;
  return { terms, sessions: await sessionsOf(q, row.id), review: await reviewOf(q, row.id) };
}

async function caseForParenting(deps: RequestDeps, actor: RequestActor, requestId: string, action: string): Promise<RequestRow> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  const parties = partiesOf(actor, row);
  if (!parties.has('allocated-practitioner') && !parties.has('hub-manager')) await refuse(deps.db, actor, action, row, deps.clock.now());
  if (!parentingTermsOf(caseServiceOf(deps, row), row)) throw new UseCaseError('NOT_PARENTING_WORK', "This case's agreed work is not a parenting programme, so parenting sessions are not counted on it.");
  if (!mayRecordOnCase(row, parties)) throw new UseCaseError('CASE_NOT_OPEN', 'Sessions can be recorded once the case is allocated and until it ends.');
  return row;
}

async function replan(tx: Queryable, deps: RequestDeps, row: RequestRow, state: ParentingState, now: Date): Promise<void> {
  const last = state.sessions.at(-1);
  await scheduleReminders(tx, planParentingSessionReminders({
    interventionId: row.id, caseRef: row.case_ref ?? '', hubId: row.hub_id ?? '', practitionerAadId: row.allocated_to ?? '',
    sessionsHeld: state.sessions.length, lastSessionAt: last ? last.recorded_at : null,
    review: state.review ? { heldOn: state.review.held_on, outcome: state.review.outcome, extendedUntil: state.review.extended_until } : null,
    closedAt: null,
  }, state.terms, reminderContext(deps.config, now)));
}

export async function recordParentingSession(deps: RequestDeps, actor: RequestActor, requestId: string, raw: Record<string, unknown>): Promise<Outcome<{ state: ParentingState; number: number; created: boolean }>> {
  await caseForParenting(deps, actor, requestId, 'case.parenting-session');
  const parsed = SessionInput.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', problems: problemsOf(parsed.error) };
  const now = deps.clock.now();
  if (parsed.data.heldOn > today(now)) return { kind: 'invalid', problems: [{ field: 'heldOn', message: "The session date can't be in the future" }] };

  return withTransaction(deps.db, async (tx) => {
    const row = await getRequest(tx, requestId, true);
    if (!row || !mayRecordOnCase(row, partiesOf(actor, row))) throw new UseCaseError('CASE_NOT_OPEN', 'This case has ended, so nothing more can be recorded on it.');
    const before = (await parentingState(deps, tx, row))!;
    const repeat = await sessionByKey(tx, parsed.data.sessionKey);
    if (repeat) return { kind: 'done', value: { state: before, number: repeat.session_number, created: false } };
    const refusal = sessionRefusal(before, parsed.data.heldOn);
    if (refusal) return { kind: 'invalid', problems: [{ field: 'heldOn', message: refusal }] };
    const number = before.sessions.length + 1;
    await insertSession(tx, { requestId: row.id, number, heldOn: parsed.data.heldOn, key: parsed.data.sessionKey, by: actor.aadObjectId, at: now });
    const state = (await parentingState(deps, tx, row))!;
    await replan(tx, deps, row, state, now);
    await writeAudit(tx, { actor: actor.aadObjectId, action: 'case.parenting-session', recordType: 'request', recordId: row.id, caseRef: row.case_ref, after: { session: number, heldOn: parsed.data.heldOn } }, now);
    return { kind: 'done', value: { state, number, created: true } };
  });
}

export async function recordParentingReview(deps: RequestDeps, actor: RequestActor, requestId: string, raw: Record<string, unknown>): Promise<Outcome<{ state: ParentingState; created: boolean }>> {
  await caseForParenting(deps, actor, requestId, 'case.parenting-review');
  const parsed = ReviewInput.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', problems: problemsOf(parsed.error) };
  const now = deps.clock.now();
  const { heldOn, outcome, reason } = parsed.data;
  if (heldOn > today(now)) return { kind: 'invalid', problems: [{ field: 'heldOn', message: "The review date can't be in the future" }] };

  return withTransaction(deps.db, async (tx) => {
    const row = await getRequest(tx, requestId, true);
    if (!row || !mayRecordOnCase(row, partiesOf(actor, row))) throw new UseCaseError('CASE_NOT_OPEN', 'This case has ended, so nothing more can be recorded on it.');
    const before = (await parentingState(deps, tx, row))!;
    if (before.review) return { kind: 'done', value: { state: before, created: false } };
    const problems = reviewProblems(before, heldOn, outcome, reason);
    if (problems.length > 0) return { kind: 'invalid', problems };
    const extendedUntil = outcome === 'extend' ? extensionEndDate(heldOn, before.terms) : null;
    await insertReview(tx, { requestId: row.id, heldOn, outcome, extendedUntil, reason: outcome === 'extend' ? reason : null, by: actor.aadObjectId, at: now });
    await resolveReminders(tx, PARENTING_CAUSE, row.id, { outcome: `review-${outcome}`, by: actor.aadObjectId });
    const state = (await parentingState(deps, tx, row))!;
    await replan(tx, deps, row, state, now);
    await writeAudit(tx, { actor: actor.aadObjectId, action: 'case.parenting-review', recordType: 'request', recordId: row.id, caseRef: row.case_ref, after: { outcome, heldOn, extendedUntil } }, now);
    return { kind: 'done', value: { state, created: true } };
  });
}

function reviewProblems(state: ParentingState, heldOn: string, outcome: 'end' | 'extend', reason: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const last = state.sessions.at(-1);
  if (state.sessions.length === 0) problems.push({ field: 'heldOn', message: 'Record the sessions held before the review.' });
  else if (last && heldOn < last.held_on) problems.push({ field: 'heldOn', message: `The review can't be before the last session (${last.held_on})` });
  if (outcome === 'extend') {
    if (!state.terms.extension) problems.push({ field: 'outcome', message: "This service's parenting offer has no further period: end the work at the review." });
    else if (reason.length < REASON_MIN) problems.push({ field: 'reason', message: `Say what makes the issues complex enough for up to a further ${periodWords(state.terms.extension)} (at least ${REASON_MIN} characters)` });
  }
  return problems;
}
