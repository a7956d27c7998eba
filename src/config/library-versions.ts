// Owns reading which version of a library is installed, for the start-up
// checks of modules that rely on a library's internals
// (src/teams/library-internals.ts, src/store/job-queue.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export class LibraryShapeError extends Error {
  readonly code = 'LIBRARY_SHAPE_CHANGED';
}

const require = createRequire(import.meta.url);

/** The installed version of a package, read from its package.json (found from its entry point). */
export function installedVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch { /* not here: go up */ }
    const up = path.dirname(dir);
    if (up === dir) throw new LibraryShapeError(`Cannot find the installed version of ${name}.`);
    dir = up;
  }
}

export function checkVersions(expected: Record<string, string>): void {
  const wrong = Object.entries(expected)
    .map(([name, prefix]) => ({ name, prefix, found: installedVersion(name) }))
    .filter((v) => !v.found.startsWith(v.prefix));
  if (wrong.length > 0) {
    throw new LibraryShapeError(`These libraries changed version since the app's patches to their internals were checked: ${wrong.map((w) => `${w.name} ${w.found} (expected ${w.prefix}x)`).join(', ')}. Re-check what relies on them (src/teams/library-internals.ts, src/store/job-queue.ts) and update the expected versions.`);
  }
}

