// Owns the use cases that move a request on after it is submitted: allocate
// (hub manager, to a practitioner of the same hub), decline (reason and
// alternatives), start (the start date feeds the service's review and target
// reminders), review, continue, close, withdraw, and the tasks a service sets
// (Home-Start's). Each
// validates its small form first and reports problems by field.
import { withTransaction } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { getRequest, updateRequest, type RequestRow } from '../../store/request-store.js';
import { findHub, findPerson, hubManagers } from '../../domain/directory/lookup.js';
import { isRole } from '../../domain/access/roles.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import {
  allocateSchema, closeSchema, declineSchema, startSchema, tasksSchema, validateAction, withdrawSchema, CLOSE_OUTCOMES, WITHDRAW_REASONS,
} from '../../domain/request/action-forms.js';
import { canRecordTasks } from '../../domain/request/status.js';
import { UseCaseError } from '../errors.js';
import { notFound, partiesOf, personName, refuse, type RequestActor, type RequestDeps } from './access.js';
import { londonToday } from './form-context.js';
import { escapeCardText as escapeText } from '../../domain/text/card-text.js';
import { changeStatus, type ChangeOutcome } from './transition.js';
import { onEnded, onReviewed, onReviewOpened, onStarted } from './reminder-hooks.js';
import { countReviews } from './views.js';
import { caseServiceOf } from '../case-records/case-service.js';
import { onClosedPlanFeedbackReminder } from '../reports/feedback.js';
import { ukDate } from './summary.js';

export type ActionOutcome = ({ kind: 'done' } & ChangeOutcome) | { kind: 'invalid'; problems: FieldProblem[] };

const hubName = (deps: RequestDeps, row: RequestRow) => findHub(deps.directory, row.hub_id ?? '')?.name ?? 'the hub';

export async function allocateRequest(deps: RequestDeps, actor: RequestActor, requestId: string, raw: unknown): Promise<ActionOutcome> {
  const v = validateAction(allocateSchema, raw);
  if (!v.ok) return { kind: 'invalid', problems: v.problems };
  const practitioner = findPerson(deps.directory, v.value.practitioner);
  const result = await changeStatus(deps, actor, requestId, {
    action: 'allocate',
    alreadyDone: (row) => row.status === 'allocated' && row.allocated_to === v.value.practitioner,
    check: (row) => {
      if (!isRole(practitioner, 'hub-practitioner') || practitioner.hubId !== row.hub_id) {
        throw new UseCaseError('NOT_IN_HUB', `Choose a practitioner from ${hubName(deps, row)}: only its practitioners can be allocated its requests.`);
      }
    },
    patch: () => ({ allocated_to: v.value.practitioner, allocated_by: actor.aadObjectId, allocated_at: deps.clock.now() }),
    detail: { allocatedTo: v.value.practitioner },
    tell: (after) => [
      { aad: after.referrer_aad, title: 'Request allocated', message: `${hubName(deps, after)} has allocated your request to ${practitioner?.displayName ?? 'a practitioner'}.` },
      { aad: after.allocated_to ?? '', title: 'A case has been allocated to you', message: `Request ${escapeText(after.case_ref ?? '')} (${after.intervention ?? ''}) is yours. Open it to see the details${(caseServiceOf(deps, after).pack?.tasks.length ?? 0) > 0 ? ', confirm the tasks' : ''} and record the start date.` },
    ],
  });
  return { kind: 'done', ...result };
}

export async function declineRequest(deps: RequestDeps, actor: RequestActor, requestId: string, raw: unknown): Promise<ActionOutcome> {
  const v = validateAction(declineSchema, raw);
  if (!v.ok) return { kind: 'invalid', problems: v.problems };
  const result = await changeStatus(deps, actor, requestId, {
    action: 'decline',
    patch: () => ({ decline_reason: v.value.reason, decline_alternatives: v.value.alternatives, ended_at: deps.clock.now() }),
    tell: (after) => [{
      aad: after.referrer_aad, title: 'Request declined',
      message: `${hubName(deps, after)} has declined your request.\n\nWhy: ${escapeText(v.value.reason)}\n\nWhat you can do instead: ${escapeText(v.value.alternatives)}`,
    }],
    then: (tx, _before, after) => onEnded(tx, after, actor.aadObjectId),
  });
  return { kind: 'done', ...result };
}

export async function startSupport(deps: RequestDeps, actor: RequestActor, requestId: string, raw: unknown): Promise<ActionOutcome> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  const today = londonToday(deps.clock.now());
  const v = validateAction(startSchema(today, londonToday(row.submitted_at ?? deps.clock.now())), raw);
  if (!v.ok) return { kind: 'invalid', problems: v.problems };
  const result = await changeStatus(deps, actor, requestId, {
    action: 'start',
    patch: () => ({ start_date: v.value.startDate }),
    detail: { startDate: v.value.startDate },
    tell: (after) => [{ aad: after.referrer_aad, title: 'Support has started', message: `${hubName(deps, after)} started support on ${ukDate(v.value.startDate)}.` }],
    then: (tx, _before, after) => onStarted(tx, after, deps, deps.clock.now(), actor.aadObjectId),
  });
  return { kind: 'done', ...result };
}

export async function openReview(deps: RequestDeps, actor: RequestActor, requestId: string): Promise<ChangeOutcome> {
  return changeStatus(deps, actor, requestId, {
    action: 'review',
    tell: (after) => [{ aad: after.referrer_aad, title: 'Support plan in review', message: `${hubName(deps, after)} is reviewing the support plan with the family.` }],
    then: (tx, _before, after) => onReviewOpened(tx, after, actor.aadObjectId),
  });
}

