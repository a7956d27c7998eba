// Start-up checks that need the directory and the policy together: hubs must
// sit in the areas and services the policy knows, and production needs a
// front door number for every area (the immediate-risk card must always show
// a way to reach it).
import { describe, expect, it } from 'vitest';
import { assertConsistentConfiguration, FrontDoorMissingError } from '../../src/config/consistency.js';
import { DirectoryError, loadDirectory } from '../../src/config/load-directory.js';
import { loadPolicy } from '../../src/config/load-policies.js';
import type { Directory } from '../../src/domain/directory/schema.js';

const policy = loadPolicy('policies');
const directory = loadDirectory('config/directory.demo.json');
const config = (APP_ENV: 'development' | 'test' | 'production') => ({ APP_ENV, POLICY_DIR: 'policies', directoryFile: 'config/directory.demo.json' });

function problemsOf(dir: Directory): string[] {
  try {
    assertConsistentConfiguration(config('development'), dir, policy);
    return [];
  } catch (error) {
    if (error instanceof DirectoryError) return error.problems;
    throw error;
  }
}

describe('directory against policy', () => {
  it('accepts the demo directory with the shipped policy', () => {
    expect(problemsOf(directory)).toEqual([]);
  });

  it('names a hub in an unknown area, an unknown service, a service of another area and a postcode outside the area', () => {
    const [first, second, ...rest] = directory.hubs;
    const broken: Directory = {
      ...directory,
      hubs: [
        { ...first!, area: 'cornwall' },
        { ...second!, service: 'home-start-herts', postcodePrefixes: [...second!.postcodePrefixes, 'SG1'] },
        { ...rest[0]!, service: 'no-such-service', parentingInterventions: ['Knitting'] },
        ...rest.slice(1),
      ],
    };
    const problems = problemsOf(broken);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^hubs\.0\.area: unknown area "cornwall"/),
      expect.stringMatching(/^hubs\.1\.postcodePrefixes: "SG1" is not in Barnet's postcodes/),
      expect.stringMatching(/^hubs\.1\.service: "home-start-herts" does not serve Barnet/),
      expect.stringMatching(/^hubs\.2\.service: unknown service "no-such-service"/),
      expect.stringMatching(/^hubs\.2\.parentingInterventions: "Knitting" is not one of the hub's interventions/),
    ]));
  });
});

describe('front door numbers', () => {
  it('in production, refuses to start while an area has no number, naming every such area', () => {
    let error: unknown;
    try {
      assertConsistentConfiguration(config('production'), directory, policy);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontDoorMissingError);
    expect((error as FrontDoorMissingError).areaIds).toEqual(['plymouth', 'barnet', 'bradford']);
    expect((error as Error).message).toContain("Set frontDoor.name and frontDoor.phone to the council's public children's services number");
  });

  it('in production, starts once every area has one', () => {
    const numbered = { ...policy, areas: { areas: policy.areas.areas.map((area) => ({ ...area, frontDoor: { ...area.frontDoor, name: area.frontDoor.name || 'the front door', phone: area.frontDoor.phone || '01438 737511' } })) } };
    expect(() => assertConsistentConfiguration(config('production'), directory, numbered)).not.toThrow();
  });

  it('in development and tests, starts anyway: the card says to ask an administrator', () => {
    expect(() => assertConsistentConfiguration(config('development'), directory, policy)).not.toThrow();
    expect(() => assertConsistentConfiguration(config('test'), directory, policy)).not.toThrow();
  });
});
