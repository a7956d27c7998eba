// Owns reading each step's card submit: untrusted strings in, validated
// answers out, or a message per field a practitioner understands. Toggles
// arrive as "true"/"false"; everything is length-limited.
import { z } from 'zod';
import { MAX_CHILD_AGE, areaForPostcode, type Policy } from '../policy/index.js';
import { TeamAroundFamilyChoice, RequestedSupportChoice, type CheckAnswers } from './answers.js';
import { hasReplacedCharacters, UNSTORABLE_TEXT_MESSAGE } from '../text/typed-text.js';

export type FieldErrors = Record<string, string>;
export type StepParse = { ok: true; patch: Partial<CheckAnswers> } | { ok: false; errors: FieldErrors };

const MAX_CHILDREN = 15;
const MAX_NOTE = 2000;
/** The needs step's "in your own words" box (issue 14). */
export const MAX_DESCRIPTION = 2000;
const CASE_REF = /^[A-Za-z0-9][A-Za-z0-9/_-]{2,29}$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

const toggle = z.preprocess((v) => (v === undefined || v === '' ? 'false' : v), z.enum(['true', 'false'])).transform((v) => v === 'true');
const text = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().max(max, `Keep this under ${max} characters.`))
  .refine((v) => !hasReplacedCharacters(v), UNSTORABLE_TEXT_MESSAGE).transform((v) => v.trim());

function collect(result: z.SafeParseReturnType<unknown, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  if (!result.success) for (const i of result.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
  return errors;
}

// Schemas are built once (per policy where they depend on it), not per submit:
// building one costs more than using it.
function safetySchema(policy: Policy) {
  const areaIds = policy.areas.areas.map((a) => a.id) as [string, ...string[]];
  return z.object({
    area: z.enum(areaIds, { errorMap: () => ({ message: 'Choose the area where the family lives.' }) }),
    immediateRisk: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Answer yes or no: is any child at immediate risk of significant harm?' }) }),
  });
}
const safetySchemas = new WeakMap<Policy, ReturnType<typeof safetySchema>>();

export function parseSafety(input: Record<string, unknown>, policy: Policy): { ok: true; area: string; immediateRisk: boolean } | { ok: false; errors: FieldErrors } {
  let schema = safetySchemas.get(policy);
  if (!schema) safetySchemas.set(policy, (schema = safetySchema(policy)));
  const r = schema.safeParse(input);
  return r.success ? { ok: true, area: r.data.area, immediateRisk: r.data.immediateRisk === 'yes' } : { ok: false, errors: collect(r) };
}

const INVOLVEMENT = z.object({
  existingInvolvement: z.enum(['none', 'social-care', 'early-help-plan'], { errorMap: () => ({ message: 'Choose whether the family is already open to a service.' }) }),
  allocatedWorker: toggle,
  involvementCaseRef: text(30).refine((v) => v === '' || CASE_REF.test(v), 'A case reference is 3–30 letters, digits, / - or _ (for example LCS-123456).'),
});

export function parseInvolvement(input: Record<string, unknown>): StepParse {
  const r = INVOLVEMENT.safeParse(input);
  if (!r.success) return { ok: false, errors: collect(r) };
  return { ok: true, patch: { existingInvolvement: r.data.existingInvolvement, referrerIsAllocatedWorker: r.data.allocatedWorker, involvementCaseRef: r.data.involvementCaseRef || undefined } };
}

/** "3, 5, unborn" → children. Returns an error message for the first bad item. */
export function parseChildren(raw: string): { ok: true; children: CheckAnswers['children'] } | { ok: false; message: string } {
  const items = raw.split(/[,;\n]+|\s+and\s+/i).map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (items.length === 0) return { ok: false, message: "Enter each child's age in whole years, separated by commas; write \"unborn\" for a pregnancy." };
  if (items.length > MAX_CHILDREN) return { ok: false, message: `Enter at most ${MAX_CHILDREN} children.` };
  const children: NonNullable<CheckAnswers['children']> = [];
  for (const item of items) {
    if (/^(unborn|pregnan\w*|expected|due)$/.test(item)) { children.push({ unborn: true }); continue; }
    const age = /^(\d{1,2})(\s*(years?|yrs?|y))?$/.exec(item);
    // Never repeat what was typed: the message is drawn on a card as markdown.
    if (!age) return { ok: false, message: `The ${ordinal(children.length + 1)} entry is not an age. Use whole years (e.g. 0 for a baby) or "unborn".` };
    const n = Number(age[1]);
    // The same limit as the 0–19 Request Form, so a check never promises what the form refuses.
    if (n > MAX_CHILD_AGE) {
      return { ok: false, message: `${n} is over ${MAX_CHILD_AGE}: these services work with children and young people up to their 20th birthday. If this young person is a parent, enter their child's age instead (or "unborn" for a pregnancy).` };
    }
    children.push({ age: n });
  }
  return { ok: true, children };
}

function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return words[n - 1] ?? `${n}th`;
}

