// Owns the inputs of each 0–19 request section as card fields: ids that are
// the domain's field paths ("children.1.dob"), so a problem found by the
// section schema lands next to its input, and values drawn from the draft
// exactly as typed. Also turns a card submit back into a section's values,
// taking only the ids the section owns.
import type { RawSection, RequestForm, SectionId } from '../../domain/request/form.js';
import type { FieldProblem, SectionContext } from '../../domain/request/field-rules.js';
import { GENDERS, MAX_CARER_ROWS, MAX_CHILD_ROWS, NAME_MAX, RELATIONSHIPS } from '../../domain/request/family-section.js';
import { GOALS_MAX, LEVEL_NAMES, REASON_MAX } from '../../domain/request/need-work-sections.js';
import { LAWFUL_BASES } from '../../domain/request/consent-safety-sections.js';
import { checkNeedWords } from '../../app/request/summary.js';

export type FieldKind = 'heading' | 'info' | 'text' | 'multiline' | 'date' | 'choice' | 'toggle';
export interface Choice { title: string; value: string }
/** Every property is always present: the template must never meet an undefined value. */
export interface FieldView { kind: FieldKind; id: string; label: string; value: string; placeholder: string; maxLength: number; error: string; choices: Choice[] }

const field = (kind: FieldKind, id: string, label: string, extra: Partial<FieldView> = {}): FieldView =>
  ({ kind, id, label, value: '', placeholder: '', maxLength: 0, error: '', choices: [], ...extra });
const choicesOf = (labels: Record<string, string>): Choice[] => Object.entries(labels).map(([value, title]) => ({ title, value }));

const GENDER_CHOICES = choicesOf({ female: 'Female', male: 'Male', other: 'Other', 'not-known': 'Not known yet' } satisfies Record<(typeof GENDERS)[number], string>);
const RELATIONSHIP_CHOICES = choicesOf({ mother: 'Mother', father: 'Father', 'step-parent': 'Step-parent', grandparent: 'Grandparent', 'foster-carer': 'Foster carer', 'other-carer': 'Other carer' } satisfies Record<(typeof RELATIONSHIPS)[number], string>);
const LEVEL_CHOICES = [1, 2, 3, 4].map((n) => ({ title: `Level ${n}: ${LEVEL_NAMES[n]}`, value: String(n) }));
const TAF_CHOICES = choicesOf({ none: 'No Team Around the Family', universal: 'Yes: lead professional in a universal service', targeted: 'Yes: lead professional in a targeted service', specialist: 'Yes: lead professional in a specialist service' });

const str = (v: unknown) => (typeof v === 'string' ? v : v === true ? 'true' : '');
const rowsOf = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const isBlank = (row: Record<string, unknown>, keys: string[]) => keys.every((k) => !str(row[k]).trim());

/** One spare row after the last one used, at least two, at most the section's maximum. */
function rowCount(rows: Record<string, unknown>[], keys: string[], max: number): number {
  let last = -1;
  rows.forEach((r, i) => { if (r && !isBlank(r, keys)) last = i; });
  return Math.min(max, Math.max(2, last + 2));
}

function familyFields(raw: RawSection, form: RequestForm): FieldView[] {
  const out: FieldView[] = [];
  const ages = form.fromCheck?.childAges ?? [];
  if (ages.length > 0) {
    out.push(field('info', 'fromCheck', `Your threshold check recorded ${ages.length} ${ages.length === 1 ? 'child' : 'children'}: ${ages.map((a) => (a === 'unborn' ? 'unborn' : `aged ${a}`)).join(', ')}.`));
  }
  out.push(field('text', 'caseRef', 'Case reference (LCS or EHM id)', { value: str(raw.caseRef), maxLength: 30, placeholder: 'e.g. LCS-123456' }));
  const children = rowsOf(raw.children);
  for (let i = 0; i < rowCount(children, ['name', 'dob', 'dueDate'], MAX_CHILD_ROWS); i++) {
    const c = children[i] ?? {};
    out.push(field('heading', `children.${i}`, `Child ${i + 1}${i > 0 ? ' (leave blank if none)' : ''}`));
    out.push(field('text', `children.${i}.name`, 'Name (optional for an unborn baby)', { value: str(c.name), maxLength: NAME_MAX }));
    out.push(field('date', `children.${i}.dob`, 'Date of birth', { value: str(c.dob) }));
    out.push(field('date', `children.${i}.dueDate`, 'Or expected due date, if not born yet', { value: str(c.dueDate) }));
    out.push(field('choice', `children.${i}.gender`, 'Gender', { value: str(c.gender), choices: GENDER_CHOICES }));
  }
  const carers = rowsOf(raw.carers);
  for (let i = 0; i < rowCount(carers, ['name', 'relationship', 'language'], MAX_CARER_ROWS); i++) {
    const c = carers[i] ?? {};
    out.push(field('heading', `carers.${i}`, `Parent or carer ${i + 1}${i > 0 ? ' (leave blank if none)' : ''}`));
    out.push(field('text', `carers.${i}.name`, 'Name', { value: str(c.name), maxLength: NAME_MAX }));
    out.push(field('choice', `carers.${i}.relationship`, 'Relationship to the children', { value: str(c.relationship), choices: RELATIONSHIP_CHOICES }));
    out.push(field('text', `carers.${i}.language`, 'Main language', { value: str(c.language), maxLength: 50, placeholder: 'e.g. English' }));
    out.push(field('toggle', `carers.${i}.interpreter`, 'Needs an interpreter', { value: str(c.interpreter) === 'true' ? 'true' : 'false' }));
  }
  return out;
}

