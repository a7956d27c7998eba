// Owns the shape of the people-and-places directory: hubs, DAT teams and the
// people who use the bot with their roles. Loaded from configuration, never
// from anything a card carries.
import { z } from 'zod';

export const RoleSchema = z.enum(['social-worker', 'hub-practitioner', 'hub-manager', 'dat-manager', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const GradeSchema = z.enum(['F', 'G', 'H', 'I', 'J']);

// Barnet One Service Response protocol 2.4: three visits/cases per hub per week, reviewed by managers.
export const OSR_WEEKLY_CAP_DEFAULT = 3;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use lower-case letters, digits and hyphens');

export const HubSchema = z.object({
  id,
  name: z.string().min(1).max(100),
  area: z.string().min(1),
  /** Outward codes (e.g. "N11") or districts ("PL4") the hub covers. Longest prefix wins. */
  postcodePrefixes: z.array(z.string().regex(/^[A-Z]{1,2}\d[A-Z\d]?$|^[A-Z]{1,2}$/, 'an outward code such as N11 or PL4')).min(1),
  weeklyCap: z.number().int().min(0).max(50).default(OSR_WEEKLY_CAP_DEFAULT),
  interventions: z.array(z.string().min(1)).default([]),
  /**
   * The service (policy pack id) this hub delivers: its timescales drive the
   * reminders of requests routed here, and its request terms apply.
   */
  service: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a service pack id from policies/services, e.g. "home-start-herts"').optional(),
  /** True for a team requests reach only when the referrer chose its service (e.g. a city-wide targeted team), never by postcode alone. */
  onlyWhenChosen: z.boolean().default(false),
  /** Which of the interventions are parenting programmes: their sessions are counted against the service's parenting offer. */
  parentingInterventions: z.array(z.string().min(1)).default([]),
});

export const DatTeamSchema = z.object({ id, name: z.string().min(1).max(100), area: z.string().min(1) });

export const PersonSchema = z.object({
  aadObjectId: z.string().min(1),
  displayName: z.string().min(1).max(100),
  roles: z.array(RoleSchema).min(1),
  hubId: id.optional(),
  datTeamId: id.optional(),
  grade: GradeSchema.optional(),
  team: z.string().max(100).optional(),
});

export const DirectorySchema = z.object({
  tenantId: z.string().min(1),
  hubs: z.array(HubSchema).min(1),
  datTeams: z.array(DatTeamSchema).default([]),
  people: z.array(PersonSchema).default([]),
});

export type Hub = z.infer<typeof HubSchema>;
export type DatTeam = z.infer<typeof DatTeamSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Directory = z.infer<typeof DirectorySchema>;
