// `npm run --silent suggest`: JSON only on stdout, in the shape; an
// empty or unreadable input exits 2 with the reason on stderr; a broken
// phrase book refuses with every problem named.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const run = (args: string[], input?: string) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/suggest.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' } });

describe('suggest command', () => {
  it('prints only JSON of the issue\'s shape for a file, and for stdin', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'suggest-'));
    const file = path.join(dir, 'family.txt');
    writeFileSync(file, "mum's been really low since the baby, the 7-year-old is missing school and they might lose the flat. SG1 9ZZ");
    for (const r of [run(['--input', file]), run(['--input', '-'], readFileSync(file, 'utf8'))]) {
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(Object.keys(out)).toEqual(['needs', 'immediateRiskSuspected', 'riskPhrases', 'ages', 'area']);
      expect(out.needs[0]).toEqual({ id: 'pc.postnatal-isolation', label: 'Postnatal isolation or low mood', phrase: 'since the baby' });
      expect(out).toMatchObject({ immediateRiskSuspected: false, riskPhrases: [], ages: [7], area: 'hertfordshire' });
    }
  }, 180_000);

  it('flags risk words', () => {
    const r = run(['--input', '-'], 'He hit her with a belt last night');
    expect(JSON.parse(r.stdout)).toMatchObject({ immediateRiskSuspected: true, riskPhrases: ['hit her', 'with a belt'] });
  }, 180_000);

  it.each([
    ['empty stdin', ['--input', '-'], '   \n', /empty/],
    ['a missing file', ['--input', '/nonexistent/family.txt'], undefined, /cannot read .*ENOENT/],
    ['no --input', [], undefined, /--input is required/],
  ])('exits 2 for %s, with the reason on stderr and nothing on stdout', (_name, args, input, message) => {
    const r = run(args, input);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  }, 180_000);

  it('refuses a phrase book naming a need the catalogue does not have, with its place', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'policies-'));
    cpSync('policies', dir, { recursive: true });
    const book = JSON.parse(readFileSync(path.join(dir, 'need-phrases.json'), 'utf8'));
    book.needs['cd.made-up'] = ['made up words'];
    book.immediateRisk.push('@nonexistent class');
    writeFileSync(path.join(dir, 'need-phrases.json'), JSON.stringify(book));
    const r = run(['--input', '-', '--policies', dir], 'mum drinks');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/need-phrases.json at needs.cd.made-up: "cd.made-up" is not a need in the catalogue/);
    expect(r.stderr).toMatch(/word class "@nonexistent" is not defined/);
  }, 180_000);
});
