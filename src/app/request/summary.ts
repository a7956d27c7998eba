// Owns one readable account of a request's form, section by section, as
// plain title/value pairs, built from the values as stored (never
// re-validated: a due date that has since passed must still print). The
// details card, the review card and the printable HTML all show this.
import type { Directory } from '../../domain/directory/schema.js';
import { SECTION_IDS, SECTION_TITLES, type RequestForm, type SectionId } from '../../domain/request/form.js';
import { GENDERS, RELATIONSHIPS } from '../../domain/request/family-section.js';
import { LAWFUL_BASES } from '../../domain/request/consent-safety-sections.js';
import { LEVEL_NAMES } from '../../domain/request/need-work-sections.js';
import { hubOfForm } from './form-context.js';
import { formatIsoDateForCard } from '../../domain/time/london-format.js';

export interface Fact { title: string; value: string }
export interface SectionSummary { id: SectionId; title: string; facts: Fact[] }

const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { female: 'Female', male: 'Male', other: 'Other', 'not-known': 'Not known yet' };
const RELATIONSHIP_LABELS: Record<(typeof RELATIONSHIPS)[number], string> = {
  mother: 'Mother', father: 'Father', 'step-parent': 'Step-parent', grandparent: 'Grandparent', 'foster-carer': 'Foster carer', 'other-carer': 'Other carer',
};
const TAF_LABELS: Record<string, string> = { none: 'No', universal: 'Yes, lead professional in a universal service', targeted: 'Yes, lead professional in a targeted service', specialist: 'Yes, lead professional in a specialist service' };

const s = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const rows = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((r) => r && typeof r === 'object') as Record<string, unknown>[] : []);
const label = (labels: Record<string, string>, v: unknown) => labels[s(v)] ?? s(v);

/** A stored date as a card shows it ("Tue 14 May 2019"). */
export const ukDate = formatIsoDateForCard;

/** The needs the check recorded, in the catalogue's words (drafts from before the words were kept say how many). */
export function checkNeedWords(form: RequestForm): string {
  const c = form.fromCheck;
  if (!c || c.needs.length === 0) return '';
  return c.needLabels?.join('; ') ?? `${c.needs.length} ${c.needs.length === 1 ? 'need' : 'needs'} recorded`;
}

/** "Agreed level 2 (suggested 3, overridden: reason)", or "Level 2, as the check suggested". */
export function checkLevelWords(fromCheck: RequestForm['fromCheck']): string {
  if (!fromCheck?.level) return '';
  const suggested = fromCheck.suggestedLevel;
  if (!suggested || suggested === fromCheck.level) return `Level ${fromCheck.level}, as the check suggested`;
  return `Agreed level ${fromCheck.level} (suggested ${suggested}, overridden${fromCheck.overrideReason ? `: ${fromCheck.overrideReason}` : ''})`;
}

function familyFacts(raw: Record<string, unknown>): Fact[] {
  const facts: Fact[] = [{ title: 'Case reference', value: s(raw.caseRef).toUpperCase() }];
  rows(raw.children).filter((c) => s(c.name) || s(c.dob) || s(c.dueDate)).forEach((c, i) => {
    const born = s(c.dob) ? `born ${ukDate(s(c.dob))}` : s(c.dueDate) ? `expected ${ukDate(s(c.dueDate))}` : 'no date given';
    facts.push({ title: `Child ${i + 1}`, value: [s(c.name) || '(unborn, not named)', born, label(GENDER_LABELS, c.gender)].filter(Boolean).join(', ') });
  });
  rows(raw.carers).filter((c) => s(c.name) || s(c.relationship) || s(c.language)).forEach((c, i) => {
    const interpreter = c.interpreter === 'true' || c.interpreter === true ? 'interpreter needed' : '';
    facts.push({ title: `Parent/carer ${i + 1}`, value: [s(c.name), label(RELATIONSHIP_LABELS, c.relationship), s(c.language), interpreter].filter(Boolean).join(', ') });
  });
  return facts;
}

function sectionFacts(id: SectionId, raw: Record<string, unknown>, form: RequestForm, directory: Directory): Fact[] {
  switch (id) {
    case 'family': return familyFacts(raw);
    case 'address': return [
      { title: 'Address', value: [s(raw.line1), s(raw.line2), s(raw.town)].filter(Boolean).join(', ') },
      { title: 'Postcode', value: s(raw.postcode).toUpperCase() },
      { title: 'Hub', value: hubOfForm(directory, form)?.name ?? 'No hub covers this postcode' },
    ];
    case 'need': return [
      { title: 'Level of need', value: s(raw.level) ? `Level ${s(raw.level)} (${LEVEL_NAMES[Number(raw.level)] ?? ''})` : '' },
      { title: 'Why this level', value: s(raw.levelReason) },
      { title: 'Reason for the request', value: s(raw.reason) },
      { title: 'Level from the check', value: checkLevelWords(form.fromCheck) },
      { title: 'Needs from the check', value: checkNeedWords(form) },
    ];
    case 'work': return [
      { title: 'Agreed work', value: s(raw.intervention) },
      { title: 'Goals', value: s(raw.goals) },
      { title: 'Timescale', value: s(raw.timescaleWeeks) ? `${s(raw.timescaleWeeks)} weeks` : '' },
    ];
    case 'consent': return s(raw.familyAgreed) === 'no'
      ? [
        { title: 'Family agreed', value: 'No' },
        { title: 'Information sharing discussed', value: raw.informationSharingDiscussed === 'true' ? 'Yes' : 'No' },
        { title: 'Lawful basis', value: label(LAWFUL_BASES, raw.lawfulBasis) },
        { title: 'Why without agreement', value: s(raw.lawfulBasisReason) },
      ]
      : [
        { title: 'Family agreed', value: s(raw.familyAgreed) === 'yes' ? 'Yes' : '' },
        { title: 'Information sharing discussed', value: raw.informationSharingDiscussed === 'true' ? 'Yes' : 'No' },
        { title: 'Date agreed', value: ukDate(s(raw.consentDate)) },
      ];
    case 'safety': return [
      { title: 'Lone-working visit risks', value: s(raw.visitRisks) === 'yes' ? s(raw.riskDetails) || 'Yes' : s(raw.visitRisks) === 'none' ? 'None known' : '' },
      { title: 'Team Around the Family', value: label(TAF_LABELS, raw.teamAroundFamily) },
      { title: 'Other professionals', value: s(raw.professionals) },
      { title: 'Referrer phone', value: s(raw.referrerPhone) },
    ];
  }
}

export function summariseForm(form: RequestForm, directory: Directory): SectionSummary[] {
  return SECTION_IDS.map((id) => ({
    id,
    title: SECTION_TITLES[id],
    facts: sectionFacts(id, form.sections[id] ?? {}, form, directory).filter((f) => f.value !== ''),
  }));
}
