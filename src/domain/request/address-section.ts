// Owns the address section of the request: the family's address and UK
// postcode. The postcode decides the hub (routing.ts); this only checks that
// it is a postcode and normalises it to "OUTWARD INWARD".
import { z } from 'zod';
import { normalisePostcode } from '../directory/lookup.js';
import { addProblem, cardText, runSchema, type SectionResult } from './field-rules.js';

export interface AddressSection { line1: string; line2: string; town: string; postcode: string }

export const POSTCODE_MESSAGE = 'Enter a full UK postcode, for example N11 1AA';

export const addressSchema = z
  .object({
    line1: cardText(100, 'Keep the first line of the address under 100 characters'),
    line2: cardText(100, 'Keep the second line of the address under 100 characters'),
    town: cardText(60, 'Keep the town under 60 characters'),
    postcode: cardText(10, POSTCODE_MESSAGE),
  })
  .superRefine((s, ctx) => {
    if (!s.line1) addProblem(ctx, ['line1'], 'Enter the first line of the address');
    if (!s.town) addProblem(ctx, ['town'], 'Enter the town or city');
    if (!s.postcode) addProblem(ctx, ['postcode'], "Enter the family's postcode: it decides which hub gets the request");
    else if (!normalisePostcode(s.postcode)) addProblem(ctx, ['postcode'], POSTCODE_MESSAGE);
  })
  .transform((s): AddressSection => ({ ...s, postcode: normalisePostcode(s.postcode) ?? s.postcode }));

export function validateAddress(raw: unknown): SectionResult<AddressSection> {
  return runSchema(addressSchema, raw);
}
