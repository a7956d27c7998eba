// The patches to library internals are checked at start-up: the installed
// versions are the ones they were written for, and a different one stops the
// app with a sentence naming it (instead of silently undoing a fix).
import { describe, expect, it } from 'vitest';
import { checkVersions, installedVersion, LibraryShapeError } from '../../src/config/library-versions.js';
import { PATCHED_VERSIONS, checkTeamsLibraries } from '../../src/teams/library-internals.js';
import { createAdapter } from '../../src/teams/adapter.js';
import { loadConfig } from '../../src/config/env.js';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';

describe('library internals', () => {
  it('finds the installed versions the patches were written for', () => {
    expect(() => checkVersions(PATCHED_VERSIONS)).not.toThrow();
    expect(installedVersion('graphile-worker')).toMatch(/^0\.16\./);
  });

  it('refuses to start on a version the patches were not checked against, naming it', () => {
    expect(() => checkVersions({ botbuilder: '9.9' })).toThrow(LibraryShapeError);
    expect(() => checkVersions({ botbuilder: '9.9' })).toThrow(/botbuilder 4\.23\.\d+ \(expected 9\.9x\)/);
  });

  it('refuses an adapter whose private authentication object has changed shape', () => {
    const adapter = createAdapter(loadConfig({ APP_ENV: 'test' }));
    expect(() => checkTeamsLibraries(adapter)).not.toThrow();
    expect(() => checkTeamsLibraries({} as TeamsAdapter)).toThrow(/authentication, retry and client patches/);
  });

  it('a turn reuses the connector and user-token clients built for the same service URL, and a different URL gets its own', async () => {
    const adapter = createAdapter(loadConfig({ APP_ENV: 'test' }));
    const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
    const turn = async (serviceUrl: string) => {
      const activity = { type: 'message', channelId: 'msteams', serviceUrl } as Activity;
      const result = await auth.authenticateRequest(activity, '');
      return { connector: await result.connectorFactory!.create(serviceUrl, result.audience), userToken: await auth.createUserTokenClient(result.claimsIdentity) };
    };
    const first = await turn('https://smba.example.invalid/uk/');
    const second = await turn('https://smba.example.invalid/uk/');
    const elsewhere = await turn('https://smba.example.invalid/emea/');
    expect(second.connector).toBe(first.connector);
    expect(second.userToken).toBe(first.userToken);
    expect(elsewhere.connector).not.toBe(first.connector);
    // Bounded: a flood of made-up service URLs (authentication off) does not keep a client for each.
    for (let i = 0; i < 100; i += 1) await turn(`https://smba.example.invalid/${i}/`);
    expect((await turn('https://smba.example.invalid/uk/')).connector).not.toBe(first.connector);
  });
});
