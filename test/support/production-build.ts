// Makes sure dist/ holds a build of the current sources (`npm run build`),
// for tests that run the production build; builds only when something changed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function newestIn(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((newest, e) => Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

/** Returns true when it had to build. */
export function ensureProductionBuild(): boolean {
  const entry = path.join(ROOT, 'dist', 'main.js');
  const sources = Math.max(newestIn(path.join(ROOT, 'src')), statSync(path.join(ROOT, 'package-lock.json')).mtimeMs);
  if (existsSync(entry) && newestIn(path.join(ROOT, 'dist')) >= sources) return false;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/copy-build-assets.ts'], { cwd: ROOT, stdio: 'inherit' });
  return true;
}
