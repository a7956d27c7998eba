// The repository stands alone: a council clones it by itself, so no file may
// read from a folder beside it or from this machine's absolute paths, and every
// relative import stays inside the repository. (A fresh clone passing
// `npm install && npm test` is the full proof; this scan keeps it true cheaply.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folders that are not part of the repository (installed, generated or local data). */
const NOT_IN_REPO = new Set(['.git', 'node_modules', 'data', 'dist', 'coverage', '.playground', 'build', 'results']);
const TEXT_FILE = /\.(ts|js|mjs|cjs|json|ya?ml|md|sql|txt|sh|example|npmrc)$|^run$|^Dockerfile$/;

function repoFiles(dir = repoRoot): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (NOT_IN_REPO.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...repoFiles(full));
    else if (TEXT_FILE.test(name)) out.push(full);
  }
  return out;
}

// Built from parts so that this file does not match itself.
const OUTSIDE = [
  { what: 'the shared folder beside the repository', pattern: new RegExp(['\\.\\.', 'shared'].join('/')) },
  { what: 'a path on the workplace machine', pattern: new RegExp(['', 'work', ''].join('/')) },
  { what: 'a shared schema folder', pattern: new RegExp(['shared', 'schemas'].join('/')) },
];

describe('the repository is self-contained', () => {
  const files = repoFiles();

  it('scans the whole tree (sources, tests, scripts, docs, config)', () => {
    const folders = new Set(files.map((f) => path.relative(repoRoot, f).split(path.sep)[0]));
    for (const folder of ['src', 'test', 'scripts', 'bench', 'docs', 'schemas', 'cards', 'policies', 'config']) expect(folders).toContain(folder);
  });

  it('no file refers to a folder outside the repository', () => {
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const { what, pattern } of OUTSIDE) {
        if (pattern.test(text)) found.push(`${path.relative(repoRoot, file)}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('every relative import resolves inside the repository', () => {
    const escaping: string[] = [];
    // Import statements at the start of a line, and dynamic imports (code quoted inside strings, e.g. lint probes, is not an import).
    const specifier = /^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
    for (const file of files.filter((f) => /\.(ts|js|mjs)$/.test(f))) {
      for (const [, fromSpec, dynamicSpec] of readFileSync(file, 'utf8').matchAll(specifier)) {
        const spec = (fromSpec ?? dynamicSpec)!;
        const target = path.resolve(path.dirname(file), spec);
        if (path.relative(repoRoot, target).startsWith('..')) escaping.push(`${path.relative(repoRoot, file)} imports ${spec}`);
      }
    }
    expect(escaping).toEqual([]);
  });

  it('the schemas the tests and packaging validate against are vendored, with their sources', () => {
    const readme = readFileSync(path.join(repoRoot, 'schemas', 'README.md'), 'utf8');
    for (const schema of readdirSync(path.join(repoRoot, 'schemas')).filter((f) => f.endsWith('.json'))) {
      expect(readme, `schemas/README.md names ${schema}`).toContain(schema);
      expect(() => JSON.parse(readFileSync(path.join(repoRoot, 'schemas', schema), 'utf8'))).not.toThrow();
    }
    expect(readme).toMatch(/MIT/);
  });

  it('the vendored schemas are committed, not just present in this working copy', () => {
    // A tarball without .git has nothing to ask; a clone must track them.
    if (!existsSync(path.join(repoRoot, '.git'))) return;
    const tracked = execFileSync('git', ['ls-files', 'schemas'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
    const present = readdirSync(path.join(repoRoot, 'schemas')).map((f) => `schemas/${f}`);
    expect(tracked.sort()).toEqual(present.sort());
  });
});
