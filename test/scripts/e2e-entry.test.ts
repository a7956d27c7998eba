// `npm run e2e` itself needs Chromium and is not part of `npm test`; what can
// be checked without a browser is checked here: the one-paragraph answer and
// exit code 2 when Chromium is missing, and that vitest never runs the e2e files.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';
import { chromiumMissingMessage, findChromium } from '../../e2e/lib/chromium.js';

describe('npm run e2e without Chromium', () => {
  it('says what to install and exits with code 2, starting nothing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'e2e/run.ts'], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('apt-get install chromium');
    expect(run.stderr).toContain('CHROMIUM_PATH is set to /nonexistent/chromium, but there is no file there');
    expect(run.stdout).not.toContain('starting the bot');
  });

  it('uses CHROMIUM_PATH when it names a file, and names the places it looked otherwise', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeUndefined();
    expect(chromiumMissingMessage({})).toMatch(/No Chromium was found \(looked for \/usr\/bin\/chromium/);
  });
});

describe('npm test and the e2e files', () => {
  it('never picks up a file under e2e/', () => {
    const include = config.test?.include ?? [];
    expect(include.length).toBeGreaterThan(0);
    expect(include.every((glob) => !glob.startsWith('e2e') && !glob.startsWith('**'))).toBe(true);
    const files = readdirSync('e2e', { recursive: true }).map(String);
    expect(files.some((f) => f.endsWith('run.ts'))).toBe(true);
    expect(files.filter((f) => /\.(test|spec)\.ts$/.test(f))).toEqual([]);
    expect(existsSync(path.join('e2e', 'tsconfig.json'))).toBe(true);
  });
});
