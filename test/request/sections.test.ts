// Every validation message of the 0–19 request form, each named on its field.
import { describe, expect, it } from 'vitest';
import {
  validateSection, validateForm, type SectionContext, type SectionId, type RequestForm,
} from '../../src/domain/request/index.js';
import { validFamily } from './support.js';

const ctx: SectionContext = {
  today: '2026-03-02',
  suggestedLevel: null,
  menu: { hubName: 'Barnet North 0-19 Hub (demo)', interventions: ['Parenting group programme', 'Family support work'] },
};

function problemOn(section: SectionId, values: Record<string, unknown>, context: SectionContext = ctx): Record<string, string> {
  const r = validateSection(section, values, context);
  return r.ok ? {} : Object.fromEntries(r.problems.map((p) => [p.field, p.message]));
}

const family = (child: Record<string, string> = {}, rest: Record<string, unknown> = {}) => ({
  caseRef: 'LCS-100200',
  children: [{ name: 'Sam Example', dob: '2021-05-14', dueDate: '', gender: 'female', ...child }],
  carers: [{ name: 'Alex Example', relationship: 'mother', language: 'English', interpreter: 'false' }],
  ...rest,
});

describe('family and children', () => {
  it('accepts a valid family and ignores blank spare rows', () => {
    const r = validateSection('family', { ...family(), children: [...family().children, { name: '', dob: '', dueDate: '', gender: '' }] }, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { children: unknown[] }).children).toHaveLength(1);
  });

  it.each([
    ['a case reference that is too short', family({}, { caseRef: 'X' }), 'caseRef', /case reference from the case management system/],
    ['no children', family({ name: '', dob: '', gender: '' }), 'children.0.name', /Add at least one child/],
    ['neither date', family({ dob: '' }), 'children.0.dob', /Enter the date of birth, or the expected due date/],
    ['both dates', family({ dueDate: '2026-06-01' }), 'children.0.dueDate', /not both/],
    ['a malformed date of birth', family({ dob: '2021-02-30' }), 'children.0.dob', /as a date/],
    ['a date of birth in the future', family({ dob: '2026-03-03' }), 'children.0.dob', /can't be in the future/],
    ['a young person over 19', family({ dob: '2006-03-01' }), 'children.0.dob', /This young person is 20: 0–19 hubs work with children and young people up to 19/],
    ['a due date that has passed', family({ dob: '', dueDate: '2026-03-01', name: '' }), 'children.0.dueDate', /has passed/],
    ['a due date too far ahead', family({ dob: '', dueDate: '2027-03-01', name: '' }), 'children.0.dueDate', /more than 43 weeks away/],
    ['a malformed due date', family({ dob: '', dueDate: 'soon', name: '' }), 'children.0.dueDate', /as a date/],
    ['a born child with no name', family({ name: '' }), 'children.0.name', /Enter the child's name/],
    ['no gender', family({ gender: '' }), 'children.0.gender', /Choose the child's gender/],
    ['a name that is too long', family({ name: 'x'.repeat(101) }), 'children.0.name', /under 100 characters/],
    ['no carers', family({}, { carers: [] }), 'carers.0.name', /Add at least one parent or carer/],
    ['a carer with no name', family({}, { carers: [{ name: '', relationship: 'mother', language: 'English' }] }), 'carers.0.name', /parent or carer's name/],
    ['a carer with no relationship', family({}, { carers: [{ name: 'A', relationship: '', language: 'English' }] }), 'carers.0.relationship', /how they are related/],
    ['a carer with no language', family({}, { carers: [{ name: 'A', relationship: 'father', language: '' }] }), 'carers.0.language', /main language/],
  ])('names %s on its field', (_name, values, field, message) => {
    expect(problemOn('family', values)[field]).toMatch(message);
  });

  it('accepts an unborn baby with no name and 19-year-olds', () => {
    expect(problemOn('family', family({ name: '', dob: '', dueDate: '2026-08-01', gender: 'not-known' }))).toEqual({});
    expect(problemOn('family', family({ dob: '2006-03-03' }))).toEqual({});
  });
});

describe('address', () => {
  it.each([
    [{ line1: '', town: 'London', postcode: 'N11 1AA' }, 'line1', /first line of the address/],
    [{ line1: '1 Road', town: '', postcode: 'N11 1AA' }, 'town', /town or city/],
    [{ line1: '1 Road', town: 'London', postcode: '' }, 'postcode', /decides which hub/],
    [{ line1: '1 Road', town: 'London', postcode: 'NOT A CODE' }, 'postcode', /full UK postcode/],
  ])('names the problem on %#', (values, field, message) => {
    expect(problemOn('address', values)[field]).toMatch(message);
  });

  it('normalises the postcode', () => {
    const r = validateSection('address', { line1: '1 Road', town: 'London', postcode: 'n111aa' }, ctx);
    expect(r.ok && (r.value as { postcode: string }).postcode).toBe('N11 1AA');
  });
});

describe('level of need and agreed work', () => {
  it.each([
    [{ level: '', reason: 'A good reason here' }, 'level', /Choose the level of need/],
    [{ level: '2', reason: 'short' }, 'reason', /at least 10 characters/],
    [{ level: '2', reason: 'x'.repeat(2001) }, 'reason', /under 2000 characters/],
  ])('need %#', (values, field, message) => {
    expect(problemOn('need', values)[field]).toMatch(message);
  });

  it('asks why when the level differs from the check', () => {
    const fromCheck = { ...ctx, suggestedLevel: 2 };
    expect(problemOn('need', { level: '3', reason: 'A good reason here' }, fromCheck).levelReason).toMatch(/The check suggested level 2 and you chose level 3: say why/);
    expect(problemOn('need', { level: '3', levelReason: 'Escalating concerns', reason: 'A good reason here' }, fromCheck)).toEqual({});
  });

  it.each([
    [{ intervention: '', goals: 'g', timescaleWeeks: '12' }, ctx, 'intervention', /Choose the work agreed with the family from the Barnet North/],
    [{ intervention: 'Court report', goals: 'g', timescaleWeeks: '12' }, ctx, 'intervention', /That work is not on the Barnet North 0-19 Hub \(demo\) Menu of Interventions/],
    [{ intervention: 'Family support work', goals: 'g', timescaleWeeks: '12' }, { ...ctx, menu: null }, 'intervention', /postcode in the Address section first/],
    [{ intervention: 'Family support work', goals: '', timescaleWeeks: '12' }, ctx, 'goals', /goals agreed with the family/],
    [{ intervention: 'Family support work', goals: 'g', timescaleWeeks: '0' }, ctx, 'timescaleWeeks', /whole number from 1 to 52/],
    [{ intervention: 'Family support work', goals: 'g', timescaleWeeks: 'six' }, ctx, 'timescaleWeeks', /whole number from 1 to 52/],
  ])('work %#', (values, context, field, message) => {
    expect(problemOn('work', values, context)[field]).toMatch(message);
  });
});

describe('consent and lawful basis (DOMAIN.md §8)', () => {
  it.each([
    [{ familyAgreed: '' }, 'familyAgreed', /whether the family agreed/],
    [{ familyAgreed: 'yes', informationSharingDiscussed: 'false', consentDate: '2026-03-01' }, 'informationSharingDiscussed', /must be discussed with the family before you file/],
    [{ familyAgreed: 'yes', informationSharingDiscussed: 'true', consentDate: '' }, 'consentDate', /Enter the date the family agreed/],
    [{ familyAgreed: 'yes', informationSharingDiscussed: 'true', consentDate: '2026-03-03' }, 'consentDate', /can't be in the future/],
    [{ familyAgreed: 'yes', informationSharingDiscussed: 'true', consentDate: '3rd March' }, 'consentDate', /as a date/],
    [{ familyAgreed: 'no', lawfulBasis: '', lawfulBasisReason: 'A long enough reason for sharing' }, 'lawfulBasis', /Article 6\(1\)\(e\)/],
    [{ familyAgreed: 'no', lawfulBasis: 'public-task', lawfulBasisReason: 'too short' }, 'lawfulBasisReason', /explain why you are sharing without their agreement/],
  ])('consent %#', (values, field, message) => {
    expect(problemOn('consent', values)[field]).toMatch(message);
  });

  it('accepts sharing without agreement on a lawful basis with a reason', () => {
    expect(problemOn('consent', { familyAgreed: 'no', lawfulBasis: 'public-task', lawfulBasisReason: 'Safeguarding concerns need early help now' })).toEqual({});
  });
});

describe('visit risks and other professionals', () => {
  it.each([
    [{ visitRisks: '', teamAroundFamily: 'none' }, 'visitRisks', /known risks for a worker visiting alone/],
    [{ visitRisks: 'yes', riskDetails: '', teamAroundFamily: 'none' }, 'riskDetails', /Describe the risks/],
    [{ visitRisks: 'none', teamAroundFamily: '' }, 'teamAroundFamily', /Team Around the Family/],
    [{ visitRisks: 'none', teamAroundFamily: 'none', referrerPhone: 'call me' }, 'referrerPhone', /UK phone number/],
    [{ visitRisks: 'none', teamAroundFamily: 'none', professionals: 'x'.repeat(1001) }, 'professionals', /under 1000 characters/],
  ])('safety %#', (values, field, message) => {
    expect(problemOn('safety', values)[field]).toMatch(message);
  });
});

describe('the whole form', () => {
  it('reports every section with problems at once', () => {
    const form: RequestForm = { sections: { family: family() } };
    const r = validateForm(form, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.sections.map((s) => s.section)).toEqual(['address', 'need', 'work', 'consent', 'safety']);
  });

  it('passes the test family', () => {
    const sections = Object.fromEntries(Object.entries(validFamily).map(([k, v]) => [k, unflat(v)]));
    // The conversation fixtures live in 2099 (see support.ts).
    expect(validateForm({ sections }, { ...ctx, today: '2099-03-02' }).ok).toBe(true);
  });
});

function unflat(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const [list, i, name] = k.split('.');
    if (!name) { out[k] = v; continue; }
    const rows = (out[list!] ??= []) as Record<string, string>[];
    (rows[Number(i)] ??= {})[name] = v;
  }
  return out;
}
