// Owns the draft side of a 0–19 request: start one (blank, from a finished
// threshold check, or from an OSR booking), save a section on every step
// (values kept as typed even when they have problems), resume, list and
// discard. Only the referrer ever sees or changes their draft.
import { randomUUID } from 'node:crypto';
import { withTransaction } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import {
  bookingForRequest, checkForRequest, deleteDraft, draftsOf, findByKey, findFromSource, getRequest, insertDraft, saveDraft, type RequestRow,
} from '../../store/request-store.js';
import { nextSection, previousSection, validateSection, type RawSection, type SectionId } from '../../domain/request/form.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import { routeByPostcode, type ChosenService } from '../../domain/request/routing.js';
import { hubsOfService } from '../../domain/directory/lookup.js';
import { UseCaseError } from '../errors.js';
import { notFound, refuse, type RequestActor, type RequestDeps } from './access.js';
import { initialForm, readBooking, readCheck, type BookingFacts, type CheckFacts } from './prefill.js';
import { sectionContext } from './form-context.js';

/** serviceId: the service chosen on a check result (a policy pack id); the request then goes only to its hubs. */
export interface StartInput { checkId?: string; bookingId?: string; key?: string; fresh?: boolean; serviceId?: string }

export type StartOutcome =
  | { kind: 'draft'; request: RequestRow; resumed: boolean }
  | { kind: 'choose'; drafts: RequestRow[] }
  | { kind: 'filed'; request: RequestRow };

export function requirePerson(actor: RequestActor): void {
  if (!actor.person) {
    throw new UseCaseError('NOT_IN_DIRECTORY', "I can't find you in the directory of staff who use this bot, so I can't file a request for you. Ask your administrator to add you.");
  }
}

async function loadCheck(deps: RequestDeps, actor: RequestActor, checkId: string, now: Date): Promise<CheckFacts> {
  const row = await checkForRequest(deps.db, checkId);
  if (!row) throw new UseCaseError('CHECK_NOT_FOUND', "I can't find that threshold check. Start the request without it, or run the check again.");
  const facts = readCheck(checkId, row, (id) => deps.policy.catalogue.needs.find((n) => n.id === id)?.label ?? 'a need no longer in the catalogue');
  if (facts.ownerAad !== actor.aadObjectId) await refuse(deps.db, actor, 'request.start', undefined, now, 'check-of-another-user');
  if (!facts.completed) throw new UseCaseError('CHECK_NOT_FINISHED', 'That threshold check is not finished yet. Finish it first, then file the request from its result.');
  if (facts.stopped) {
    throw new UseCaseError('CHECK_STOPPED', "That check stopped before suggesting a level (immediate risk, or the family is already open to a service), so a 0–19 request can't be filed from it. Follow the route the check gave you.");
  }
  return facts;
}

async function loadBooking(deps: RequestDeps, actor: RequestActor, bookingId: string, now: Date): Promise<BookingFacts> {
  const row = await bookingForRequest(deps.db, bookingId);
  if (!row) throw new UseCaseError('BOOKING_NOT_FOUND', "I can't find that joint-visit booking. You can still file the request without it: type 'request'.");
  const facts = readBooking(bookingId, row);
  if (facts.socialWorkerAad !== actor.aadObjectId) await refuse(deps.db, actor, 'request.start', undefined, now, 'booking-of-another-user');
  return facts;
}

