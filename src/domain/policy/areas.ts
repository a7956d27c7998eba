// Owns the shape of the areas file (policies/areas.json): each council area's
// display name, its children's services front door (only public numbers from
// the source documents), and the postcode outward codes used to find a family's area.
import { z } from 'zod';
import { SourceSchema, StableIdSchema, TextSchema } from './vocabulary.js';

/** UK phone numbers as printed in the source documents, e.g. "01438 737511"; empty when a document gives none. */
const PhoneSchema = z
  .string()
  .regex(/^$|^0\d{2,4} ?\d{3,4} ?\d{3,4}$/, 'a UK number such as "01438 737511", or "" when no public number is known');

export const ContactSchema = z
  .object({
    /** May be empty: the engine then says "your local children's services front door". */
    name: z.string().trim(),
    phone: PhoneSchema,
    source: SourceSchema,
  })
  .strict();

/**
 * "AL" covers the whole AL postcode area; "SG1" covers exactly the SG1
 * district (not SG10). A district entry beats an area entry.
 */
export const OutwardCodeSchema = z
  .string()
  .regex(/^[A-Z]{1,2}(?:\d[A-Z\d]?)?$/, 'a postcode area such as "AL" or an outward code such as "SG1", in capitals');

export const AreaSchema = z
  .object({
    id: StableIdSchema,
    name: TextSchema,
    council: TextSchema,
    frontDoor: ContactSchema,
    /** Other public numbers, e.g. Hertfordshire's district partnership teams. */
    localContacts: z.array(ContactSchema).default([]),
    outwardCodes: z.array(OutwardCodeSchema).min(1),
  })
  .strict();

export const AreasPolicySchema = z.object({ areas: z.array(AreaSchema).min(1) }).strict();

export type Contact = z.infer<typeof ContactSchema>;
export type Area = z.infer<typeof AreaSchema>;
export type AreasPolicy = z.infer<typeof AreasPolicySchema>;

const POSTCODE = /^([A-Z]{1,2})(\d[A-Z\d]?)(?:\s*\d[A-Z]{2})?$/;

/**
 * The area whose table covers a postcode ("SG1 2AB" or just "SG1"), or null.
 * Exact districts are tried before whole postcode areas so that, say, a
 * Barnet "EN4" entry wins over a wider "EN".
 */
export function areaForPostcode(postcode: string, areas: readonly Area[]): Area | null {
  const match = POSTCODE.exec(postcode.trim().toUpperCase().replace(/\s+/g, ' '));
  if (!match) return null;
  const letters = match[1] ?? '';
  const outward = letters + (match[2] ?? '');
  return (
    areas.find((area) => area.outwardCodes.includes(outward)) ??
    areas.find((area) => area.outwardCodes.includes(letters)) ??
    null
  );
}
