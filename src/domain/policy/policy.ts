// Owns the Policy bundle (sources + catalogue + levels + areas + service packs)
// that the threshold engine reads, and the names of the files it is loaded from.
import { z } from 'zod';
import { AreasPolicySchema } from './areas.js';
import { NeedsCatalogueSchema } from './catalogue.js';
import { LevelsPolicySchema } from './levels.js';
import { ServicePackSchema } from './service-pack.js';
import { SourcesPolicySchema } from './sources.js';

export const PolicySchema = z
  .object({
    sources: SourcesPolicySchema,
    catalogue: NeedsCatalogueSchema,
    levels: LevelsPolicySchema,
    areas: AreasPolicySchema,
    /** In a stable order (by file name), which is the order results list them. */
    services: z.array(ServicePackSchema),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;

/** Where each part lives inside a policy directory. */
export const POLICY_FILES = {
  sources: 'sources.json',
  catalogue: 'needs-catalogue.json',
  levels: 'levels.json',
  areas: 'areas.json',
  servicesDir: 'services',
} as const;

export function serviceFileName(serviceId: string): string {
  return `${POLICY_FILES.servicesDir}/${serviceId}.json`;
}
