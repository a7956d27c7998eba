// Owns submitting a request: idempotent (the draft's key travels in the
// card; a double click or a Teams resend finds the request already submitted
// and gets the same answer), validated field by field, routed to the hub
// covering the postcode (among the chosen service's hubs), offered to the
// worker who already has the family where that service keeps one worker per
// family, and atomic with its audit row, its status history, the hub
// channel's card and the reminders of that service's timescales.
import { withTransaction } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { addHistory, currentWorkerOfCase, getRequest, markSubmitted, setSuggestedPractitioner, type RequestRow } from '../../store/request-store.js';
import { findPerson } from '../../domain/directory/lookup.js';
import type { Hub } from '../../domain/directory/schema.js';
import { validateForm, type CompleteForm, type SectionProblems } from '../../domain/request/form.js';
import { routeByPostcode } from '../../domain/request/routing.js';
import { ageRangeLabel } from '../../domain/request/ages.js';
import { vulnerabilityFactors } from '../../domain/request/priority.js';
import { UseCaseError } from '../errors.js';
import { notFound, refuse, type RequestActor, type RequestDeps } from './access.js';
import { sectionContext, serviceOfHub } from './form-context.js';
import { postToHub } from './notify.js';
import { onSubmitted } from './reminder-hooks.js';

export type SubmitOutcome =
  | { kind: 'submitted'; request: RequestRow; hub: Hub; repeated: boolean }
  | { kind: 'invalid'; request: RequestRow; sections: SectionProblems[] };


/** Read-only: what the review card shows before a submit (every problem, grouped by section). */
export async function reviewDraft(deps: RequestDeps, actor: RequestActor, requestId: string): Promise<{ request: RequestRow; sections: SectionProblems[]; hub: Hub | undefined }> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  if (row.referrer_aad !== actor.aadObjectId) await refuse(deps.db, actor, 'request.review', row, deps.clock.now());
  const checked = checkForm(deps, row, deps.clock.now());
  return { request: row, sections: checked.ok ? [] : checked.sections, hub: checked.ok ? checked.hub : undefined };
}

type Checked = { ok: true; value: CompleteForm; hub: Hub } | { ok: false; sections: SectionProblems[] };

function checkForm(deps: RequestDeps, row: RequestRow, now: Date): Checked {
  const result = validateForm(row.form, sectionContext(deps, row.form, now));
  const sections = result.ok ? [] : [...result.sections];
  const postcode = row.form.sections.address?.postcode;
  const route = typeof postcode === 'string' && postcode.trim() ? routeByPostcode(deps.directory, postcode, row.form.service) : undefined;
  if (route && !route.ok && !sections.some((s) => s.section === 'address' && s.problems.some((p) => p.field === 'postcode'))) {
    const address = sections.find((s) => s.section === 'address');
    if (address) address.problems.push({ field: 'postcode', message: route.message });
    else sections.push({ section: 'address', problems: [{ field: 'postcode', message: route.message }] });
  }
  if (sections.length > 0 || !result.ok || !route?.ok) return { ok: false, sections };
  return { ok: true, value: result.value, hub: route.hub };
}

export async function submitRequest(deps: RequestDeps, actor: RequestActor, input: { requestId: string; key: string }): Promise<SubmitOutcome> {
  const now = deps.clock.now();
  const peek = await getRequest(deps.db, input.requestId);
  if (!peek) throw notFound();
  if (peek.referrer_aad !== actor.aadObjectId) await refuse(deps.db, actor, 'request.submit', peek, now);
  if (peek.idempotency_key !== input.key) {
    throw new UseCaseError('STALE_CARD', "This card doesn't match the request any more. Type 'my requests' and open the request from there.");
  }

  return withTransaction(deps.db, async (tx) => {
    const row = await getRequest(tx, input.requestId, true);
    if (!row) throw notFound();
    if (row.status !== 'draft') {
      // The same key again: the first submit won; answer as it did, change nothing.
      const hub = deps.directory.hubs.find((h) => h.id === row.hub_id);
      if (!hub) throw new UseCaseError('HUB_GONE', 'This request was sent to a hub that is no longer configured. Ask your administrator.');
      return { kind: 'submitted', request: row, hub, repeated: true };
    }
    const checked = checkForm(deps, row, now);
    if (!checked.ok) return { kind: 'invalid', request: row, sections: checked.sections };

    const { value, hub } = checked;
    const today = sectionContext(deps, row.form, now).today;
    const factors = vulnerabilityFactors(value, row.form.fromCheck, today);
    const referrer = findPerson(deps.directory, actor.aadObjectId);
    const form = { ...row.form, referrer: { name: referrer?.displayName ?? '', team: referrer?.team ?? '' } };
    let submitted = await markSubmitted(tx, row.id, {
      form, hubId: hub.id, caseRef: value.family.caseRef, level: value.need.level, vulnerability: factors.length, factors,
      intervention: value.work.intervention, ageRange: ageRangeLabel(value.family.children, today), now,
    });
    const pack = serviceOfHub(deps.policy, hub);
    // One worker, one family, one plan: a family already allocated in this hub is offered to the same worker.
    // Every hub since issue 12 (one worker, one family; the same practitioner stays involved); the manager may still choose another.
    const keepsWorker = !submitted.suggested_practitioner_aad
      ? await currentWorkerOfCase(tx, value.family.caseRef, hub.id, row.id) : undefined;
    if (keepsWorker) submitted = await setSuggestedPractitioner(tx, row.id, keepsWorker);
    await addHistory(tx, { requestId: row.id, from: 'draft', to: 'submitted', actor: actor.aadObjectId, at: now });
    await writeAudit(tx, {
      actor: actor.aadObjectId, action: 'request.submit', recordType: 'request', recordId: row.id, caseRef: submitted.case_ref,
      before: { status: 'draft' },
      after: { status: 'submitted', hubId: hub.id, level: value.need.level, vulnerability: factors },
      // A level changed from the check's is flagged here (Hertfordshire "The Right Response" presentation: auditing to ensure appropriate thresholds); the reason stays in the form, not the audit trail.
      detail: { service: pack?.id ?? null, keepsWorker: keepsWorker ?? null, sourceCheckId: row.source_check_id, sourceBookingId: row.source_booking_id, checkLevel: row.form.fromCheck?.level ?? null, levelChangedFromCheck: !!row.form.fromCheck?.level && row.form.fromCheck.level !== value.need.level },
    }, now);
    await postToHub(tx, submitted, deps.directory);
    await onSubmitted(tx, submitted, deps, now);
    return { kind: 'submitted', request: submitted, hub, repeated: false };
  });
}
