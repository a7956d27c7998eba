// Role-aware menus (issue 13): the welcome card and help offer what this
// person can do, from the one command registry (src/teams/commands.ts) that
// also writes the manifest's command lists; every command in it reaches a
// handler for someone allowed to use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, actionsOf, onlyCard, textOf } from '../support/harness.js';
import { admin, datManager, hubManager, leadPractitioner, socialWorker, stranger, type DemoUser } from '../support/people.js';
import { COMMANDS } from '../../src/teams/commands.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

const buttons = async (user: DemoUser) => actionsOf(onlyCard(await bot.say(user, 'hi'))).map((a) => a.title);
const help = async (user: DemoUser) => textOf(onlyCard(await bot.say(user, 'help')));

describe('menus for each role', () => {
  it('a hub manager is offered the hub queue and the rota, not booking or administration', async () => {
    const offered = await buttons(hubManager);
    expect(offered).toEqual(expect.arrayContaining(['Hub queue', 'Rota', 'Help']));
    expect(offered).not.toEqual(expect.arrayContaining(['Book OSR joint visit']));
    expect(offered).not.toContain('Dead letters');
    expect(offered.length).toBeLessThanOrEqual(6);
    const text = await help(hubManager);
    expect(text).toContain('hub queue');
    expect(text).toContain('link channel');
    expect(text).not.toMatch(/dead letters|erase case|^book:/m);
  });

  it('an administrator is offered dead letters and the privacy tools', async () => {
    expect(await buttons(admin)).toContain('Dead letters');
    const text = await help(admin);
    for (const c of ['dead letters', 'export case', 'erase case']) expect(text).toContain(c);
  });

  it('a social worker is offered the check, a request and booking, never the hub queue or administration', async () => {
    const offered = await buttons(socialWorker);
    expect(offered).toEqual(expect.arrayContaining(['Threshold check', '0–19 request', 'Book OSR joint visit']));
    expect(offered).not.toContain('Hub queue');
    const text = await help(socialWorker);
    expect(text).not.toMatch(/hub queue|dead letters|erase case|export case|supervision/);
  });

  it('someone not in the directory is offered only hello and help', async () => {
    expect(await buttons(stranger)).toEqual(['Help']);
    const text = await help(stranger);
    expect(text).not.toMatch(/\bcheck:|request:|rota:/);
    expect(text).toContain('help');
  });

  it('every command in the registry reaches its handler for someone who may use it', async () => {
    const people = [socialWorker, leadPractitioner, hubManager, datManager, admin];
    for (const c of COMMANDS) {
      const who = people.find((p) => c.who === 'anyone' || (c.who as readonly string[]).some((r) => roleOf(p).includes(r)));
      expect(who, c.command).toBeDefined();
      const typed = c.command === 'case' || c.command.endsWith(' case') ? `${c.command} LCS-990001` : c.command;
      const answers = await bot.say(who!, typed);
      expect(answers.length, c.command).toBeGreaterThan(0);
      for (const a of answers) expect(`${a.text ?? ''}${a.attachments ? textOf(onlyCard([a])) : ''}`, c.command).not.toContain("I didn't recognise that");
    }
  });
});

function roleOf(p: DemoUser): string[] {
  return ({ [socialWorker.aadObjectId]: ['social-worker'], [leadPractitioner.aadObjectId]: ['hub-practitioner'], [hubManager.aadObjectId]: ['hub-manager'], [datManager.aadObjectId]: ['dat-manager'], [admin.aadObjectId]: ['admin'] } as Record<string, string[]>)[p.aadObjectId] ?? [];
}
