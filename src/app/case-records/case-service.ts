// Owns what a request's service allows to be recorded on it, read from the
// policy pack of the hub it was routed to: missing episodes where the service
// has a return-home-interview timescale (Plymouth Targeted Support), parenting
// sessions where the agreed work is one of the hub's parenting programmes and
// the service has a parenting offer (Barnet 0–19 hubs). Nothing else gets them.
import type { Hub } from '../../domain/directory/schema.js';
import { findHub } from '../../domain/directory/lookup.js';
import type { Period, ServicePack } from '../../domain/policy/index.js';
import type { ParentingTerms } from '../../domain/reminders/service-timescales.js';
import { CASELOAD_STATUSES, type Party } from '../../domain/request/status.js';
import type { RequestRow } from '../../store/request-store.js';
import type { RequestDeps } from '../request/access.js';
import { serviceOfHub } from '../request/form-context.js';

export interface CaseService { hub: Hub | undefined; pack: ServicePack | undefined }

export function caseServiceOf(deps: Pick<RequestDeps, 'directory' | 'policy'>, row: Pick<RequestRow, 'hub_id'>): CaseService {
  const hub = findHub(deps.directory, row.hub_id ?? '');
  return { hub, pack: serviceOfHub(deps.policy, hub) };
}

/** The service's return home interview period (e.g. 72 hours), or undefined if it does none. */
export function returnHomeInterviewWithin(service: CaseService): Period | undefined {
  return service.pack?.timescales.find((t) => t.event === 'return-home-interview')?.period;
}

/** The parenting terms when this request's agreed work is a parenting programme of a service with a parenting offer. */
export function parentingTermsOf(service: CaseService, row: Pick<RequestRow, 'intervention'>): ParentingTerms | undefined {
  const offer = service.pack?.offers.find((o) => o.kind === 'parenting-programme');
  if (!offer || !service.hub || !row.intervention || !service.hub.parentingInterventions.includes(row.intervention)) return undefined;
  return { sessionsBeforeReview: offer.sessions.beforeReview, extension: offer.sessions.extended?.period ?? null };
}

/** Who records on a case: the practitioner it is allocated to, or the hub's manager, while it is open and allocated. */
export function mayRecordOnCase(row: Pick<RequestRow, 'status'>, parties: ReadonlySet<Party>): boolean {
  return CASELOAD_STATUSES.includes(row.status) && (parties.has('allocated-practitioner') || parties.has('hub-manager'));
}
