// Makes sure dist/ holds a build of the current sources (`npm run build`),
// for tests that run the production build; builds only when something
// changed. Two test runs at once are safe: scripts/build.ts serialises
// builds and swaps a finished dist/ in by rename.
import { build, ROOT } from '../../scripts/build.js';

export { ROOT };

/** Resolves to true when it had to build. */
export function ensureProductionBuild(): Promise<boolean> {
  return build({ ifStale: true });
}
