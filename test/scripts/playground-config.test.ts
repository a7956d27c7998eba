import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configAs } from '../../scripts/lib/playground.js';

describe('running the Playground as another demo person', () => {
  it('makes the chosen person current and keeps exactly five other users', () => {
    const { yaml, name } = configAs('hub manager');
    const config = parse(yaml) as { currentUser: { name: string; aadObjectId: string }; users: { name: string; id: string }[] };
    expect(name).toBe('Demo Hub Manager');
    expect(config.currentUser.aadObjectId).toBe('00000000-0000-0000-0000-0000000000022');
    expect(config.users).toHaveLength(5);
    expect(config.users.map((u) => u.name)).toContain('Demo Social Worker');
    expect(new Set([config.currentUser, ...config.users].map((u) => (u as { id: string }).id)).size).toBe(6);
  });

  it('plays anyone else in the demo directory as the current user, keeping the five mock users', () => {
    const { yaml, name } = configAs('targeted support manager');
    const config = parse(yaml) as { currentUser: { name: string; aadObjectId: string; id: string }; users: { id: string }[] };
    expect(name).toBe('Demo Targeted Support Manager');
    expect(config.currentUser).toMatchObject({ name: 'Demo Targeted Support Manager', aadObjectId: '00000000-0000-0000-0000-0000000000032' });
    expect(config.users).toHaveLength(5);
    expect(config.users.map((u) => u.id)).not.toContain(config.currentUser.id);
  });

  it('leaves the file as it is without a choice, and names the choices for an unknown one', () => {
    expect(configAs(undefined).name).toBe('Demo Social Worker');
    expect(() => configAs('chief executive')).toThrow(/Demo Hub Manager/);
  });
});
