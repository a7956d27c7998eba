// loadPolicy: the shipped policies load; a broken policy directory fails with
// every problem named by file, JSON path and what is wrong; a council's new
// pack works without code changes.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyError, loadPolicy } from '../../../src/config/load-policies.js';
import { areaForPostcode } from '../../../src/domain/policy/index.js';
import { evaluateCase, parseCaseFacts } from '../../../src/domain/threshold/index.js';
import { SERVICE_IDS, policy } from './fixtures.js';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of the shipped policies to break. */
function policyCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rr-policies-'));
  tempDirs.push(dir);
  cpSync('policies', dir, { recursive: true });
  return dir;
}

function editJson(file: string, edit: (json: any) => void): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests reach into raw JSON
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

/** The JSON block after a marker ("example-pack", "example-source") in docs/ENGINE.md, so the documented example stays true. */
function exampleFromDocs(marker: string): string {
  const docs = readFileSync('docs/ENGINE.md', 'utf8');
  const block = new RegExp(`<!-- ${marker} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(docs)?.[1];
  if (!block) throw new Error(`docs/ENGINE.md has no ${marker} block`);
  return block;
}

function loadError(dir: string): PolicyError {
  try {
    loadPolicy(dir);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected loadPolicy to fail');
}

describe('loadPolicy', () => {
  it('loads the shipped sources, catalogue, levels, areas and the six packs in file-name order', () => {
    expect(policy.services.map((pack) => pack.id)).toEqual([...SERVICE_IDS]);
    expect(policy.catalogue.needs).toHaveLength(34);
    expect(policy.areas.areas.map((area) => area.id)).toEqual(['hertfordshire', 'plymouth', 'barnet', 'bradford']);
    expect(policy.sources.documents.map((document) => document.id)).toEqual([
      'home-start-herts-2011', 'herts-right-response-2011', 'bradford-family-hubs-2018', 'plymouth-ehts', 'barnet-osr-2021', 'right-response',
    ]);
  });

  it('names the file, the JSON path and the problem for a broken pack', () => {
    const dir = policyCopy();
    editJson(join(dir, 'services/home-start-herts.json'), (pack) => {
      pack.rules[1].maxAge = 'five';
    });
    const error = loadError(dir);
    expect(error.problems).toEqual([{ file: 'services/home-start-herts.json', path: 'rules[1].maxAge', message: 'expected number, received string' }]);
    expect(error.message).toContain(`${join(dir, 'services/home-start-herts.json')} at rules[1].maxAge: expected number, received string`);
  });

  it('lists every problem in every file at once', () => {
    const dir = policyCopy();
    editJson(join(dir, 'needs-catalogue.json'), (catalogue) => {
      catalogue.needs[0].defaultLevel = 5;
    });
    editJson(join(dir, 'services/barnet-0-19-hub.json'), (pack) => {
      pack.rules[0].kind = 'postcode-in';
      delete pack.rules[2].source;
    });
    editJson(join(dir, 'levels.json'), (levels) => {
      levels.escalations = [{ id: 'level.several', countIndicatorsAtLevel: 2, minIndicators: 3, minDomains: 2, raiseTo: 4, text: 'More', source: { document: 'right-response' } }];
      levels.suggestions[0].minNeeds = 1;
      levels.messages.noNeeds.text = 'Level {level} for {familyName}';
    });
    const problems = loadError(dir).problems.map(({ file, path }) => `${file} ${path}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'needs-catalogue.json needs[0].defaultLevel',
        'services/barnet-0-19-hub.json rules[0].kind',
        'services/barnet-0-19-hub.json rules[2].source',
        'levels.json escalations[0].raiseTo',
        'levels.json suggestions[0].minNeeds',
        'levels.json messages.noNeeds.text',
      ]),
    );
  });

  it('checks references across files: areas, needs, unique ids, file names', () => {
    const dir = policyCopy();
    editJson(join(dir, 'services/plymouth-family-hubs.json'), (pack) => {
      pack.rules[0].areas = ['plymouth', 'cornwall'];
      pack.rules[2].appliesWhen = { needsAny: ['cd.not-a-need'] };
      pack.rules[3].id = 'home-start-herts.more-than-one-need';
      pack.rules[1].source = { document: 'seed-003', section: '4.1' };
    });
    writeFileSync(join(dir, 'services/renamed.json'), readFileSync(join(dir, 'services/family-hub-0-19.json')));
    unlinkSync(join(dir, 'services/family-hub-0-19.json'));
    const problems = loadError(dir).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'services/plymouth-family-hubs.json', path: 'rules[0].areas[1]', message: expect.stringContaining('unknown area "cornwall"') },
        { file: 'services/plymouth-family-hubs.json', path: 'rules[2].appliesWhen', message: expect.stringContaining('unknown need "cd.not-a-need"') },
        { file: 'services/plymouth-family-hubs.json', path: 'rules[3].id', message: expect.stringContaining('already used in services/home-start-herts.json') },
        { file: 'services/renamed.json', path: 'id', message: expect.stringContaining('must match the file name') },
        { file: 'services/plymouth-family-hubs.json', path: 'rules[1].source.document', message: expect.stringContaining('unknown source document "seed-003"') },
      ]),
    );
  });

  it('points at the line and column of a JSON syntax error', () => {
    const dir = policyCopy();
    writeFileSync(join(dir, 'areas.json'), '{\n  "areas": [\n    { "id": "barnet", }\n  ]\n}\n');
    const [problem] = loadError(dir).problems;
    expect(problem).toMatchObject({ file: 'areas.json', path: '(root)' });
    expect(problem?.message).toMatch(/not valid JSON: .*line 3, column \d+/);
  });

  it('says which file is missing', () => {
    const dir = policyCopy();
    unlinkSync(join(dir, 'levels.json'));
    expect(loadError(dir).problems).toEqual([{ file: 'levels.json', path: '(root)', message: 'cannot read the file (ENOENT)' }]);
  });

  it('requires a condition text on a rule that is conditional when unmet', () => {
    const dir = policyCopy();
    editJson(join(dir, 'services/home-start-herts.json'), (pack) => {
      delete pack.rules[4].condition;
    });
    expect(loadError(dir).problems).toEqual([
      { file: 'services/home-start-herts.json', path: 'rules[4].condition', message: expect.stringContaining('must say the condition') },
    ]);
  });

  it("runs a council's new pack with no code change (the docs/ENGINE.md example)", () => {
    const dir = policyCopy();
    editJson(join(dir, 'areas.json'), (areas) => {
      areas.areas.push({
        id: 'exampleshire',
        name: 'Exampleshire',
        council: 'Exampleshire County Council',
        frontDoor: { name: '', phone: '', source: { document: 'exampleshire-young-carers-2025', says: 'no public number configured' } },
        outwardCodes: ['ZZ1'],
      });
    });
    editJson(join(dir, 'sources.json'), (sources) => {
      sources.documents.push(JSON.parse(exampleFromDocs('example-source')));
    });
    writeFileSync(join(dir, 'services/exampleshire-young-carers.json'), exampleFromDocs('example-pack'));
    const loaded = loadPolicy(dir);
    const parsed = parseCaseFacts({ area: 'exampleshire', children: [{ age: 12 }], needs: ['cd.young-carer'], informationSharingDiscussed: true }, loaded);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const service = evaluateCase(parsed.facts, loaded).services.find((candidate) => candidate.id === 'exampleshire-young-carers');
    expect(service?.outcome).toBe('eligible');
  });
});

describe('areaForPostcode', () => {
  it.each([
    ['SG1 2AB', 'hertfordshire'],
    ['sg12ab', 'hertfordshire'],
    ['AL5', 'hertfordshire'],
    ['EN6 1AA', 'hertfordshire'],
    ['EN5 1AA', 'barnet'],
    ['NW7 3QQ', 'barnet'],
    ['PL1 1AA', 'plymouth'],
    ['BD7 1AA', 'bradford'],
    ['LS29 9AA', 'bradford'],
    ['PL10 1AA', null], // Torpoint, Cornwall: "PL1" must not match PL10
    ['SG18 8AA', null], // Biggleswade, Bedfordshire
    ['EN1 1AA', null], // Enfield
    ['not a postcode', null],
  ])('%s → %s', (postcode, expected) => {
    expect(areaForPostcode(postcode, policy.areas.areas)?.id ?? null).toBe(expected);
  });
});