export async function startRequest(deps: RequestDeps, actor: RequestActor, input: StartInput): Promise<StartOutcome> {
  // Someone outside the directory is refused, and refusals are audited (issue 8).
  if (!actor.person) await writeAudit(deps.db, { actor: actor.aadObjectId || 'anonymous', action: 'request.start', outcome: 'refused', recordType: 'request', detail: { reason: 'not-in-directory' } }, deps.clock.now());
  requirePerson(actor);
  const now = deps.clock.now();
  const booking = input.bookingId ? await loadBooking(deps, actor, input.bookingId, now) : undefined;
  const checkId = input.checkId ?? booking?.checkId ?? undefined;
  // A booking's check that belongs to someone else is simply not used; a check named directly must be the user's.
  const check = input.checkId ? await loadCheck(deps, actor, input.checkId, now)
    : checkId ? await loadCheck(deps, actor, checkId, now).catch(() => undefined) : undefined;

  const service = input.serviceId === undefined ? undefined : chosenService(deps, input.serviceId, check);

  const source = input.bookingId ? { bookingId: input.bookingId } : input.checkId ? { checkId: input.checkId } : undefined;
  if (source) {
    const existing = await findFromSource(deps.db, actor.aadObjectId, source);
    if (existing?.status === 'draft') return { kind: 'draft', request: await withService(deps, existing, service, now), resumed: true };
    if (existing) return { kind: 'filed', request: existing };
  } else if (input.key) {
    const existing = await findByKey(deps.db, input.key);
    if (existing && existing.referrer_aad === actor.aadObjectId) return existing.status === 'draft' ? { kind: 'draft', request: existing, resumed: true } : { kind: 'filed', request: existing };
  } else if (!input.fresh) {
    const drafts = await draftsOf(deps.db, actor.aadObjectId);
    if (drafts.length > 0) return { kind: 'choose', drafts };
  }

  const form = initialForm(check, booking);
  // The check's needs travel with the request in words (the catalogue may change; the request records that moment).
  if (form.fromCheck) form.fromCheck.needLabels = form.fromCheck.needs.flatMap((id) => deps.policy.catalogue.needs.find((n) => n.id === id)?.label ?? []);
  if (service) form.service = service;
  const id = randomUUID();
  const created = await withTransaction(deps.db, async (tx) => {
    const row = await insertDraft(tx, {
      id, key: input.key ?? randomUUID(), referrer: actor.aadObjectId, form, caseRef: (form.sections.family?.caseRef as string | undefined) ?? null,
      hubId: null, sourceCheckId: check?.prefill.checkId ?? null, sourceBookingId: input.bookingId ?? null,
      suggestedPractitioner: booking?.prefill.leadResponderAad ?? null, now,
    });
    if (row) {
      await writeAudit(tx, { actor: actor.aadObjectId, action: 'request.draft.create', recordType: 'request', recordId: id, caseRef: row.case_ref,
        detail: { fromCheck: check?.prefill.checkId ?? null, fromBooking: input.bookingId ?? null } }, now);
    }
    return row;
  });
  if (created) return { kind: 'draft', request: created, resumed: false };
  // Lost a race with the same click or the same source: the row that won is the draft.
  const winner = source ? await findFromSource(deps.db, actor.aadObjectId, source) : input.key ? await findByKey(deps.db, input.key) : undefined;
  if (!winner) throw new UseCaseError('DRAFT_CONFLICT', 'Something changed while I was starting your draft. Please try again.');
  return { kind: 'draft', request: winner, resumed: true };
}

/**
 * A service chosen on a check result: it must be one the check offered in the
 * family's area, and some hub must deliver it, or the request could not be routed.
 */
function chosenService(deps: RequestDeps, serviceId: string, check: CheckFacts | undefined): ChosenService {
  const pack = deps.policy.services.find((candidate) => candidate.id === serviceId);
  if (!pack || hubsOfService(deps.directory, pack.id).length === 0) {
    throw new UseCaseError('SERVICE_NOT_AVAILABLE', "That service isn't set up to take requests here. Start the request from your check's result, or ask your administrator.");
  }
  if (check && !check.offeredServices.includes(pack.id)) {
    throw new UseCaseError('SERVICE_NOT_OFFERED', `Your check did not find ${pack.name} open to this family, so I can't start a request to it. Open the check's result to see why, or choose a service it offered.`);
  }
  return { id: pack.id, name: pack.name };
}

/** Resuming a draft from the same check for another service: the draft now goes to that service. */
async function withService(deps: RequestDeps, draft: RequestRow, service: ChosenService | undefined, now: Date): Promise<RequestRow> {
  if (!service || draft.form.service?.id === service.id) return draft;
  const form = { ...draft.form, service };
  return withTransaction(deps.db, async (tx) => {
    const postcode = typeof form.sections.address?.postcode === 'string' ? form.sections.address.postcode : '';
    const route = postcode ? routeByPostcode(deps.directory, postcode, service) : undefined;
    await saveDraft(tx, draft.id, { form, step: draft.step, caseRef: draft.case_ref, hubId: route?.ok ? route.hub.id : null, now });
    return (await getRequest(tx, draft.id))!;
  });
}

