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

/** "hub manager", "hub-manager" or "Demo Hub Manager" all pick Demo Hub Manager. */
export function configAs(who: string | undefined, text = readFileSync(CONFIG_FILE, 'utf8')): { yaml: string; name: string } {
  const config = parse(text) as PlaygroundConfig;
  if (!who) return { yaml: text, name: config.currentUser.name };
  const wanted = who.toLowerCase().replace(/[-_]/g, ' ').trim();
  const everyone = [config.currentUser, ...config.users];
  const chosen = everyone.find((u) => u.name.toLowerCase() === wanted) ?? everyone.find((u) => u.name.toLowerCase().includes(wanted));
  if (!chosen) throw new Error(`No demo user matches "${who}". Choose one of: ${everyone.map((u) => u.name).join(', ')}.`);
  // Exactly five other users must remain: the old current user takes the chosen one's place.
  const users = config.users.map((u) => (u === chosen ? config.currentUser : u));
  return { yaml: stringify({ ...config, currentUser: chosen, users }), name: chosen.name };
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
