// Owns the first section of the 0–19 Request Form (the form's fields are a product design): the case
// reference, the children (name, date of birth or expected due date, gender)
// and the parents/carers with their language and interpreter need. Rows left
// completely blank are ignored, so a card can always offer a spare row.
import { z } from 'zod';
import { addProblem, ageInYears, cardFlag, cardRows, cardText, compareIsoDates, isIsoDate, isoDaysAfter, runSchema, type SectionContext, type SectionResult } from './field-rules.js';

/** A 0–19 service: children and young people up to their 20th birthday (Barnet One Service Response protocol, 1.2). */
export const REQUEST_MAX_AGE = 19;
/** Card rows offered; a family with more children than this is filed with a note in the reason. */
export const MAX_CHILD_ROWS = 6;
export const MAX_CARER_ROWS = 3;
/** A due date further ahead than a full-term pregnancy (42 weeks) plus a week is a typing mistake. */
export const DUE_DATE_MAX_DAYS_AHEAD = 43 * 7;
export const NAME_MAX = 100;

export const GENDERS = ['female', 'male', 'other', 'not-known'] as const;
export const RELATIONSHIPS = ['mother', 'father', 'step-parent', 'grandparent', 'foster-carer', 'other-carer'] as const;
export type Gender = (typeof GENDERS)[number];
export type Relationship = (typeof RELATIONSHIPS)[number];

// Case references from LCS/EHM and similar systems: letters, digits, - and /.
const CASE_REF = /^[A-Za-z0-9][A-Za-z0-9/-]{2,29}$/;
export const CASE_REF_MESSAGE = 'Enter the case reference from the case management system (for example an LCS or EHM id): 3 to 30 letters, numbers, - or /';

const childRow = z.object({
  name: cardText(NAME_MAX, `Keep the child's name under ${NAME_MAX} characters`),
  dob: cardText(10, 'Enter the date of birth as a date'),
  dueDate: cardText(10, 'Enter the expected due date as a date'),
  gender: cardText(20, 'Choose a gender from the list'),
});

const carerRow = z.object({
  name: cardText(NAME_MAX, `Keep the name under ${NAME_MAX} characters`),
  relationship: cardText(20, 'Choose a relationship from the list'),
  language: cardText(50, 'Keep the language under 50 characters'),
  interpreter: cardFlag,
});

type ChildRow = z.infer<typeof childRow>;
type CarerRow = z.infer<typeof carerRow>;

export interface RequestChild { name: string; dob: string | null; dueDate: string | null; gender: Gender }
export interface RequestCarer { name: string; relationship: Relationship; language: string; interpreter: boolean }
export interface FamilySection { caseRef: string; children: RequestChild[]; carers: RequestCarer[] }

const isBlankChild = (c: ChildRow) => !c.name && !c.dob && !c.dueDate;
const isBlankCarer = (c: CarerRow) => !c.name && !c.relationship && !c.language;

function checkChild(child: ChildRow, i: number, today: string, ctx: z.RefinementCtx): void {
  const at = (field: string) => ['children', i, field];
  const unborn = child.dueDate !== '' && child.dob === '';
  if (child.dob && child.dueDate) {
    addProblem(ctx, at('dueDate'), 'Give a date of birth or an expected due date, not both');
  } else if (!child.dob && !child.dueDate) {
    addProblem(ctx, at('dob'), 'Enter the date of birth, or the expected due date if the baby is not born yet');
  } else if (child.dob) {
    if (!isIsoDate(child.dob)) addProblem(ctx, at('dob'), 'Enter the date of birth as a date, for example 2019-03-14');
    else if (compareIsoDates(child.dob, today) > 0) addProblem(ctx, at('dob'), "The date of birth can't be in the future. If the baby is not born yet, enter the expected due date instead");
    else {
      const age = ageInYears(child.dob, today);
      if (age > REQUEST_MAX_AGE) addProblem(ctx, at('dob'), `This young person is ${age}: 0–19 hubs work with children and young people up to ${REQUEST_MAX_AGE} (their 20th birthday)`);
    }
  } else if (!isIsoDate(child.dueDate)) {
    addProblem(ctx, at('dueDate'), 'Enter the expected due date as a date, for example 2026-05-01');
  } else if (compareIsoDates(child.dueDate, today) < 0) {
    addProblem(ctx, at('dueDate'), 'The expected due date has passed. If the baby has been born, enter their date of birth instead');
  } else if (compareIsoDates(child.dueDate, isoDaysAfter(today, DUE_DATE_MAX_DAYS_AHEAD)) > 0) {
    addProblem(ctx, at('dueDate'), 'The expected due date is more than 43 weeks away: check the date');
  }
  if (!child.name && !unborn) addProblem(ctx, at('name'), "Enter the child's name");
  if (!(GENDERS as readonly string[]).includes(child.gender)) {
    addProblem(ctx, at('gender'), "Choose the child's gender (choose 'Not known yet' for an unborn baby)");
  }
}

function checkCarer(carer: CarerRow, i: number, ctx: z.RefinementCtx): void {
  const at = (field: string) => ['carers', i, field];
  if (!carer.name) addProblem(ctx, at('name'), "Enter the parent or carer's name");
  if (!(RELATIONSHIPS as readonly string[]).includes(carer.relationship)) addProblem(ctx, at('relationship'), 'Choose how they are related to the children');
  if (!carer.language) addProblem(ctx, at('language'), 'Enter the main language they speak, for example English');
}

export function familySchema(context: SectionContext) {
  return z
    .object({
      caseRef: cardText(30, CASE_REF_MESSAGE),
      children: cardRows(childRow, MAX_CHILD_ROWS),
      carers: cardRows(carerRow, MAX_CARER_ROWS),
    })
    .superRefine((s, ctx) => {
      if (!CASE_REF.test(s.caseRef)) addProblem(ctx, ['caseRef'], CASE_REF_MESSAGE);
      if (s.children.every(isBlankChild)) addProblem(ctx, ['children', 0, 'name'], 'Add at least one child (for an unborn baby, give the expected due date)');
      s.children.forEach((c, i) => { if (!isBlankChild(c)) checkChild(c, i, context.today, ctx); });
      if (s.carers.every(isBlankCarer)) addProblem(ctx, ['carers', 0, 'name'], 'Add at least one parent or carer');
      s.carers.forEach((c, i) => { if (!isBlankCarer(c)) checkCarer(c, i, ctx); });
    })
    .transform((s): FamilySection => ({
      caseRef: s.caseRef.toUpperCase(),
      children: s.children.filter((c) => !isBlankChild(c)).map((c) => ({ name: c.name, dob: c.dob || null, dueDate: c.dueDate || null, gender: c.gender as Gender })),
      carers: s.carers.filter((c) => !isBlankCarer(c)).map((c) => ({ name: c.name, relationship: c.relationship as Relationship, language: c.language, interpreter: c.interpreter })),
    }));
}

export function validateFamily(raw: unknown, context: SectionContext): SectionResult<FamilySection> {
  return runSchema(familySchema(context), raw);
}
