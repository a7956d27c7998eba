// Owns who a person is to a request (referrer, the hub's manager or member,
// the allocated practitioner), worked out from the stored record and the
// directory only, and the refusal of a request action (audited, see
// src/app/refusal.ts).
import { actorFor, type Actor } from '../../domain/directory/actor.js';
import type { Db } from '../../store/db.js';
import { refuseAudited } from '../refusal.js';
import type { RequestRow } from '../../store/request-store.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findPerson } from '../../domain/directory/lookup.js';
import { isHubManager, isHubMember } from '../../domain/access/roles.js';
import type { Party } from '../../domain/request/status.js';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../../config/env.js';
import type { Policy } from '../../domain/policy/index.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';

export interface RequestDeps {
  db: Db;
  directory: Directory;
  clock: Clock;
  config: AppConfig;
  /** The service packs: their terms and timescales apply to the requests routed to their hubs. */
  policy: Policy;
}

/** Who is acting (the one Actor type, src/domain/directory/actor.ts). */
export type RequestActor = Actor;
export { actorFor };

export function partiesOf(actor: RequestActor, row: Pick<RequestRow, 'referrer_aad' | 'hub_id' | 'allocated_to' | 'status'>): Set<Party> {
  const parties = new Set<Party>();
  if (actor.aadObjectId && row.referrer_aad === actor.aadObjectId) parties.add('referrer');
  // A draft belongs to its referrer alone: the hub has not been sent it.
  if (row.status !== 'draft' && row.hub_id) {
    if (isHubManager(actor.person, row.hub_id)) parties.add('hub-manager');
    if (isHubMember(actor.person, row.hub_id)) parties.add('hub-member');
    if (row.allocated_to === actor.aadObjectId && isHubMember(actor.person, row.hub_id)) parties.add('allocated-practitioner');
  }
  return parties;
}

/** Records the refusal (after the rollback when inside a transaction: src/app/refusal.ts) and throws AccessDeniedError. */
export async function refuse(db: Db, actor: RequestActor, action: string, row: Pick<RequestRow, 'id' | 'case_ref'> | undefined, at: Date, reason = 'not-permitted', message = NO_ACCESS_MESSAGE): Promise<never> {
  return refuseAudited(db, {
    actor: actor.aadObjectId || 'anonymous',
    action,
    recordType: 'request',
    recordId: row?.id,
    caseRef: row?.case_ref ?? null,
    detail: { reason },
  }, at, new AccessDeniedError('REQUEST_ACCESS_DENIED', message));
}

const NO_ACCESS_MESSAGE = "You don't have access to this request. Only its referrer and the hub it was sent to can see or act on it. If you think you should, ask your team manager.";
const MANAGER_ONLY_ACTIONS: ReadonlySet<string> = new Set(['request.allocate', 'request.decline', 'request.card']);

/**
 * Refuses a request action in words that fit who asked: someone in the
 * request's hub already sees it, so "only the hub can see it" would be
 * wrong; they are told the step is the manager's.
 */
export async function refuseAction(db: Db, actor: RequestActor, action: string, row: Pick<RequestRow, 'id' | 'case_ref' | 'referrer_aad' | 'hub_id' | 'allocated_to' | 'status'>, at: Date): Promise<never> {
  const inHub = partiesOf(actor, row).has('hub-member');
  return refuse(db, actor, action, row, at, 'not-permitted', inHub && MANAGER_ONLY_ACTIONS.has(action) ? 'Only the hub manager can allocate or decline a request.' : NO_ACCESS_MESSAGE);
}

export function notFound(): UseCaseError {
  return new UseCaseError('REQUEST_NOT_FOUND', "I can't find that request. It may have been discarded; type 'my requests' to see yours.");
}

export function personName(directory: Directory, aad: string | null | undefined): string {
  if (!aad) return '';
  return findPerson(directory, aad)?.displayName ?? 'someone no longer in the directory';
}
