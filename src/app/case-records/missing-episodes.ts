// Owns recording a missing episode on a Targeted Support case and the return
// home interview that follows (Plymouth Early Help and Targeted Support offer,
// 7: "completing RHIs within 72hrs"). Recording the episode schedules the
// practitioner's reminder and the manager's on breach, in the same transaction;
// recording the interview (on the case, or with Done on the reminder) resolves
// them. Only the allocated practitioner or the hub's manager may record.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withTransaction, type Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { getRequest, type RequestRow } from '../../store/request-store.js';
import { episodesOfRequest, insertMissingEpisode, missingEpisode, recordInterview, type MissingEpisodeRow } from '../../store/missing-episodes-store.js';
import { planReturnHomeInterviewReminders, returnHomeInterviewDeadline } from '../../domain/reminders/return-home-interview.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { instantAt, isIsoDate, localDateOf, parseIsoDate, toIsoDate } from '../../domain/time/zoned-clock.js';
import { UseCaseError } from '../errors.js';
import { reminderContext } from '../reminders/context.js';
import { resolveReminders, scheduleReminders } from '../reminders/schedule.js';
import { notFound, partiesOf, refuse, type RequestActor, type RequestDeps } from '../request/access.js';
import { caseServiceOf, mayRecordOnCase, returnHomeInterviewWithin } from './case-service.js';

export const RHI_CAUSE = 'return-home-interview';

type Outcome<T> = { kind: 'done'; value: T } | { kind: 'invalid'; problems: FieldProblem[] };

const EpisodeInput = z.object({
  episodeKey: z.string().uuid('That button came from an older card: open the case again.'),
  foundDate: z.string().refine(isIsoDate, 'Enter the date the young person was found, for example 2026-03-02'),
  foundTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time they were found, for example 18:30'),
});

const InterviewInput = z.object({ heldOn: z.string().refine(isIsoDate, 'Enter the date the interview was held, for example 2026-03-02') });

function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'form'), message: issue.message }));
}

/** The request, if this actor may record on it and its service does return home interviews; refusals are audited. */
async function caseForRecording(deps: RequestDeps, actor: RequestActor, requestId: string, action: string): Promise<{ row: RequestRow; within: NonNullable<ReturnType<typeof returnHomeInterviewWithin>> }> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  const parties = partiesOf(actor, row);
  if (!parties.has('allocated-practitioner') && !parties.has('hub-manager')) await refuse(deps.db, actor, action, row, deps.clock.now());
  const within = returnHomeInterviewWithin(caseServiceOf(deps, row));
  if (!within) throw new UseCaseError('NO_RETURN_HOME_INTERVIEWS', "This case's service does not carry out return home interviews, so missing episodes are not recorded here. Record it in your case management system and tell the allocated social worker.");
  if (!mayRecordOnCase(row, parties)) throw new UseCaseError('CASE_NOT_OPEN', 'Missing episodes can be recorded once the case is allocated and until it ends.');
  return { row, within };
}

export async function recordMissingEpisode(deps: RequestDeps, actor: RequestActor, requestId: string, raw: Record<string, unknown>): Promise<Outcome<{ episode: MissingEpisodeRow; deadline: Date; created: boolean }>> {
  const { row, within } = await caseForRecording(deps, actor, requestId, 'case.missing-episode');
  const parsed = EpisodeInput.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', problems: problemsOf(parsed.error) };
  const now = deps.clock.now();
  const [hour, minute] = parsed.data.foundTime.split(':').map(Number) as [number, number];
  const foundAt = instantAt(parseIsoDate(parsed.data.foundDate), hour, minute, LONDON_TIME_ZONE);
  if (foundAt.getTime() > now.getTime()) return { kind: 'invalid', problems: [{ field: 'foundDate', message: "The time they were found can't be in the future" }] };

  return withTransaction(deps.db, async (tx) => {
    const locked = await getRequest(tx, row.id, true);
    if (!locked || !mayRecordOnCase(locked, partiesOf(actor, locked))) throw new UseCaseError('CASE_NOT_OPEN', 'This case has ended, so nothing more can be recorded on it.');
    const { episode, created } = await insertMissingEpisode(tx, { id: randomUUID(), key: parsed.data.episodeKey, requestId: row.id, foundAt, by: actor.aadObjectId, at: now });
    if (created) {
      await scheduleReminders(tx, planReturnHomeInterviewReminders({
        episodeId: episode.id, caseRef: locked.case_ref ?? '', hubId: locked.hub_id ?? '', practitionerAadId: locked.allocated_to ?? actor.aadObjectId,
        foundAt, interviewHeldAt: null,
      }, within, reminderContext(deps.config, now)));
      await writeAudit(tx, { actor: actor.aadObjectId, action: 'case.missing-episode', recordType: 'missing-episode', recordId: episode.id, caseRef: locked.case_ref, after: { requestId: row.id, foundAt: foundAt.toISOString() } }, now);
    }
    return { kind: 'done', value: { episode, deadline: returnHomeInterviewDeadline({ foundAt: episode.found_at }, within), created } };
  });
}

