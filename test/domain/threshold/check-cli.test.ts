// The `check` command end to end: a real process (npx tsx src/cli/check.ts)
// fed by stdin or a file; stdout carries only the result, stderr the problems.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { CheckResultSchema } from '../../../src/domain/threshold/index.js';

const workDir = mkdtempSync(join(tmpdir(), 'rr-check-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const hertsToddlerWithTwoNeeds = {
  area: 'hertfordshire',
  children: [{ age: 3 }, { unborn: true }],
  needs: ['pc.routines-boundaries', 'fe.social-isolation'],
  informationSharingDiscussed: true,
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Async, so the tests below can run side by side: each one starts a Node process. */
function runCheck(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/cli/check.ts', ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.concurrent('npm run check', () => {
  it('reads case facts from stdin and prints only the JSON result', async ({ expect }) => {
    const { status, stdout, stderr } = await runCheck(['--input', '-'], JSON.stringify(hertsToddlerWithTwoNeeds));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const result = CheckResultSchema.parse(JSON.parse(stdout));
    expect(result.level).toBe(2);
    expect(result.services.find((service) => service.id === 'home-start-herts')?.outcome).toBe('eligible');
  });

  it('reads case facts from a file', async ({ expect }) => {
    const file = join(workDir, 'case.json');
    writeFileSync(file, JSON.stringify({ ...hertsToddlerWithTwoNeeds, immediateRisk: true }));
    const { status, stdout } = await runCheck(['--input', file]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ stop: 'immediate-risk', level: null, services: [] });
  });

  it('explains the result in words with --format text', async ({ expect }) => {
    const { status, stdout } = await runCheck(['--input', '-', '--format', 'text'], JSON.stringify(hertsToddlerWithTwoNeeds));
    expect(status).toBe(0);
    expect(stdout).toContain('Suggested level: 2 (Additional)');
    expect(stdout).toContain('Home-Start Hertfordshire: ELIGIBLE');
  });

  it('exits 2 naming each bad field on stderr, with nothing on stdout', async ({ expect }) => {
    const bad = { area: 'kent', children: [{ age: 30 }], needs: ['cd.not-a-need'], immediaterisk: true };
    const { status, stdout, stderr } = await runCheck(['--input', '-'], JSON.stringify(bad));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    for (const field of ['area:', 'children[0].age:', 'needs[0]:', 'immediaterisk:']) expect(stderr).toContain(field);
  });

  it.for([
    ['an unreadable file', ['--input', join(workDir, 'missing.json')], '', 'cannot read input file'],
    ['input that is not JSON', ['--input', '-'], '{ "area": ', 'is not valid JSON'],
    ['a missing --input', [], '', '--input is required'],
    ['an unknown format', ['--input', '-', '--format', 'xml'], '{}', '--format must be json or text'],
  ] as const)('exits 2 for %s', async ([, args, stdin, message], { expect }) => {
    const { status, stdout, stderr } = await runCheck([...args], stdin);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('exits 1 naming the file when the policy directory is invalid', async ({ expect }) => {
    const { status, stdout, stderr } = await runCheck(['--input', '-', '--policies', join(workDir, 'no-policies')], JSON.stringify(hertsToddlerWithTwoNeeds));
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('needs-catalogue.json at (root): cannot read the file (ENOENT)');
  });
});
