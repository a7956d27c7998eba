// The language model is off unless configured, and a configuration that
// cannot work is refused at start with every problem named.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { configProblems } from '../support/config-problems.js';
import { createUnderstander } from '../../src/teams/language-model/active-understander.js';
import { createChatModel } from '../../src/teams/language-model/chat-model.js';
import { createLogger } from '../../src/log/logger.js';
import { book, directory, policy } from './engine.js';

const problems = (env: Record<string, string>) => configProblems({ APP_ENV: 'test', ...env });

describe('language model configuration', () => {
  it('is off by default, and then the offline engine answers', () => {
    const config = loadConfig({ APP_ENV: 'test' });
    expect(config.LANGUAGE_MODEL).toBe('off');
    expect(createUnderstander({ config, policy, book, directory, log: createLogger('silent') }).engine).toBe('offline');
  });

  it.each([
    [{ LANGUAGE_MODEL: 'azure-openai' }, ['LANGUAGE_MODEL_ENDPOINT: required', 'LANGUAGE_MODEL_DEPLOYMENT: required', 'LANGUAGE_MODEL_API_KEY: required for Azure OpenAI unless LANGUAGE_MODEL_MANAGED_IDENTITY=true']],
    [{ LANGUAGE_MODEL: 'azure-openai', LANGUAGE_MODEL_ENDPOINT: 'http://example.openai.azure.com', LANGUAGE_MODEL_DEPLOYMENT: 'gpt', LANGUAGE_MODEL_API_KEY: 'k' }, ['Azure OpenAI endpoints are https://']],
    [{ LANGUAGE_MODEL: 'openai-compatible', LANGUAGE_MODEL_ENDPOINT: 'http://127.0.0.1:1/v1', LANGUAGE_MODEL_MANAGED_IDENTITY: 'true' }, ['LANGUAGE_MODEL_DEPLOYMENT: required', 'LANGUAGE_MODEL_MANAGED_IDENTITY: only for LANGUAGE_MODEL=azure-openai']],
    [{ APP_ENV: 'production', LANGUAGE_MODEL: 'openai-compatible', LANGUAGE_MODEL_ENDPOINT: 'http://models.internal/v1', LANGUAGE_MODEL_DEPLOYMENT: 'm' }, ['must be https:// in production']],
  ])('refuses %j', (env, expected) => {
    const found = problems(env).join('\n');
    for (const e of expected) expect(found).toContain(e);
  });

  it('builds Azure OpenAI with a key, or with the managed identity and no key', () => {
    const azure = { LANGUAGE_MODEL: 'azure-openai', LANGUAGE_MODEL_ENDPOINT: 'https://council.openai.azure.com', LANGUAGE_MODEL_DEPLOYMENT: 'gpt-4o-mini' };
    const withKey = createChatModel(loadConfig({ APP_ENV: 'test', ...azure, LANGUAGE_MODEL_API_KEY: 'secret' }));
    expect(withKey.options).toMatchObject({ azureEndpoint: 'https://council.openai.azure.com', azureDefaultDeployment: 'gpt-4o-mini', azureApiKey: 'secret', maxRetries: 0 });
    const withIdentity = createChatModel(loadConfig({ APP_ENV: 'test', ...azure, LANGUAGE_MODEL_MANAGED_IDENTITY: 'true', LANGUAGE_MODEL_MANAGED_IDENTITY_CLIENT_ID: '00000000-0000-0000-0000-00000000abcd' }));
    expect(withIdentity.options).toMatchObject({ azureDefaultDeployment: 'gpt-4o-mini' });
    expect(typeof (withIdentity.options as { azureADTokenProvider?: unknown }).azureADTokenProvider).toBe('function');
    expect((withIdentity.options as { azureApiKey?: string }).azureApiKey).toBeUndefined();
  });
});
