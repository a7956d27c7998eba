// Owns the request status machine (docs/ENGINE.md, "Services, hubs and requests"): draft → submitted →
// allocated → started ⇄ in review → closed, or declined / withdrawn; which
// step each party may take. Who a person *is* to a request (referrer, the
// hub's manager, the allocated practitioner) is worked out by the caller from
// the stored record and the directory, never from card data.
export const REQUEST_STATUSES = ['draft', 'submitted', 'allocated', 'started', 'in-review', 'closed', 'declined', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const STATUS_LABELS: Record<RequestStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted, waiting for allocation',
  allocated: 'Allocated',
  started: 'Support started',
  'in-review': 'In review',
  closed: 'Closed',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const OPEN_STATUSES: readonly RequestStatus[] = ['submitted', 'allocated', 'started', 'in-review'];
/** What counts towards a practitioner's caseload. */
export const CASELOAD_STATUSES: readonly RequestStatus[] = ['allocated', 'started', 'in-review'];
export const ENDED_STATUSES: readonly RequestStatus[] = ['closed', 'declined', 'withdrawn'];

export type Party = 'referrer' | 'hub-manager' | 'hub-member' | 'allocated-practitioner';

export type RequestAction = 'submit' | 'allocate' | 'decline' | 'start' | 'review' | 'continue' | 'close' | 'withdraw';

interface Rule { from: readonly RequestStatus[]; to: RequestStatus; by: readonly Party[] }

const DELIVERY: readonly Party[] = ['allocated-practitioner', 'hub-manager'];

export const TRANSITIONS: Record<RequestAction, Rule> = {
  submit: { from: ['draft'], to: 'submitted', by: ['referrer'] },
  // Re-allocation before support starts (Barnet One Service Response protocol, 4.4: the manager reassigns for gender, specialism, workload, leave).
  allocate: { from: ['submitted', 'allocated'], to: 'allocated', by: ['hub-manager'] },
  decline: { from: ['submitted', 'allocated'], to: 'declined', by: ['hub-manager'] },
  start: { from: ['allocated'], to: 'started', by: DELIVERY },
  review: { from: ['started'], to: 'in-review', by: DELIVERY },
  continue: { from: ['in-review'], to: 'started', by: DELIVERY },
  close: { from: ['started', 'in-review'], to: 'closed', by: DELIVERY },
  // E.g. the family withdraws consent; the referrer or the hub manager records it.
  withdraw: { from: ['submitted', 'allocated', 'started', 'in-review'], to: 'withdrawn', by: ['referrer', 'hub-manager'] },
};

export type TransitionDecision =
  | { ok: true; to: RequestStatus }
  | { ok: false; code: 'NOT_PERMITTED' | 'WRONG_STATUS' };

/**
 * Permission is decided before status, so someone with no part in a request
 * learns nothing about where it has got to.
 */
export function decideTransition(action: RequestAction, status: RequestStatus, parties: ReadonlySet<Party>): TransitionDecision {
  const rule = TRANSITIONS[action];
  if (!rule.by.some((p) => parties.has(p))) return { ok: false, code: 'NOT_PERMITTED' };
  if (!rule.from.includes(status)) return { ok: false, code: 'WRONG_STATUS' };
  return { ok: true, to: rule.to };
}

export function availableActions(status: RequestStatus, parties: ReadonlySet<Party>): RequestAction[] {
  return (Object.keys(TRANSITIONS) as RequestAction[]).filter((a) => a !== 'submit' && decideTransition(a, status, parties).ok);
}

/** Who may see a request's family details: its referrer and the members of the hub it was sent to. */
export function canView(parties: ReadonlySet<Party>): boolean {
  return parties.has('referrer') || parties.has('hub-member');
}

/** The hub tasks (children's-centre registration, partner involvement: Home-Start Hertfordshire referral criteria) belong to whoever delivers the work. */
export function canRecordTasks(status: RequestStatus, parties: ReadonlySet<Party>): boolean {
  return CASELOAD_STATUSES.includes(status) && DELIVERY.some((p) => parties.has(p));
}
