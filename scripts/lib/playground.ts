// Owns launching the Microsoft 365 Agents Playground as one of the demo
// people. The Playground has no user switcher and reads its mock users from
// .m365agentsplayground.yml in its working folder, so "being" another person
// means running it from a temporary folder whose file makes them the current user.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

interface MockUser { id: string; name: string; aadObjectId: string; [k: string]: unknown }
interface PlaygroundConfig { currentUser: MockUser; users: MockUser[]; [k: string]: unknown }

const CONFIG_FILE = '.m365agentsplayground.yml';
export const PLAYGROUND_BIN = path.resolve('node_modules/.bin/agentsplayground');

const DEMO_DIRECTORY = 'config/directory.demo.json';
interface DemoPerson { aadObjectId: string; displayName: string }

/** A directory person who is not one of the file's six mock users, as a mock user. */
function mockUserFor(person: DemoPerson, index: number): MockUser {
  const login = person.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
  const [givenName, ...rest] = person.displayName.split(' ');
  return { id: `user-id-${100 + index}`, name: person.displayName, userPrincipleName: `${login}@example.org`, aadObjectId: person.aadObjectId, givenName: givenName ?? '', surname: rest.join(' '), email: `${login}@example.org` };
}

/**
 * "hub manager", "hub-manager" or "Demo Hub Manager" all pick Demo Hub
 * Manager. Anyone else in the demo directory (e.g. "Targeted Support
 * Manager") can be played too: they become the current user and the five
 * mock users stay as they are.
 */
export function configAs(
  who: string | undefined,
  text = readFileSync(CONFIG_FILE, 'utf8'),
  directory: { people: DemoPerson[] } = JSON.parse(readFileSync(DEMO_DIRECTORY, 'utf8')) as { people: DemoPerson[] },
): { yaml: string; name: string } {
  const config = parse(text) as PlaygroundConfig;
  if (!who) return { yaml: text, name: config.currentUser.name };
  const wanted = who.toLowerCase().replace(/[-_]/g, ' ').trim();
  const matches = <T>(items: T[], name: (t: T) => string) =>
    items.find((u) => name(u).toLowerCase() === wanted) ?? items.find((u) => name(u).toLowerCase().includes(wanted));
  const everyone = [config.currentUser, ...config.users];
  const chosen = matches(everyone, (u) => u.name);
  if (chosen) {
    // Exactly five other users must remain: the old current user takes the chosen one's place.
    const users = config.users.map((u) => (u === chosen ? config.currentUser : u));
    return { yaml: stringify({ ...config, currentUser: chosen, users }), name: chosen.name };
  }
  const person = matches(directory.people, (p) => p.displayName);
  if (!person) throw new Error(`No demo user matches "${who}". Choose one of: ${[...everyone.map((u) => u.name), ...directory.people.map((p) => p.displayName)].filter((n, i, all) => all.indexOf(n) === i).join(', ')}.`);
  return { yaml: stringify({ ...config, currentUser: mockUserFor(person, directory.people.indexOf(person)) }), name: person.displayName };
}

export function launchPlayground(endpoint: string, port: number, who?: string): { child: ChildProcess; name: string } {
  const { yaml, name } = configAs(who);
  const cwd = mkdtempSync(path.join(tmpdir(), 'rr-playground-'));
  writeFileSync(path.join(cwd, CONFIG_FILE), yaml);
  const child = spawn(PLAYGROUND_BIN, ['-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none' },
  });
  return { child, name };
}
