// Owns the one way a submitted request changes status: decide permission from
// the stored record and the directory (refused and audited if not), re-check
// the status under a row lock, write the change, its history row and its
// audit row, and tell the people concerned, all in one transaction. A click
// that repeats a change already made is answered without changing anything.
import { withTransaction, type Tx } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { addHistory, getRequest, updateRequest, type RequestPatch, type RequestRow } from '../../store/request-store.js';
import { decideTransition, STATUS_LABELS, TRANSITIONS, type Party, type RequestAction } from '../../domain/request/status.js';
import { UseCaseError } from '../errors.js';
import { notFound, partiesOf, refuseAction, type RequestActor, type RequestDeps } from './access.js';
import { tellPerson, type StatusMessage } from './notify.js';

export interface ChangeSpec {
  action: RequestAction;
  /** Columns to set besides the status. */
  patch?: (row: RequestRow) => RequestPatch;
  /** True when the request is already as this click would leave it (a double click). */
  alreadyDone?: (row: RequestRow) => boolean;
  /** Extra checks on the locked row, e.g. the practitioner belongs to the hub. Throw UseCaseError. */
  check?: (row: RequestRow, parties: Set<Party>) => void;
  note?: string;
  /** Audit detail: codes and ids only, never typed text about a family. */
  detail?: Record<string, unknown>;
  /** Who hears about it, worked out from the updated row. */
  tell: (after: RequestRow) => Array<{ aad: string } & StatusMessage>;
  /** Reminders and other consequences, in the same transaction. */
  then?: (tx: Tx, before: RequestRow, after: RequestRow) => Promise<void>;
}

export interface ChangeOutcome { request: RequestRow; changed: boolean }

const ACTION_WORDS: Record<RequestAction, string> = {
  submit: 'submitted', allocate: 'allocated', decline: 'declined', start: 'started', review: 'put into review',
  continue: 'moved back to support', close: 'closed', withdraw: 'withdrawn',
};

export async function changeStatus(deps: RequestDeps, actor: RequestActor, requestId: string, spec: ChangeSpec): Promise<ChangeOutcome> {
  const now = deps.clock.now();
  const peek = await getRequest(deps.db, requestId);
  if (!peek) throw notFound();
  // Permission before anything else, so someone with no part in the request learns nothing about it.
  const mayAct = (row: RequestRow) => TRANSITIONS[spec.action].by.some((p) => partiesOf(actor, row).has(p));
  if (!mayAct(peek)) await refuseAction(deps.db, actor, `request.${spec.action}`, peek, now);
  return withTransaction(deps.db, async (tx) => {
    const row = await getRequest(tx, requestId, true);
    if (!row) throw notFound();
    // Re-checked under the lock: an allocation may have changed since the peek.
    if (!mayAct(row)) await refuseAction(deps.db, actor, `request.${spec.action}`, row, now);
    const parties = partiesOf(actor, row);
    if (spec.alreadyDone?.(row) ?? row.status === TRANSITIONS[spec.action].to) return { request: row, changed: false };
    const decision = decideTransition(spec.action, row.status, parties);
    if (!decision.ok) {
      throw new UseCaseError('WRONG_STATUS', `This request is now "${STATUS_LABELS[row.status]}", so it can't be ${ACTION_WORDS[spec.action]}. Nothing was changed.`);
    }
    spec.check?.(row, parties);
    const after = await updateRequest(tx, row.id, { ...spec.patch?.(row), status: decision.to }, now);
    const historyId = await addHistory(tx, { requestId: row.id, from: row.status, to: decision.to, actor: actor.aadObjectId, at: now, note: spec.note });
    await writeAudit(tx, {
      actor: actor.aadObjectId, action: `request.${spec.action}`, recordType: 'request', recordId: row.id, caseRef: row.case_ref,
      before: { status: row.status, allocatedTo: row.allocated_to }, after: { status: after.status, allocatedTo: after.allocated_to }, detail: spec.detail,
    }, now);
    const told = new Set<string>();
    for (const m of spec.tell(after)) {
      // Nobody is told about their own click, and nobody twice.
      if (!m.aad || m.aad === actor.aadObjectId || told.has(m.aad)) continue;
      told.add(m.aad);
      await tellPerson(tx, m.aad, after, historyId, m);
    }
    await spec.then?.(tx, row, after);
    return { request: after, changed: true };
  });
}