const FAMILY = z.object({
  postcode: text(10),
  children: text(200),
  multipleBirth: toggle,
  caseRef: text(30),
});

export function parseFamily(input: Record<string, unknown>, area: string, policy: Policy): StepParse {
  const r = FAMILY.safeParse(input);
  if (!r.success) return { ok: false, errors: collect(r) };
  const errors: FieldErrors = {};
  const { postcode, caseRef } = r.data;
  if (postcode !== '') {
    if (!POSTCODE.test(postcode)) errors.postcode = 'Enter a full UK postcode, for example SG1 2AB, or leave it blank.';
    else {
      const found = areaForPostcode(postcode, policy.areas.areas);
      const areaName = policy.areas.areas.find((a) => a.id === area)?.name ?? area;
      if (found && found.id !== area) errors.postcode = `This postcode is in ${found.name}, but the check is for ${areaName}. Go back to change the area, or check the postcode.`;
      // The request routes by postcode: one outside the area would be refused there, so say so now.
      else if (!found) errors.postcode = `This postcode is not in ${areaName}, the area this check is for. Check the postcode, go back to change the area, or leave it blank.`;
    }
  }
  if (caseRef !== '' && !CASE_REF.test(caseRef)) errors.caseRef = 'A case reference is 3–30 letters, digits, / - or _ (for example LCS-123456).';
  const children = parseChildren(r.data.children);
  if (!children.ok) errors.children = children.message;
  if (Object.keys(errors).length > 0 || !children.ok) return { ok: false, errors };
  return {
    ok: true,
    patch: {
      postcode: postcode ? postcode.toUpperCase().replace(/\s+/g, '').replace(/(\d[A-Z]{2})$/, ' $1') : undefined,
      caseRef: caseRef || undefined,
      childrenText: r.data.children,
      children: children.children,
      multipleBirth: r.data.multipleBirth,
    },
  };
}

const NOTE = text(MAX_NOTE);
const DESCRIPTION = text(MAX_DESCRIPTION);

export function parseNeeds(input: Record<string, unknown>, policy: Policy): StepParse {
  const known = new Set(policy.catalogue.needs.map((n) => n.id));
  const errors: FieldErrors = {};
  const needs: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!key.startsWith('need.')) continue;
    const id = key.slice('need.'.length);
    if (!known.has(id)) { errors[key] = 'This need is not in the catalogue any more; untick it.'; continue; }
    if (value === 'true') needs.push(id);
    else if (value !== 'false' && value !== '') errors[key] = 'Tick or untick this need.';
  }
  const note = NOTE.safeParse(input.note);
  if (!note.success) errors.note = note.error.issues[0]?.message ?? 'Shorten the note.';
  const description = DESCRIPTION.safeParse(input.description);
  if (!description.success) errors.description = description.error.issues[0]?.message ?? 'Shorten the description.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: { needs: needs.sort(), note: note.success && note.data ? note.data : undefined, description: description.success && description.data ? description.data : undefined } };
}

const CONTEXT = z.object({
  informationSharingDiscussed: toggle,
  teamAroundFamily: z.preprocess((v) => (v === undefined || v === '' ? 'none' : v), TeamAroundFamilyChoice, { errorMap: () => ({ message: 'Choose where the lead professional sits, or "No TAF".' }) }),
  steppingDown: toggle,
  courtProceedings: toggle,
  childProtectionPlan: toggle,
  interpreterNeeded: toggle,
  requestedSupport: z.preprocess((v) => v ?? '', RequestedSupportChoice, { errorMap: () => ({ message: 'Choose the kind of support being asked for, or leave it blank.' }) }),
});

export function parseContext(input: Record<string, unknown>): StepParse {
  const r = CONTEXT.safeParse(input);
  if (!r.success) return { ok: false, errors: collect(r) };
  return { ok: true, patch: r.data };
}

/** Only the string inputs of a submit, for keeping what a user typed when they go Back. */
export function rawInputs(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string' && k !== 'verb' && k.length < 80) out[k] = v.slice(0, k === 'description' ? MAX_DESCRIPTION : MAX_NOTE);
  return out;
}
