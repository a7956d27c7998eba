// Owns reading the booking form and the "propose another time" inputs as a
// social worker or practitioner typed them: every problem is named against
// its field, so the card can be shown again with the values kept.
import { z } from 'zod';
import type { FieldProblem } from '../field-problem.js';
import { isIsoDate, parseIsoDate, instantAt } from '../time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../time/london.js';
import { normalisePostcode } from '../directory/lookup.js';
import { hasReplacedCharacters, UNSTORABLE_TEXT_MESSAGE } from '../text/typed-text.js';
import { BookingTypeSchema, CaseRefSchema, FREE_TEXT_MAX, ReassignReasonSchema, type BookingType, type ReassignReason } from './schema.js';

export type { FieldProblem };
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** Free text a person typed: refused (with the field named) when it holds a character that cannot be saved. */
const unstorable = (field: string, value: string): FieldProblem[] => (hasReplacedCharacters(value) ? [{ field, message: UNSTORABLE_TEXT_MESSAGE }] : []);
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:00)?$/;

/** A London wall-clock date ('YYYY-MM-DD') and time ('HH:mm') as an instant, or undefined. */
export function londonInstant(date: string, time: string): Date | undefined {
  const m = TIME.exec(time);
  if (!isIsoDate(date) || !m) return undefined;
  return instantAt(parseIsoDate(date), Number(m[1]), Number(m[2]), LONDON_TIME_ZONE);
}

export interface BookingFormValues {
  readonly hubId: string;
  readonly type: BookingType;
  readonly visitAt: Date;
  readonly caseRef: string;
  readonly purpose: string;
  readonly risks: string;
}

export function parseBookingForm(raw: Record<string, unknown>): Parsed<BookingFormValues> {
  const problems: FieldProblem[] = [];
  const hubId = text(raw.hubId);
  if (!hubId) problems.push({ field: 'hubId', message: "Choose a hub (or enter the family's postcode and press Suggest hub)." });
  const type = BookingTypeSchema.safeParse(text(raw.type));
  if (!type.success) problems.push({ field: 'type', message: 'Choose a joint home visit, a virtual joint visit or a consultation.' });
  const visitAt = londonInstant(text(raw.visitDate), text(raw.visitTime));
  if (!isIsoDate(text(raw.visitDate))) problems.push({ field: 'visitDate', message: 'Enter the date of the visit.' });
  else if (!visitAt) problems.push({ field: 'visitTime', message: 'Enter the start time, such as 10:00.' });
  const caseRef = CaseRefSchema.safeParse(text(raw.caseRef));
  if (!caseRef.success) problems.push({ field: 'caseRef', message: 'Enter the case reference from the case management system: 3–30 letters or digits, e.g. LCS123456.' });
  const purpose = text(raw.purpose);
  if (!purpose || purpose.length > FREE_TEXT_MAX) problems.push({ field: 'purpose', message: `Say what the visit is for (up to ${FREE_TEXT_MAX} characters).` });
  else problems.push(...unstorable('purpose', purpose));
  const risks = text(raw.risks);
  if (!risks || risks.length > FREE_TEXT_MAX) problems.push({ field: 'risks', message: `List the known risks for the practitioner's risk assessment, or write "None known" (up to ${FREE_TEXT_MAX} characters).` });
  else problems.push(...unstorable('risks', risks));
  const postcode = text(raw.postcode);
  if (postcode && !normalisePostcode(postcode)) problems.push({ field: 'postcode', message: 'That is not a UK postcode; leave it empty or enter one such as N11 1AA.' });
  if (problems.length > 0 || !type.success || !caseRef.success || !visitAt) return { ok: false, problems };
  return { ok: true, value: { hubId, type: type.data, visitAt, caseRef: caseRef.data, purpose, risks } };
}

export function parseProposedTime(raw: Record<string, unknown>): Parsed<Date> {
  const date = text(raw.proposeDate);
  const at = londonInstant(date, text(raw.proposeTime));
  if (!isIsoDate(date)) return { ok: false, problems: [{ field: 'proposeDate', message: 'Enter the date you propose.' }] };
  if (!at) return { ok: false, problems: [{ field: 'proposeTime', message: 'Enter the start time you propose, such as 14:00.' }] };
  return { ok: true, value: at };
}

export function parseReason(raw: unknown, field: string, what: string): Parsed<string> {
  const reason = text(raw);
  if (!reason || reason.length > FREE_TEXT_MAX) return { ok: false, problems: [{ field, message: `Give ${what} (up to ${FREE_TEXT_MAX} characters).` }] };
  const broken = unstorable(field, reason);
  return broken.length > 0 ? { ok: false, problems: broken } : { ok: true, value: reason };
}

export function parseReassignRequest(raw: Record<string, unknown>): Parsed<{ reason: ReassignReason; note: string }> {
  const reason = ReassignReasonSchema.safeParse(text(raw.reassignReason));
  const note = text(raw.reassignNote);
  if (!reason.success) return { ok: false, problems: [{ field: 'reassignReason', message: 'Choose why another practitioner would be better suited: gender, specialism, workload or leave.' }] };
  if (note.length > FREE_TEXT_MAX) return { ok: false, problems: [{ field: 'reassignNote', message: `Keep the note to ${FREE_TEXT_MAX} characters.` }] };
  if (hasReplacedCharacters(note)) return { ok: false, problems: unstorable('reassignNote', note) };
  return { ok: true, value: { reason: reason.data, note } };
}

export const BookingIdSchema = z.string().uuid();
