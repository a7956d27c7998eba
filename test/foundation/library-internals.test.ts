// The patches to library internals are checked at start-up: the installed
// versions are the ones they were written for, and a different one stops the
// app with a sentence naming it (instead of silently undoing a fix).
import { describe, expect, it } from 'vitest';
import { checkVersions, installedVersion, LibraryShapeError } from '../../src/config/library-versions.js';
import { PATCHED_VERSIONS, checkTeamsLibraries } from '../../src/teams/library-internals.js';
import { createAdapter } from '../../src/teams/adapter.js';
import { loadConfig } from '../../src/config/env.js';
import type { TeamsAdapter } from '@microsoft/teams-ai';

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
    expect(() => checkTeamsLibraries({} as TeamsAdapter)).toThrow(/authentication and retry patches/);
  });
});
