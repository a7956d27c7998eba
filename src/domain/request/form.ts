// Owns the 0–19 Request Form as a whole: its sections in the order they are
// asked, the draft as stored (each section's values exactly as typed, so
// nothing is ever lost), what was pre-filled from a check or a booking, the
// service the referrer chose (if any), and validating one section or the whole form.
import type { TeamAroundFamily } from '../policy/index.js';
import type { ChosenService } from './routing.js';
import { validateAddress, type AddressSection } from './address-section.js';
import { validateConsent, validateSafety, type ConsentSection, type SafetySection } from './consent-safety-sections.js';
import { validateFamily, type FamilySection } from './family-section.js';
import type { FieldProblem, SectionContext, SectionResult } from './field-rules.js';
import { validateNeed, validateWork, type NeedSection, type WorkSection } from './need-work-sections.js';

export const SECTION_IDS = ['family', 'address', 'need', 'work', 'consent', 'safety'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const SECTION_TITLES: Record<SectionId, string> = {
  family: 'Family and children',
  address: 'Address and postcode',
  need: 'Reason and level of need',
  work: 'Agreed work',
  consent: 'Consent and information sharing',
  safety: 'Visit risks and other professionals',
};

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && (SECTION_IDS as readonly string[]).includes(value);
}

export function nextSection(id: SectionId): SectionId | null {
  return SECTION_IDS[SECTION_IDS.indexOf(id) + 1] ?? null;
}

export function previousSection(id: SectionId): SectionId | null {
  return SECTION_IDS[SECTION_IDS.indexOf(id) - 1] ?? null;
}

/** Values as typed into one section's card: strings, and rows of strings for children and carers. */
export type RawSection = Record<string, unknown>;

/** Facts carried over from a completed threshold check: level (with any override), indicators and context. */
export interface CheckPrefill {
  checkId: string;
  /** The level the check ended on: the practitioner's override if there was one, else the suggestion. */
  level: number | null;
  needs: string[];
  /** The same needs in the catalogue's words, for cards and printouts (ids never reach a person). */
  needLabels?: string[];
  childAges: Array<number | 'unborn'>;
  informationSharingDiscussed: boolean;
  childProtectionPlan: boolean;
  steppingDown: boolean;
  interpreterNeeded: boolean;
  teamAroundFamily: TeamAroundFamily | null;
  /** The level the engine suggested, and the practitioner's reason when they chose another (absent on drafts made before issue 12). */
  suggestedLevel?: number | null;
  overrideReason?: string | null;
}

/** Facts carried over from an OSR joint-visit booking (Barnet One Service Response protocol 4.4–4.5). */
export interface BookingPrefill {
  bookingId: string;
  hubId: string | null;
  /** The practitioner who did the visit normally delivers the work (Barnet One Service Response protocol 4.4). */
  leadResponderAad: string | null;
}

export interface RequestForm {
  sections: Partial<Record<SectionId, RawSection>>;
  fromCheck?: CheckPrefill;
  fromBooking?: BookingPrefill;
  /** The service chosen from a check result: the request goes only to its hubs. */
  service?: ChosenService;
  /** The referrer as the directory had them when the request was submitted (the form is a record of that moment). */
  referrer?: { name: string; team: string };
}

export interface CompleteForm {
  family: FamilySection;
  address: AddressSection;
  need: NeedSection;
  work: WorkSection;
  consent: ConsentSection;
  safety: SafetySection;
}

export function validateSection(id: SectionId, raw: RawSection | undefined, context: SectionContext): SectionResult<unknown> {
  switch (id) {
    case 'family': return validateFamily(raw, context);
    case 'address': return validateAddress(raw);
    case 'need': return validateNeed(raw, context);
    case 'work': return validateWork(raw, context);
    case 'consent': return validateConsent(raw, context);
    case 'safety': return validateSafety(raw);
  }
}

export interface SectionProblems { section: SectionId; problems: FieldProblem[] }

export type FormResult = { ok: true; value: CompleteForm } | { ok: false; sections: SectionProblems[] };

/** Every section validated; every problem reported at once, grouped by section. */
export function validateForm(form: RequestForm, context: SectionContext): FormResult {
  const value: Partial<Record<SectionId, unknown>> = {};
  const sections: SectionProblems[] = [];
  for (const id of SECTION_IDS) {
    const r = validateSection(id, form.sections[id], context);
    if (r.ok) value[id] = r.value;
    else sections.push({ section: id, problems: r.problems });
  }
  return sections.length === 0 ? { ok: true, value: value as unknown as CompleteForm } : { ok: false, sections };
}
