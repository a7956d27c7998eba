// Owns turning a finished threshold check or an OSR booking into the first
// values of a request draft (pre-filled from the booking and the check). Both tables belong to other features, so their rows are read
// as plain JSON and only the fields named here are taken, each checked.
import type { BookingPrefill, CheckPrefill, RawSection, RequestForm, SectionId } from '../../domain/request/form.js';
import { TeamAroundFamilySchema } from '../../domain/policy/index.js';

type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const bool = (v: unknown): boolean => v === true;
const obj = (v: unknown): Row => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : {});

export interface CheckFacts {
  ownerAad: string | null; completed: boolean; stopped: boolean; caseRef: string | null; postcode: string | null; prefill: CheckPrefill;
  /** Services the check found eligible or conditional in the family's area: the ones a request from it may go to. */
  offeredServices: string[];
}

/** `needLabel`: a need's words in the catalogue (ids are never shown). */
export function readCheck(checkId: string, row: Row, needLabel: (id: string) => string): CheckFacts {
  const answers = obj(row.answers);
  const result = obj(row.result);
  const level = num(row.override_level) ?? num(row.level) ?? num(result.level);
  const children = Array.isArray(answers.children) ? answers.children.map(obj) : [];
  const taf = TeamAroundFamilySchema.safeParse(answers.teamAroundFamily);
  const needs = Array.isArray(answers.needs) ? answers.needs.filter((n): n is string => typeof n === 'string') : [];
  return {
    ownerAad: str(row.owner_aad),
    completed: row.status === 'completed',
    stopped: result.stop !== undefined && result.stop !== null,
    caseRef: str(answers.caseRef) ?? str(row.case_ref),
    postcode: str(answers.postcode),
    offeredServices: (Array.isArray(result.services) ? result.services.map(obj) : [])
      .filter((s) => s.outcome !== 'not-eligible' && s.inArea !== false)
      .map((s) => str(s.id))
      .filter((id): id is string => id !== null),
    prefill: {
      checkId,
      level: level !== null && level >= 1 && level <= 4 ? level : null,
      needs,
      needLabels: needs.map(needLabel),
      suggestedLevel: num(row.level) ?? num(result.level),
      overrideReason: num(row.override_level) !== null ? str(row.override_reason) : null,
      childAges: children.map((c) => (c.unborn === true ? 'unborn' as const : num(c.age))).filter((a): a is number | 'unborn' => a !== null),
      informationSharingDiscussed: bool(answers.informationSharingDiscussed),
      childProtectionPlan: bool(answers.childProtectionPlan),
      steppingDown: bool(answers.steppingDown),
      interpreterNeeded: bool(answers.interpreterNeeded),
      teamAroundFamily: taf.success ? taf.data : null,
    },
  };
}

export interface BookingFacts { socialWorkerAad: string | null; caseRef: string | null; checkId: string | null; purpose: string | null; risks: string | null; prefill: BookingPrefill }

export function readBooking(bookingId: string, row: Row): BookingFacts {
  return {
    socialWorkerAad: str(row.social_worker_aad) ?? str(row.social_worker) ?? str(row.booked_by),
    caseRef: str(row.case_ref),
    checkId: str(row.check_id),
    purpose: str(row.purpose),
    risks: str(row.risks),
    prefill: {
      bookingId,
      hubId: str(row.hub_id),
      // The practitioner who did the visit delivers the work unless reassigned (Barnet One Service Response protocol 4.4).
      leadResponderAad: str(row.assignee_aad) ?? str(row.lead_responder_aad) ?? str(row.lead_aad),
    },
  };
}

/** The first sections of a draft from whatever sources there are; later sources never blank earlier values. */
export function initialForm(check: CheckFacts | undefined, booking: BookingFacts | undefined): RequestForm {
  const sections: Partial<Record<SectionId, RawSection>> = {};
  const caseRef = booking?.caseRef ?? check?.caseRef;
  if (caseRef) sections.family = { caseRef };
  if (check?.postcode) sections.address = { postcode: check.postcode };
  if (check?.prefill.level) sections.need = { level: String(check.prefill.level) };
  if (booking?.purpose) sections.work = { goals: booking.purpose.slice(0, 1000) };
  if (check) {
    sections.consent = { informationSharingDiscussed: check.prefill.informationSharingDiscussed ? 'true' : 'false' };
    if (check.prefill.interpreterNeeded) sections.family = { ...sections.family, carers: [{ interpreter: 'true' }] };
  }
  const safety: RawSection = {};
  if (check?.prefill.teamAroundFamily) safety.teamAroundFamily = check.prefill.teamAroundFamily;
  if (booking?.risks) {
    const noRisks = /^\s*(none|no|n\/a|none known)\.?\s*$/i.test(booking.risks);
    safety.visitRisks = noRisks ? 'none' : 'yes';
    if (!noRisks) safety.riskDetails = booking.risks.slice(0, 1000);
  }
  if (Object.keys(safety).length > 0) sections.safety = safety;
  const form: RequestForm = { sections };
  if (check) form.fromCheck = check.prefill;
  if (booking) form.fromBooking = booking.prefill;
  return form;
}
