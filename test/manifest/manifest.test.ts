// The Teams app manifest and package: the rendered template validates offline
// against the vendored 1.29 schema, the committed icons have the sizes Teams
// needs, and the zip (read back with fflate) holds exactly manifest.json and the
// two icons.
import { COMMANDS, manifestCommandLists } from '../../src/teams/commands.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import pngjs from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COLOR_TYPE_RGBA,
  SCHEMA_PATH,
  SYNTHETIC_BOT_ID,
  SYNTHETIC_TEAMS_APP_ID,
  buildAppPackage,
  checkIcons,
  manifestValuesFromEnv,
  renderManifest,
  validateManifest,
  type ManifestValues,
} from '../../scripts/lib/manifest.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaPath = SCHEMA_PATH;
const manifestDir = path.join(repoRoot, 'manifest');

const sample: ManifestValues = {
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  APP_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  BOT_DOMAIN: 'right-response.example.org',
  VERSION: '1.2.3',
};

interface Command { title: string; description?: string }
interface Manifest {
  manifestVersion: string;
  id: string;
  version: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  developer: { name: string };
  accentColor: string;
  validDomains: string[];
  bots: { botId: string; scopes: string[]; supportsFiles: boolean; isNotificationOnly: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
}

const rendered = (values: ManifestValues = sample) => renderManifest(values) as unknown as Manifest;
const clone = (m: Manifest): Manifest => structuredClone(m);

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rr-manifest-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the rendered manifest', () => {
  it('validates against the offline Teams 1.29 schema', () => {
    expect(validateManifest(rendered(), schemaPath)).toEqual([]);
  });

  it('fills every placeholder from the values', () => {
    const m = rendered();
    expect(JSON.stringify(m)).not.toContain('${{');
    expect(m.id).toBe(sample.APP_ID);
    expect(m.version).toBe(sample.VERSION);
    expect(m.bots[0]?.botId).toBe(sample.BOT_ID);
    expect(m.validDomains).toEqual([sample.BOT_DOMAIN]);
    expect(m.manifestVersion).toBe('1.29');
    expect(m.accentColor).toBe('#1F6F5C');
  });

  it('names and describes the app within the Teams limits', () => {
    const m = rendered();
    expect(m.name.short).toBe('Right Response');
    expect(m.name.short.length).toBeLessThanOrEqual(30);
    expect(m.name.full.length).toBeLessThanOrEqual(100);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    expect(m.description.full.length).toBeLessThanOrEqual(4000);
    expect(m.description.full).not.toBe(m.description.short);
    expect(m.developer.name.length).toBeLessThanOrEqual(32);
  });

  it('offers a conversational bot in personal, team and group chat with its command lists', () => {
    const bot = rendered().bots[0];
    expect(bot).toBeDefined();
    if (!bot) return;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.commandLists.length).toBeLessThanOrEqual(3);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(12);
      for (const command of list.commands) expect(command.description?.trim()).toBeTruthy();
    }
    const titles = (scope: string) => bot.commandLists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title);
    // Generated from the bot's command registry (src/teams/commands.ts): the same commands, words and order.
    expect(bot.commandLists).toEqual(manifestCommandLists());
    for (const scope of ['personal', 'team', 'groupChat'] as const) {
      expect(titles(scope)).toEqual(COMMANDS.filter((c) => c.scopes.includes(scope)).map((c) => c.command));
    }
    expect(titles('personal')).toEqual(expect.arrayContaining(['hi', 'check', 'request', 'book', 'rota', 'hub queue', 'help']));
    expect(titles('team')).toEqual(['rota', 'link channel', 'help']);
  });

  it('reports what the Teams validator would refuse', () => {
    const base = rendered();
    const longDeveloper = clone(base);
    longDeveloper.developer.name = 'Right Response (synthetic demo council)'; // 39 > 32
    expect(validateManifest(longDeveloper, schemaPath).join('\n')).toMatch(/\/developer\/name/);

    const sameDescriptions = clone(base);
    sameDescriptions.description.full = sameDescriptions.description.short;
    expect(validateManifest(sameDescriptions, schemaPath).join('\n')).toMatch(/must differ/);

    const tooManyCommands = clone(base);
    const personal = tooManyCommands.bots[0]?.commandLists[0];
    personal?.commands.push(...Array.from({ length: 3 }, (_, i) => ({ title: `extra ${i}`, description: 'x' })));
    expect(validateManifest(tooManyCommands, schemaPath).join('\n')).toMatch(/commandLists\/0/);

    const oldVersion = clone(base);
    oldVersion.manifestVersion = '1.19';
    expect(validateManifest(oldVersion, schemaPath).join('\n')).toMatch(/\/manifestVersion/);

    const urlDomain = clone(base);
    urlDomain.validDomains = ['https://bot.example.org/api'];
    expect(validateManifest(urlDomain, schemaPath).join('\n')).toMatch(/validDomains/);
  });

  it('refuses values Teams would not accept, naming each one', () => {
    expect(() => renderManifest({ ...sample, BOT_ID: 'not-a-guid', VERSION: '1.0.0-beta' })).toThrow(/BOT_ID.*VERSION/s);
    expect(() => renderManifest({ ...sample, BOT_DOMAIN: 'https://x.example.org/path' })).toThrow(/BOT_DOMAIN/);
  });
});

