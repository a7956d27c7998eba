// Owns reading requests: one request's details (only its referrer and the
// members of its hub; every view audited, every refusal audited), "my
// requests" for referrers, the hub queue in priority order for managers,
// "my cases" for practitioners, and the practitioners a manager can allocate
// to with their grade and current caseload.
import { eachWithNextDate, oneLinePerCase, type WithNext } from '../cases/case-lines.js';
import type { Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { caseloads, casesOf, getRequest, historyOf, hubRequests, requestsOfReferrer, type HistoryRow, type RequestRow } from '../../store/request-store.js';
import { findHub } from '../../domain/directory/lookup.js';
import type { Hub, Person } from '../../domain/directory/schema.js';
import { isHubManager } from '../../domain/access/roles.js';
import { canView, CASELOAD_STATUSES, type Party } from '../../domain/request/status.js';
import { sortQueue } from '../../domain/request/priority.js';
import { UseCaseError } from '../errors.js';
import { caseRecordsOf, type CaseRecordsView } from '../case-records/case-view.js';
import { caseServiceOf } from '../case-records/case-service.js';
import { notFound, partiesOf, refuse, refuseAction, type RequestActor, type RequestDeps } from './access.js';
import { feedbackOf, type FeedbackRecord } from '../../store/report-store.js';

/** Most feedback records the details card shows in full (each comment may be long): the newest. */
export const FEEDBACK_SHOWN = 3;

export interface RequestView {
  request: RequestRow; parties: Set<Party>; history: HistoryRow[]; hub: Hub | undefined;
  /** The tasks the request's service sets (only Home-Start's today): none, no task form. */
  serviceTasks: string[];
  /** Missing episodes, parenting sessions and what this viewer may record on the case. */
  records: CaseRecordsView;
  /** The family's feedback (newest first, at most FEEDBACK_SHOWN) and how many there are in all: seen by whoever may see the details. */
  feedback: FeedbackRecord[];
  feedbackCount: number;
}

export async function viewRequest(deps: RequestDeps, actor: RequestActor, requestId: string, purpose: 'view' | 'export' = 'view'): Promise<RequestView> {
  const now = deps.clock.now();
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  const parties = partiesOf(actor, row);
  const action = purpose === 'view' ? 'request.view' : 'request.export';
  if (!canView(parties)) await refuse(deps.db, actor, action, row, now);
  await writeAudit(deps.db, { actor: actor.aadObjectId, action, recordType: 'request', recordId: row.id, caseRef: row.case_ref, detail: { as: [...parties] } }, now);
  const service = caseServiceOf(deps, row);
  const feedback = await feedbackOf(deps.db, row.id, FEEDBACK_SHOWN);
  return {
    request: row, parties, history: await historyOf(deps.db, row.id), hub: service.hub,
    serviceTasks: service.pack?.tasks.map((task) => task.text) ?? [],
    records: await caseRecordsOf(deps, deps.db, row, parties),
    feedback: feedback.records, feedbackCount: feedback.total,
  };
}

export async function countReviews(q: Queryable, requestId: string): Promise<number> {
  return (await historyOf(q, requestId)).filter((h) => h.to_status === 'in-review').length;
}

/**
 * Newest first, one line per case (issue 12): a family's later request stands for its earlier ones,
 * which the line counts. A draft keeps its own line (its Resume and Discard) and never stands for the case.
 */
export async function myRequests(deps: RequestDeps, actor: RequestActor): Promise<WithNext<RequestRow>[]> {
  return oneLinePerCase(deps.db, await requestsOfReferrer(deps.db, actor.aadObjectId), deps.clock.now(), (r) => r.status === 'draft');
}

/** The hub manager's own hub: the queue never takes a hub id from a card. */
export function managedHub(deps: RequestDeps, actor: RequestActor): Hub {
  const hubId = actor.person?.hubId;
  const hub = hubId && isHubManager(actor.person, hubId) ? findHub(deps.directory, hubId) : undefined;
  if (!hub) throw new UseCaseError('NOT_A_HUB_MANAGER', 'The hub queue is for hub team managers. Practitioners: type "my cases". Referrers: type "my requests".');
  return hub;
}

/** Submitted requests waiting for allocation, highest priority first (Plymouth Early Help and Targeted Support offer, 4.1). */
export async function hubQueue(deps: RequestDeps, actor: RequestActor): Promise<{ hub: Hub; queue: WithNext<RequestRow>[] }> {
  let hub: Hub;
  try {
    hub = managedHub(deps, actor);
  } catch (err) {
    // Refusals are audited too (issue 8).
    await writeAudit(deps.db, { actor: actor.aadObjectId || 'anonymous', action: 'request.queue.view', outcome: 'refused', recordType: 'hub', detail: { reason: 'not-hub-manager' } }, deps.clock.now());
    throw err;
  }
  const rows = await hubRequests(deps.db, hub.id, ['submitted']);
  // Never grouped: two requests for one family in this hub are each allocated (or declined) on their own.
  const queue = await eachWithNextDate(deps.db, sortQueue(rows.map((r) => ({ ...r, submittedAt: r.submitted_at ?? r.created_at }))), deps.clock.now());
  await writeAudit(deps.db, { actor: actor.aadObjectId, action: 'request.queue.view', recordType: 'hub', recordId: hub.id, detail: { count: queue.length } }, deps.clock.now());
  return { hub, queue };
}

export async function myCases(deps: RequestDeps, actor: RequestActor): Promise<WithNext<RequestRow>[]> {
  const rows = await casesOf(deps.db, actor.aadObjectId, CASELOAD_STATUSES);
  return oneLinePerCase(deps.db, sortQueue(rows.map((r) => ({ ...r, submittedAt: r.submitted_at ?? r.created_at }))), deps.clock.now());
}

export interface PractitionerOption { person: Person; caseload: number; suggested: boolean }

/** The practitioners of the request's hub, for the manager's allocation card. */
export async function allocationOptions(deps: RequestDeps, actor: RequestActor, requestId: string): Promise<{ request: RequestRow; options: PractitionerOption[] }> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  if (!partiesOf(actor, row).has('hub-manager')) await refuseAction(deps.db, actor, 'request.allocate', row, deps.clock.now());
  const people = deps.directory.people.filter((p) => p.hubId === row.hub_id && p.roles.includes('hub-practitioner'));
  const loads = await caseloads(deps.db, people.map((p) => p.aadObjectId), CASELOAD_STATUSES);
  const options = people.map((person) => ({ person, caseload: loads.get(person.aadObjectId) ?? 0, suggested: person.aadObjectId === row.suggested_practitioner_aad }));
  return { request: row, options };
}

/** Any hub-side form (decline, tasks…) is only shown to someone who may use it. */
export async function requestForAction(deps: RequestDeps, actor: RequestActor, requestId: string, action: string, allowed: readonly Party[]): Promise<RequestRow> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  const parties = partiesOf(actor, row);
  if (!allowed.some((p) => parties.has(p))) await refuseAction(deps.db, actor, action, row, deps.clock.now());
  return row;
}
