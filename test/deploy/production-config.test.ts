// Issue 18: production refuses the embedded database (its data would live on
// one machine's disk, for one instance) unless a setting explicitly allows it.
import { describe, expect, it } from 'vitest';
import { configProblems } from '../support/config-problems.js';

const production = {
  APP_ENV: 'production', MicrosoftAppId: '11111111-1111-1111-1111-111111111111', MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: '22222222-2222-2222-2222-222222222222', ALLOWED_TENANT_IDS: '22222222-2222-2222-2222-222222222222',
  REQUEST_LINK_SECRET: 'a-production-secret-of-at-least-32-chars', DIRECTORY_FILE: 'config/directory.demo.json',
};

describe('production and the embedded database', () => {
  it('refuses to start without DATABASE_URL, saying why and how to allow it anyway', () => {
    expect(configProblems(production)).toEqual([expect.stringMatching(/^DATABASE_URL: required in production .*ALLOW_EMBEDDED_DATABASE=true/)]);
  });

  it('starts with DATABASE_URL, or with the embedded database explicitly allowed', () => {
    expect(configProblems({ ...production, DATABASE_URL: 'postgres://app:pw@db.example:5432/right_response' })).toEqual([]);
    expect(configProblems({ ...production, ALLOW_EMBEDDED_DATABASE: 'true' })).toEqual([]);
  });

  it('leaves development as it was: the embedded database by default', () => {
    expect(configProblems({ APP_ENV: 'development' })).toEqual([]);
  });

  it('asks for a real metrics token when one is set', () => {
    expect(configProblems({ ...production, DATABASE_URL: 'postgres://a@b/c', METRICS_TOKEN: 'short' })).toEqual([expect.stringMatching(/^METRICS_TOKEN: use at least 32 characters/)]);
  });
});