export async function recordReturnHomeInterview(deps: RequestDeps, actor: RequestActor, episodeId: string, raw: Record<string, unknown>): Promise<Outcome<{ episode: MissingEpisodeRow; changed: boolean }>> {
  const peek = await missingEpisode(deps.db, episodeId);
  if (!peek) throw new UseCaseError('EPISODE_NOT_FOUND', "I can't find that missing episode. Open the case again to see its episodes.");
  await caseForRecording(deps, actor, peek.request_id, 'case.return-home-interview');
  const parsed = InterviewInput.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', problems: problemsOf(parsed.error) };
  const problem = interviewDateProblem(parsed.data.heldOn, peek, deps.clock.now());
  if (problem) return { kind: 'invalid', problems: [{ field: 'heldOn', message: problem }] };
  return withTransaction(deps.db, async (tx) => {
    const result = await markInterviewHeld(tx, episodeId, parsed.data.heldOn, actor.aadObjectId, deps.clock.now());
    return { kind: 'done', value: result };
  });
}

function interviewDateProblem(heldOn: string, episode: MissingEpisodeRow, now: Date): string | undefined {
  if (heldOn > toIsoDate(localDateOf(now, LONDON_TIME_ZONE))) return "The interview date can't be in the future";
  if (heldOn < toIsoDate(localDateOf(episode.found_at, LONDON_TIME_ZONE))) return "The interview can't be before the young person was found";
  return undefined;
}

/** Records the interview once, resolves its reminders and audits it; a second record changes nothing. */
async function markInterviewHeld(tx: Queryable, episodeId: string, heldOn: string, by: string, now: Date): Promise<{ episode: MissingEpisodeRow; changed: boolean }> {
  const episode = await missingEpisode(tx, episodeId, true);
  if (!episode) throw new UseCaseError('EPISODE_NOT_FOUND', "I can't find that missing episode.");
  if (episode.interview_held_on) return { episode, changed: false };
  const after = await recordInterview(tx, episodeId, heldOn, by, now);
  await resolveReminders(tx, RHI_CAUSE, episodeId, { outcome: 'interview-held', by, detail: { heldOn } });
  const caseRef = (await getRequest(tx, episode.request_id))?.case_ref ?? null;
  await writeAudit(tx, { actor: by, action: 'case.return-home-interview', recordType: 'missing-episode', recordId: episodeId, caseRef, after: { heldOn } }, now);
  return { episode: after, changed: true };
}

/** Done on a return home interview reminder records the interview on the date given. */
export async function interviewHeldFromReminder(tx: Queryable, episodeId: string, heldOn: string, by: string, now: Date): Promise<void> {
  const episode = await missingEpisode(tx, episodeId);
  if (!episode) return;
  const problem = interviewDateProblem(heldOn, episode, now);
  if (problem) throw new UseCaseError('INTERVIEW_DATE', `${problem}. Choose the date the interview was held.`);
  await markInterviewHeld(tx, episodeId, heldOn, by, now);
}

/** A case that ends stops its episodes' reminders: there is no one left to remind on it. */
export async function resolveEpisodeReminders(tx: Queryable, requestId: string, by: string, outcome: string): Promise<void> {
  for (const episode of await episodesOfRequest(tx, requestId)) {
    if (!episode.interview_held_on) await resolveReminders(tx, RHI_CAUSE, episode.id, { outcome, by });
  }
}

export { episodesOfRequest };
