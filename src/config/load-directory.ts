// Owns loading the directory file: zod-validated, with every problem named by
// its path, plus cross-references (a person's hub and team must exist).
import { readFileSync } from 'node:fs';
import { DirectorySchema, type Directory } from '../domain/directory/schema.js';

export class DirectoryError extends Error {
  readonly code = 'DIRECTORY_INVALID';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`Directory file ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadDirectory(file: string): Directory {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DirectoryError(file, [`cannot read JSON: ${(err as Error).message}`]);
  }
  const parsed = DirectorySchema.safeParse(raw);
  if (!parsed.success) {
    throw new DirectoryError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const dir = parsed.data;
  const problems: string[] = [];
  const hubIds = new Set(dir.hubs.map((h) => h.id));
  const teamIds = new Set(dir.datTeams.map((t) => t.id));
  const people = new Set<string>();
  dir.people.forEach((p, i) => {
    if (p.hubId && !hubIds.has(p.hubId)) problems.push(`people.${i}.hubId: unknown hub "${p.hubId}"`);
    if (p.datTeamId && !teamIds.has(p.datTeamId)) problems.push(`people.${i}.datTeamId: unknown DAT team "${p.datTeamId}"`);
    if (people.has(p.aadObjectId)) problems.push(`people.${i}.aadObjectId: duplicate`);
    people.add(p.aadObjectId);
    if ((p.roles.includes('hub-practitioner') || p.roles.includes('hub-manager')) && !p.hubId) {
      problems.push(`people.${i}.hubId: hub staff need a hub`);
    }
  });
  if (problems.length > 0) throw new DirectoryError(file, problems);
  return dir;
}
