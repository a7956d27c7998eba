// Sources a reader can follow: every document the policies cite is described
// in docs/SOURCES.md; nothing in the product points at files a council does
// not have (the reference pack the rules were written from); and the only
// telephone numbers in policies and configuration are the public ones
// docs/SOURCES.md says the Hertfordshire presentation prints.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load-policies.js';

const policy = loadPolicy('policies');
const sourcesDoc = readFileSync('docs/SOURCES.md', 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('docs/SOURCES.md', () => {
  it.each(policy.sources.documents.map((d) => [d.name, d]))('describes %s with its title, publisher and date', (_name, document) => {
    for (const field of [document.name, document.id, document.title, document.publisher, document.date]) expect(sourcesDoc).toContain(field);
  });
});

describe('citations a reader can follow', () => {
  const scanned = [...['src', 'policies', 'cards', 'config', 'docs'].flatMap(filesUnder), 'README.md'];

  it.each(scanned.map((file) => [file]))('%s names no reference-pack file or numbered seed', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/seed 0\d\d|seeds?\/|DOMAIN\.md|\bthe seeds?\b/i);
  });

  it('has only the public numbers the Hertfordshire presentation prints in policies and configuration', () => {
    const numbers = [...filesUnder('policies'), ...filesUnder('config')]
      .flatMap((file) => readFileSync(file, 'utf8').match(/\b0\d{3,4} ?\d{3} ?\d{3,4}\b/g) ?? []);
    expect(numbers.length).toBeGreaterThan(0);
    for (const number of numbers) expect(sourcesDoc).toContain(number);
  });
});
