// Owns the shape of the needs catalogue (policies/needs-catalogue.json): the
// indicators a practitioner can record, grouped by the three domains of the
// assessment triangle, each with a default level and plain-English help.
import { z } from 'zod';
import { LevelSchema, NeedDomainSchema, SourceSchema, TextSchema } from './vocabulary.js';

/** "cd.behaviour": a domain prefix, a dot, lower-case words joined by hyphens. */
export const NeedIdSchema = z
  .string()
  .regex(/^[a-z]{2}\.[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a need id is a two-letter domain prefix, a dot and hyphenated words, e.g. "cd.behaviour"');

export const NeedDomainEntrySchema = z
  .object({
    id: NeedDomainSchema,
    /** Every need id in this domain starts with this prefix and a dot. */
    prefix: z.string().regex(/^[a-z]{2}$/, 'a two-letter prefix such as "cd"'),
    label: TextSchema,
  })
  .strict();

export const NeedSchema = z
  .object({
    id: NeedIdSchema,
    domain: NeedDomainSchema,
    defaultLevel: LevelSchema,
    label: TextSchema,
    help: TextSchema,
  })
  .strict();

export const NeedsCatalogueSchema = z
  .object({
    source: SourceSchema,
    domains: z.array(NeedDomainEntrySchema).min(1),
    needs: z.array(NeedSchema).min(1),
  })
  .strict();

export type NeedDomainEntry = z.infer<typeof NeedDomainEntrySchema>;
export type Need = z.infer<typeof NeedSchema>;
export type NeedsCatalogue = z.infer<typeof NeedsCatalogueSchema>;