function sectionFields(id: SectionId, raw: RawSection, form: RequestForm, context: SectionContext): FieldView[] {
  const v = (key: string) => str(raw[key]);
  switch (id) {
    case 'family': return familyFields(raw, form);
    case 'address': return [
      field('text', 'line1', 'Address line 1', { value: v('line1'), maxLength: 100 }),
      field('text', 'line2', 'Address line 2 (optional)', { value: v('line2'), maxLength: 100 }),
      field('text', 'town', 'Town or city', { value: v('town'), maxLength: 60 }),
      field('text', 'postcode', 'Postcode (decides which hub gets the request)', { value: v('postcode'), maxLength: 10, placeholder: 'e.g. N11 1AA' }),
    ];
    case 'need': return [
      ...(form.fromCheck?.level ? [field('info', 'fromCheck', `Your threshold check suggested level ${form.fromCheck.level}${form.fromCheck.needs.length ? ` (needs: ${checkNeedWords(form)})` : ''}. If you choose a different level, say why.`)] : []),
      field('choice', 'level', 'Level of need', { value: v('level'), choices: LEVEL_CHOICES }),
      field('multiline', 'levelReason', 'Why this level (required if it differs from the check)', { value: v('levelReason'), maxLength: 1000 }),
      field('multiline', 'reason', 'Reason for the request: what is happening for the family', { value: v('reason'), maxLength: REASON_MAX }),
    ];
    case 'work': return [
      context.menu
        ? field('choice', 'intervention', `Agreed work, from the ${context.menu.hubName} Menu of Interventions`, { value: v('intervention'), choices: context.menu.interventions.map((i) => ({ title: i, value: i })) })
        : field('info', 'intervention', "Enter the family's postcode in the Address section first: the hub that covers it decides which interventions you can choose."),
      field('multiline', 'goals', 'Goals agreed with the family', { value: v('goals'), maxLength: GOALS_MAX }),
      field('text', 'timescaleWeeks', 'Timescale in weeks', { value: v('timescaleWeeks'), maxLength: 3, placeholder: 'e.g. 12' }),
    ];
    case 'consent': return [
      field('choice', 'familyAgreed', 'Has the family agreed to this request?', { value: v('familyAgreed'), choices: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }] }),
      field('toggle', 'informationSharingDiscussed', 'Information sharing has been discussed with the family', { value: v('informationSharingDiscussed') === 'true' ? 'true' : 'false' }),
      field('date', 'consentDate', 'Date the family agreed', { value: v('consentDate') }),
      field('info', 'lawfulBasisHint', 'If the family has not agreed, record the lawful basis for sharing and why.'),
      field('choice', 'lawfulBasis', 'Lawful basis (only if the family has not agreed)', { value: v('lawfulBasis'), choices: choicesOf(LAWFUL_BASES) }),
      field('multiline', 'lawfulBasisReason', 'Why share without agreement', { value: v('lawfulBasisReason'), maxLength: 1000 }),
    ];
    case 'safety': return [
      field('choice', 'visitRisks', 'Known risks for a worker visiting alone?', { value: v('visitRisks'), choices: [{ title: 'None known', value: 'none' }, { title: 'Yes', value: 'yes' }] }),
      field('multiline', 'riskDetails', 'The risks (e.g. dogs, a violent adult, access)', { value: v('riskDetails'), maxLength: 1000 }),
      field('choice', 'teamAroundFamily', 'Team Around the Family', { value: v('teamAroundFamily'), choices: TAF_CHOICES }),
      field('multiline', 'professionals', 'Other professionals involved (role and agency)', { value: v('professionals'), maxLength: 1000 }),
      field('text', 'referrerPhone', 'Your phone number (optional)', { value: v('referrerPhone'), maxLength: 20 }),
    ];
  }
}

/** The section's inputs with each problem placed on its field (a problem with no input of its own goes on the first). */
export function fieldsFor(id: SectionId, form: RequestForm, context: SectionContext, problems: FieldProblem[]): FieldView[] {
  const fields = sectionFields(id, form.sections[id] ?? {}, form, context);
  for (const p of problems) {
    const target = fields.find((f) => f.id === p.field) ?? fields.find((f) => f.kind !== 'info' && f.kind !== 'heading');
    if (target) target.error = target.error ? `${target.error} ${p.message}` : p.message;
  }
  return fields;
}

// The ids each section owns: anything else in a submit is ignored.
const OWNED: Record<SectionId, RegExp> = {
  family: /^(caseRef|children\.[0-9]\.(name|dob|dueDate|gender)|carers\.[0-9]\.(name|relationship|language|interpreter))$/,
  address: /^(line1|line2|town|postcode)$/,
  need: /^(level|levelReason|reason)$/,
  work: /^(intervention|goals|timescaleWeeks)$/,
  consent: /^(familyAgreed|informationSharingDiscussed|consentDate|lawfulBasis|lawfulBasisReason)$/,
  safety: /^(visitRisks|riskDetails|teamAroundFamily|professionals|referrerPhone)$/,
};

/** A card submit's flat values ("children.1.dob") as the section's nested values. */
export function sectionValues(id: SectionId, value: Record<string, unknown>): RawSection {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!OWNED[id].test(key) || typeof v !== 'string') continue;
    const parts = key.split('.');
    if (parts.length === 1) { out[key] = v; continue; }
    const [list, index, name] = parts as [string, string, string];
    const rows = (out[list] ??= []) as Record<string, string>[];
    const i = Number(index);
    for (let j = rows.length; j <= i; j++) rows.push({});
    rows[i]![name] = v;
  }
  return out;
}