/** The referrer's own request, for resuming or editing; anyone else is refused and audited. */
export async function ownRequest(deps: RequestDeps, actor: RequestActor, requestId: string, action: string): Promise<RequestRow> {
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  if (row.referrer_aad !== actor.aadObjectId) await refuse(deps.db, actor, action, row, deps.clock.now());
  return row;
}

export interface SaveSectionInput { requestId: string; section: SectionId; raw: RawSection; nav: 'next' | 'back' | 'save' }
export interface SaveSectionOutcome { request: RequestRow; problems: FieldProblem[]; step: SectionId | 'review' }

export async function saveSection(deps: RequestDeps, actor: RequestActor, input: SaveSectionInput): Promise<SaveSectionOutcome> {
  const now = deps.clock.now();
  const current = await ownRequest(deps, actor, input.requestId, 'request.draft.save');
  if (current.status !== 'draft') throw new UseCaseError('ALREADY_SUBMITTED', "This request has already been submitted, so it can't be edited. Type 'my requests' to see where it has got to.");
  return withTransaction(deps.db, async (tx) => {
    const row = await getRequest(tx, input.requestId, true);
    if (!row || row.status !== 'draft') throw new UseCaseError('ALREADY_SUBMITTED', "This request has already been submitted, so it can't be edited.");
    const form = { ...row.form, sections: { ...row.form.sections, [input.section]: input.raw } };
    const context = sectionContext(deps, form, now);
    let problems: FieldProblem[] = [];
    if (input.nav === 'next') {
      const r = validateSection(input.section, input.raw, context);
      problems = r.ok ? [] : r.problems;
    }
    const postcode = typeof form.sections.address?.postcode === 'string' ? form.sections.address.postcode : '';
    const route = postcode ? routeByPostcode(deps.directory, postcode, form.service) : undefined;
    if (input.section === 'address' && input.nav === 'next' && route && !route.ok && !problems.some((p) => p.field === 'postcode')) {
      problems.push({ field: 'postcode', message: route.message });
    }
    const step: SectionId | 'review' = input.nav === 'back' ? (previousSection(input.section) ?? input.section)
      : input.nav === 'next' && problems.length === 0 ? (nextSection(input.section) ?? 'review') : input.section;
    const caseRef = typeof form.sections.family?.caseRef === 'string' && form.sections.family.caseRef.trim() ? form.sections.family.caseRef.trim().toUpperCase().slice(0, 30) : null;
    await saveDraft(tx, row.id, { form, step, caseRef, hubId: route?.ok ? route.hub.id : null, now });
    await writeAudit(tx, { actor: actor.aadObjectId, action: 'request.draft.save', recordType: 'request', recordId: row.id, caseRef, detail: { section: input.section, problems: problems.length } }, now);
    const saved = await getRequest(tx, row.id);
    return { request: saved!, problems, step };
  });
}

export async function discardDraft(deps: RequestDeps, actor: RequestActor, requestId: string): Promise<{ caseRef: string | null }> {
  const now = deps.clock.now();
  const row = await ownRequest(deps, actor, requestId, 'request.draft.discard');
  if (row.status !== 'draft') throw new UseCaseError('ALREADY_SUBMITTED', "This request has been submitted, so it can't be discarded. To stop it, withdraw it from its details.");
  await withTransaction(deps.db, async (tx) => {
    // Deleted, not flagged: a discarded draft's family details have no reason to be kept (docs/SECURITY.md).
    await deleteDraft(tx, row.id);
    await writeAudit(tx, { actor: actor.aadObjectId, action: 'request.draft.discard', recordType: 'request', recordId: row.id, caseRef: row.case_ref }, now);
  });
  return { caseRef: row.case_ref };
}
