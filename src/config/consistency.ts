// Owns the start-up checks that need the directory and the policy together:
// hubs must sit in the areas and services the policy knows (a DirectoryError
// otherwise), and in production every area must have a front door number, so
// the immediate-risk card always shows a way to reach it.
import type { AppConfig } from './env.js';
import { DirectoryError } from './load-directory.js';
import type { Directory } from '../domain/directory/schema.js';
import { directoryProblemsAgainstPolicy } from '../domain/directory/against-policy.js';
import type { Policy } from '../domain/policy/index.js';
import { areasWithoutFrontDoor } from '../domain/threshold/index.js';

export class FrontDoorMissingError extends Error {
  readonly code = 'FRONT_DOOR_MISSING';
  constructor(readonly policyDir: string, readonly areaIds: readonly string[]) {
    super(
      `Production needs a front door number for every area, so the immediate-risk card can always show one. ` +
        `Missing in ${policyDir}/areas.json: ${areaIds.map((id) => `"${id}"`).join(', ')}. ` +
        `Set frontDoor.name and frontDoor.phone to the council's public children's services number (with its source), or remove the area.`,
    );
    this.name = 'FrontDoorMissingError';
  }
}

export function assertConsistentConfiguration(config: Pick<AppConfig, 'APP_ENV' | 'POLICY_DIR' | 'directoryFile'>, directory: Directory, policy: Policy): void {
  const problems = directoryProblemsAgainstPolicy(directory, policy);
  if (problems.length > 0) throw new DirectoryError(config.directoryFile, problems);
  if (config.APP_ENV === 'production') {
    const missing = areasWithoutFrontDoor(policy.areas);
    if (missing.length > 0) throw new FrontDoorMissingError(config.POLICY_DIR, missing.map((area) => area.id));
  }
}
