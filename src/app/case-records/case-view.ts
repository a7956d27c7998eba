// Owns what a request's details card shows of its case records, as plain data
// the Teams layer draws: the missing episodes and their return home
// interviews, the parenting sessions and review, and the buttons to record
// more, offered only to people who may record and only where the service
// allows it. Dates are words (cards show no ISO dates).
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../store/db.js';
import type { RequestRow } from '../../store/request-store.js';
import type { Party } from '../../domain/request/status.js';
import { formatCardDateTime, formatCardDateWithYear } from '../../domain/time/london-format.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { instantAt, parseIsoDate } from '../../domain/time/zoned-clock.js';
import { periodWords } from '../../domain/reminders/service-timescales.js';
import { returnHomeInterviewDeadline } from '../../domain/reminders/return-home-interview.js';
import type { RequestDeps } from '../request/access.js';
import { caseServiceOf, mayRecordOnCase, returnHomeInterviewWithin } from './case-service.js';
import { episodesOfRequest } from './missing-episodes.js';
import { parentingState, sessionRefusal } from './parenting.js';

export interface CaseFact { title: string; value: string }
export interface CaseAction { title: string; data: Record<string, unknown> }
export interface CaseRecordsView { facts: CaseFact[]; actions: CaseAction[] }

export const dayLabel = (isoDate: string) => formatCardDateWithYear(instantAt(parseIsoDate(isoDate), 12, 0, LONDON_TIME_ZONE));

export async function caseRecordsOf(deps: RequestDeps, q: Queryable, row: RequestRow, parties: ReadonlySet<Party>): Promise<CaseRecordsView> {
  const facts: CaseFact[] = [];
  const actions: CaseAction[] = [];
  const mayRecord = mayRecordOnCase(row, parties);
  const service = caseServiceOf(deps, row);

  const rhiWithin = returnHomeInterviewWithin(service);
  if (rhiWithin) {
    const episodes = await episodesOfRequest(q, row.id);
    episodes.forEach((episode, i) => {
      const deadline = returnHomeInterviewDeadline({ foundAt: episode.found_at }, rhiWithin);
      facts.push({
        title: `Missing episode ${i + 1}`,
        value: `Found ${formatCardDateTime(episode.found_at)}. ${episode.interview_held_on ? `Return home interview held ${dayLabel(episode.interview_held_on)}.` : `Return home interview due by ${formatCardDateTime(deadline)}.`}`,
      });
      if (mayRecord && !episode.interview_held_on) actions.push({ title: `Record return home interview (episode ${i + 1})`, data: { verb: 'case.rhi.show', episodeId: episode.id } });
    });
    if (mayRecord) actions.unshift({ title: 'Record a missing episode', data: { verb: 'case.missing.show', requestId: row.id, episodeKey: randomUUID() } });
  }

  const parenting = await parentingState(deps, q, row);
  if (parenting) {
    const { terms, sessions, review } = parenting;
    const more = terms.extension ? `, then up to a further ${periodWords(terms.extension)} if the review agrees` : '';
    facts.push({ title: 'Parenting sessions', value: `${sessions.length} held (${terms.sessionsBeforeReview} then a review${more})${sessions.length > 0 ? `; last on ${dayLabel(sessions.at(-1)!.held_on)}` : ''}` });
    if (review) facts.push({ title: 'Parenting review', value: review.outcome === 'end' ? `Held ${dayLabel(review.held_on)}: the work ends` : `Held ${dayLabel(review.held_on)}: extended until ${dayLabel(review.extended_until ?? review.held_on)}` });
    if (mayRecord && !sessionRefusal(parenting)) actions.push({ title: 'Record a parenting session', data: { verb: 'case.parenting.session.show', requestId: row.id, sessionKey: randomUUID() } });
    if (mayRecord && !review && sessions.length > 0) actions.push({ title: 'Record the parenting review', data: { verb: 'case.parenting.review.show', requestId: row.id } });
  }
  return { facts, actions };
}