describe('values from the environment', () => {
  it('defaults to the synthetic app and bot ids and localhost in development', () => {
    const { values, warnings } = manifestValuesFromEnv({}, '0.1.0');
    expect(values).toEqual({ BOT_ID: SYNTHETIC_BOT_ID, APP_ID: SYNTHETIC_TEAMS_APP_ID, BOT_DOMAIN: 'localhost', VERSION: '0.1.0' });
    expect(warnings.join()).toMatch(/MicrosoftAppId/);
  });

  it('uses MicrosoftAppId, TEAMS_APP_ID and the host of BOT_DOMAIN', () => {
    const { values, warnings } = manifestValuesFromEnv(
      { MicrosoftAppId: sample.BOT_ID, TEAMS_APP_ID: sample.APP_ID, BOT_DOMAIN: 'https://abc123.devtunnels.ms/' },
      '2.0.1',
    );
    expect(values).toEqual({ ...sample, BOT_DOMAIN: 'abc123.devtunnels.ms', VERSION: '2.0.1' });
    expect(warnings).toEqual([]);
  });

  it('refuses a production package without MicrosoftAppId', () => {
    expect(() => manifestValuesFromEnv({ APP_ENV: 'production' }, '0.1.0')).toThrow(/MicrosoftAppId/);
  });
});

describe('the icons', () => {
  const color = pngjs.PNG.sync.read(readFileSync(path.join(manifestDir, 'color.png')));
  const outline = pngjs.PNG.sync.read(readFileSync(path.join(manifestDir, 'outline.png')));

  it('are 192×192 (colour) and 32×32 (outline)', () => {
    expect(color).toMatchObject({ width: 192, height: 192, depth: 8 });
    expect(outline).toMatchObject({ width: 32, height: 32, depth: 8 });
    expect(checkIcons(manifestDir)).toEqual([]);
  });

  it('colour icon is opaque', () => {
    expect(color.data.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it('outline icon is white on transparent', () => {
    expect(outline.colorType).toBe(COLOR_TYPE_RGBA);
    let transparent = 0;
    let visible = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3] === 0) transparent++;
      else {
        visible++;
        expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(visible).toBeGreaterThan(0);
  });

  it('a wrong-sized or unreadable icon is reported by name', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'color.png'), pngjs.PNG.sync.write(new pngjs.PNG({ width: 10, height: 10 })));
    writeFileSync(path.join(dir, 'outline.png'), 'not a png');
    const problems = checkIcons(dir).join('\n');
    expect(problems).toMatch(/color\.png is 10×10; Teams needs 192×192/);
    expect(problems).toMatch(/outline\.png is not a readable PNG/);
  });
});

describe('the app package', () => {
  it('is a zip of manifest.json, color.png and outline.png', () => {
    const zipPath = path.join(tempDir(), 'right-response.zip');
    const result = buildAppPackage({ values: sample, zipPath, schemaPath });
    const entries = unzipSync(readFileSync(zipPath));
    expect(Object.keys(entries)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString('utf8'))).toEqual(result.manifest);
    expect(Buffer.from(entries['color.png'] ?? []).equals(readFileSync(path.join(manifestDir, 'color.png')))).toBe(true);
    expect(Buffer.from(entries['outline.png'] ?? []).equals(readFileSync(path.join(manifestDir, 'outline.png')))).toBe(true);
  });

  it('is byte-for-byte reproducible', () => {
    const dir = tempDir();
    const a = buildAppPackage({ values: sample, zipPath: path.join(dir, 'a.zip'), schemaPath });
    const b = buildAppPackage({ values: sample, zipPath: path.join(dir, 'b.zip'), schemaPath });
    expect(readFileSync(a.zipPath).equals(readFileSync(b.zipPath))).toBe(true);
  });

  it('is not built when the manifest is invalid', () => {
    const zipPath = path.join(tempDir(), 'never.zip');
    expect(() => buildAppPackage({ values: sample, zipPath, iconDir: tempDir(), schemaPath })).toThrow(/color\.png is missing/);
  });

  const unzipAvailable = (() => {
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!unzipAvailable)('is accepted by unzip', () => {
    const zipPath = path.join(tempDir(), 'right-response.zip');
    buildAppPackage({ values: sample, zipPath, schemaPath });
    const listing = execFileSync('unzip', ['-l', zipPath], { encoding: 'utf8' });
    for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(listing).toContain(name);
    execFileSync('unzip', ['-tq', zipPath]); // throws on a CRC or structure error
  });
});
