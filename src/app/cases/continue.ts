// Owns step-down continuity (issue 12): a request closed with a step down to
// early help or Universal Plus continues as a new request for the same family,
// allocated at once to the same practitioner (requests.continued_from_request_id).
// The hub manager is told and may allocate it to someone else as usual.
import { randomUUID } from 'node:crypto';
import { withTransaction } from '../../store/db.js';
import { addHistory, findByKey, getRequest, type RequestRow } from '../../store/request-store.js';
import { continuationOf, insertContinuation } from '../../store/case-store.js';
import { writeAudit } from '../../store/audit-store.js';
import { hubManagers } from '../../domain/directory/lookup.js';
import { continuesAfterStepDown } from '../../domain/case/step-down.js';
import { CLOSE_OUTCOMES } from '../../domain/request/action-forms.js';
import { notFound, partiesOf, personName, refuse, type RequestActor, type RequestDeps } from '../request/access.js';
import { tellPerson } from '../request/notify.js';
import { onSubmitted } from '../request/reminder-hooks.js';
import { UseCaseError } from '../errors.js';

export interface Continued { request: RequestRow; repeated: boolean }

export async function continueWithSamePractitioner(deps: RequestDeps, actor: RequestActor, requestId: string, key: string): Promise<Continued> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    // Locked: two presses (or the practitioner and the manager at once) make one continuation.
    const row = await getRequest(tx, requestId, true);
    if (!row) throw notFound();
    const parties = partiesOf(actor, row);
    if (!parties.has('allocated-practitioner') && !parties.has('hub-manager')) await refuse(deps.db, actor, 'request.continue-after-step-down', row, now);
    const earlier = await continuationOf(tx, row.id);
    if (earlier) return { request: (await getRequest(tx, earlier))!, repeated: true };
    // A key already used for something else (a card pressed on another request) is not this continuation's.
    const fresh = (await findByKey(tx, key)) ? randomUUID() : key;
    if (row.status !== 'closed' || !continuesAfterStepDown(row.end_reason) || !row.allocated_to) {
      throw new UseCaseError('NOT_STEPPED_DOWN', 'Only a case closed with a step down to an early help assessment or Universal Plus continues with the same practitioner.');
    }
    const id = randomUUID();
    await insertContinuation(tx, { id, key: fresh, fromId: row.id, practitioner: row.allocated_to, by: actor.aadObjectId, now });
    await addHistory(tx, { requestId: id, from: null, to: 'submitted', actor: actor.aadObjectId, at: now, note: 'continues after a step down' });
    const historyId = await addHistory(tx, { requestId: id, from: 'submitted', to: 'allocated', actor: actor.aadObjectId, at: now });
    const created = (await getRequest(tx, id))!;
    // Filed and allocated in one step: the same reminders a filed request gets (its service's start target), in this transaction.
    await onSubmitted(tx, created, deps, now);
    await writeAudit(tx, {
      actor: actor.aadObjectId, action: 'request.continue-after-step-down', recordType: 'request', recordId: id, caseRef: created.case_ref,
      before: { continuesFrom: row.id, outcome: row.end_reason }, after: { status: 'allocated', allocatedTo: created.allocated_to },
    }, now);
    const worker = personName(deps.directory, created.allocated_to);
    const stepDown = CLOSE_OUTCOMES[row.end_reason as keyof typeof CLOSE_OUTCOMES]?.toLowerCase() ?? 'a step down';
    const tell = [
      { aad: created.referrer_aad, title: 'Support continues', message: `After the ${stepDown.replace(/^stepped down/, 'step down')}, ${worker} continues with the family.` },
      { aad: created.allocated_to ?? '', title: 'A case continues with you', message: `The family continues with you after the ${stepDown.replace(/^stepped down/, 'step down')}.` },
      ...hubManagers(deps.directory, created.hub_id ?? '').map((m) => ({ aad: m.aadObjectId, title: 'A case continues with the same practitioner', message: `${worker} continues with the family after the ${stepDown.replace(/^stepped down/, 'step down')}. Allocate it to someone else from the request if that is better.` })),
    ];
    const told = new Set<string>();
    for (const m of tell) {
      if (!m.aad || m.aad === actor.aadObjectId || told.has(m.aad)) continue;
      told.add(m.aad);
      await tellPerson(tx, m.aad, created, historyId, m);
    }
    return { request: created, repeated: false };
  });
}
