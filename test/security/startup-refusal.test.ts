// Secure by default: the real process, started the way operators start it,
// refuses to run in production without credentials, and anonymous
// development mode will not bind beyond this machine.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  // Every credential variable set to empty: a developer's .env (if any) cannot fill them in.
  const blank = { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', ALLOWED_TENANT_IDS: '', DIRECTORY_FILE: '', REQUEST_LINK_SECRET: '', DATABASE_URL: '', HOST: '' };
  const child = spawn('npx', ['tsx', 'src/main.ts'], { env: { ...process.env, ...blank, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('the process refuses an insecure start', () => {
  it('exits 1 in production without credentials, naming every missing variable', async () => {
    const { code, stderr } = await run({ APP_ENV: 'production', PORT: '0' });
    expect(code).toBe(1);
    for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'ALLOWED_TENANT_IDS', 'REQUEST_LINK_SECRET', 'DIRECTORY_FILE']) {
      expect(stderr).toContain(name);
    }
    // It stopped at configuration: no server, no database.
    expect(stderr).not.toMatch(/listening|could not start/i);
  });

  it('exits 1 when anonymous development mode is asked to bind beyond localhost', async () => {
    const { code, stderr } = await run({ APP_ENV: 'development', HOST: '0.0.0.0', PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/HOST: anonymous mode .* only binds to localhost/);
  });

  it('ignores both token-validation test overrides in production', () => {
    const config = loadConfig({
      APP_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 't', ALLOWED_TENANT_IDS: 't', DATABASE_URL: 'postgres://app@db.example/rr',
      DIRECTORY_FILE: 'config/directory.demo.json', REQUEST_LINK_SECRET: 'a-production-secret-of-at-least-32-chars',
      BOTFRAMEWORK_OPENID_METADATA_URL: 'http://127.0.0.1:1/.well-known/openidconfiguration', BOTFRAMEWORK_TOKEN_ISSUER: 'https://evil.example',
    });
    expect(config.authEnabled).toBe(true);
    expect(config.BOTFRAMEWORK_OPENID_METADATA_URL).toBeUndefined();
    expect(config.BOTFRAMEWORK_TOKEN_ISSUER).toBeUndefined();
  });
});
