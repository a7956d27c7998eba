import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { configProblems } from '../support/config-problems.js';

describe('configuration', () => {
  it('refuses production without credentials, naming every missing variable at once', () => {
    const problems = configProblems({ APP_ENV: 'production' });
    expect(problems.join('\n')).toMatch(/MicrosoftAppId: required in production/);
    expect(problems.join('\n')).toMatch(/MicrosoftAppPassword: required/);
    expect(problems.join('\n')).toMatch(/MicrosoftAppTenantId: required/);
    expect(problems.join('\n')).toMatch(/ALLOWED_TENANT_IDS: required/);
    expect(problems.join('\n')).toMatch(/DIRECTORY_FILE: required/);
    expect(problems.join('\n')).toMatch(/REQUEST_LINK_SECRET: set a secret of your own/);
  });

  it('accepts production with a managed identity and no password', () => {
    const config = loadConfig({
      APP_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant',
      ALLOWED_TENANT_IDS: 'tenant', DATABASE_URL: 'postgres://app@db.example/rr', DIRECTORY_FILE: 'config/directory.demo.json', REQUEST_LINK_SECRET: 'a-production-secret-of-at-least-32-chars',
    });
    expect(config.authEnabled).toBe(true);
    expect(config.host).toBe('0.0.0.0');
  });

  it('runs development anonymously on localhost only', () => {
    const config = loadConfig({});
    expect(config.APP_ENV).toBe('development');
    expect(config.authEnabled).toBe(false);
    expect(config.host).toBe('127.0.0.1');
    expect(configProblems({ HOST: '0.0.0.0' })).toEqual(['HOST: anonymous mode (no MicrosoftAppId) only binds to localhost, not 0.0.0.0']);
  });

  it('reports malformed values with their variable names', () => {
    const problems = configProblems({ PORT: 'eighty', APP_ENV: 'staging', DATABASE_URL: 'not a url', WORKING_DAY_START_HOUR: '25' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['APP_ENV', 'DATABASE_URL', 'PORT', 'WORKING_DAY_START_HOUR']);
  });

  it('reads numbers only as whole numbers in digits: no hexadecimal, exponent, blank or fraction', () => {
    const problems = configProblems({ PORT: '0x50', DB_POOL_MAX: '1e1', DB_POOL_KEEP_OPEN: '-1', DB_POOL_IDLE_CLOSE_MS: '0', JOB_CONCURRENCY: ' ', SHUTDOWN_TIMEOUT_MS: '2500.5', DIGEST_WEEKDAY: '-1' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DB_POOL_IDLE_CLOSE_MS', 'DB_POOL_KEEP_OPEN', 'DB_POOL_MAX', 'DIGEST_WEEKDAY', 'JOB_CONCURRENCY', 'PORT', 'SHUTDOWN_TIMEOUT_MS']);
    const config = loadConfig({ PORT: ' 8080 ', DB_POOL_MAX: '12' });
    expect([config.PORT, config.DB_POOL_MAX, config.DB_POOL_KEEP_OPEN, config.DB_POOL_IDLE_CLOSE_MS, config.JOB_CONCURRENCY]).toEqual([8080, 12, 10, 10_000, 4]);
  });

  it('ignores the test-only token metadata override in production', () => {
    const config = loadConfig({
      APP_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 't', ALLOWED_TENANT_IDS: 't', DATABASE_URL: 'postgres://app@db.example/rr',
      DIRECTORY_FILE: 'config/directory.demo.json', BOTFRAMEWORK_OPENID_METADATA_URL: 'http://127.0.0.1:1/openid',
      REQUEST_LINK_SECRET: 'a-production-secret-of-at-least-32-chars',
    });
    expect(config.BOTFRAMEWORK_OPENID_METADATA_URL).toBeUndefined();
  });
});