export async function continueSupport(deps: RequestDeps, actor: RequestActor, requestId: string): Promise<ChangeOutcome> {
  return changeStatus(deps, actor, requestId, {
    action: 'continue',
    tell: (after) => [{ aad: after.referrer_aad, title: 'Support continues', message: `The review is done and ${hubName(deps, after)} is continuing support.` }],
    then: async (tx, _before, after) => onReviewed(tx, after, await countReviews(tx, after.id), deps, deps.clock.now(), actor.aadObjectId),
  });
}

export async function closeRequest(deps: RequestDeps, actor: RequestActor, requestId: string, raw: unknown): Promise<ActionOutcome> {
  const v = validateAction(closeSchema, raw);
  if (!v.ok) return { kind: 'invalid', problems: v.problems };
  const result = await changeStatus(deps, actor, requestId, {
    action: 'close',
    patch: () => ({ end_reason: v.value.choice, end_note: v.value.note, ended_at: deps.clock.now() }),
    detail: { outcome: v.value.choice },
    tell: (after) => [{ aad: after.referrer_aad, title: 'Support closed', message: `${hubName(deps, after)} has closed the case: ${CLOSE_OUTCOMES[v.value.choice].toLowerCase()}.` }],
    then: async (tx, _before, after) => {
      await onEnded(tx, after, actor.aadObjectId);
      await onClosedPlanFeedbackReminder(tx, after, deps.config, deps.clock.now());
    },
  });
  return { kind: 'done', ...result };
}

export async function withdrawRequest(deps: RequestDeps, actor: RequestActor, requestId: string, raw: unknown): Promise<ActionOutcome> {
  const v = validateAction(withdrawSchema, raw);
  if (!v.ok) return { kind: 'invalid', problems: v.problems };
  const reason = WITHDRAW_REASONS[v.value.choice].replace(' (say why)', '');
  const result = await changeStatus(deps, actor, requestId, {
    action: 'withdraw',
    patch: () => ({ end_reason: v.value.choice, end_note: v.value.note, ended_at: deps.clock.now() }),
    detail: { reason: v.value.choice },
    tell: (after) => [
      { aad: after.referrer_aad, title: 'Request withdrawn', message: `${personName(deps.directory, actor.aadObjectId)} withdrew the request: ${reason.toLowerCase()}.` },
      { aad: after.allocated_to ?? '', title: 'A case was withdrawn', message: `Request ${escapeText(after.case_ref ?? '')} was withdrawn: ${reason.toLowerCase()}. No further work is needed.` },
      // The hub's managers hear too, so nobody allocates or chases a request that has gone.
      ...hubManagers(deps.directory, after.hub_id ?? '').map((m) => ({ aad: m.aadObjectId, title: 'A request was withdrawn', message: `Request ${escapeText(after.case_ref ?? '')} was withdrawn: ${reason.toLowerCase()}.` })),
    ],
    then: (tx, _before, after) => onEnded(tx, after, actor.aadObjectId),
  });
  return { kind: 'done', ...result };
}

/**
 * Home-Start Hertfordshire referral criteria: the service confirms partner
 * involvement and children's-centre registration (and encourages it if
 * missing). Only requests to a service whose pack sets tasks have them.
 */
export async function recordTasks(deps: RequestDeps, actor: RequestActor, requestId: string, raw: unknown): Promise<{ kind: 'done'; request: RequestRow } | { kind: 'invalid'; problems: FieldProblem[] }> {
  const now = deps.clock.now();
  const peek = await getRequest(deps.db, requestId);
  if (!peek) throw notFound();
  const parties = partiesOf(actor, peek);
  if (!parties.has('hub-manager') && !parties.has('allocated-practitioner')) await refuse(deps.db, actor, 'request.tasks', peek, now);
  if ((caseServiceOf(deps, peek).pack?.tasks.length ?? 0) === 0) {
    throw new UseCaseError('NO_TASKS', "This request's service sets no tasks, so there is nothing to record here.");
  }
  const v = validateAction(tasksSchema, raw);
  if (!v.ok) return { kind: 'invalid', problems: v.problems };
  return withTransaction(deps.db, async (tx) => {
    const row = await getRequest(tx, requestId, true);
    if (!row) throw notFound();
    if (!canRecordTasks(row.status, partiesOf(actor, row))) throw new UseCaseError('WRONG_STATUS', 'Tasks can be recorded once the request is allocated and until it ends.');
    const after = await updateRequest(tx, row.id, {
      ...(v.value.ccRegistration ? { cc_registration: v.value.ccRegistration, cc_registration_by: actor.aadObjectId, cc_registration_at: now } : {}),
      ...(v.value.partnerInvolvement ? { partner_involvement: v.value.partnerInvolvement, partner_involvement_by: actor.aadObjectId, partner_involvement_at: now } : {}),
    }, now);
    await writeAudit(tx, { actor: actor.aadObjectId, action: 'request.tasks', recordType: 'request', recordId: row.id, caseRef: row.case_ref,
      before: { ccRegistration: row.cc_registration, partnerInvolvement: row.partner_involvement },
      after: { ccRegistration: after.cc_registration, partnerInvolvement: after.partner_involvement } }, now);
    return { kind: 'done', request: after };
  });
}
