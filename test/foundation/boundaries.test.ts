// The architecture the README draws is enforced by lint (eslint.config.js).
// Each probe below is a small source file that breaks one rule, linted with
// ESLint's Node API as if it sat at the given path in the tree; it must fail
// with that rule. Each rule also has a control: the same kind of code where it
// is allowed lints clean, so a probe cannot pass by failing for another reason.
// Probes are linted from memory (lintText with a file path): nothing is written
// into the tree, so a lint run beside this test never sees them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

interface Probe { at: string; code: string }

async function rulesBroken({ at, code }: Probe): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, at) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const PATHS = 'import-x/no-restricted-paths';
const IMPORTS = 'no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';
const ENV = 'no-restricted-properties';

const breaks: [string, Probe, string][] = [
  // 1. src/domain imports only src/domain, zod, date-fns and @date-fns/tz; no clock reads.
  ['the domain importing a store', { at: 'src/domain/probe/probe.ts', code: "import { createPool } from '../../store/db.js';\nexport const p = createPool;\n" }, PATHS],
  ['the domain importing a store from any depth', { at: 'src/domain/a/b/probe.ts', code: "import { withTransaction } from '../../../store/db.js';\nexport const p = withTransaction;\n" }, PATHS],
  ['the domain importing a use case', { at: 'src/domain/probe.ts', code: "import { UseCaseError } from '../app/errors.js';\nexport const p = UseCaseError;\n" }, PATHS],
  ['the domain importing the configuration', { at: 'src/domain/probe.ts', code: "import { loadConfig } from '../config/env.js';\nexport const p = loadConfig;\n" }, PATHS],
  ['the domain importing pg', { at: 'src/domain/probe.ts', code: "import pg from 'pg';\nexport const p = pg;\n" }, IMPORTS],
  ['the domain importing node:fs', { at: 'src/domain/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const p = readFileSync;\n" }, IMPORTS],
  ['the domain reading the clock', { at: 'src/domain/probe.ts', code: 'export const now = (): Date => new Date();\n' }, SYNTAX],
  ['the domain calling Date.now()', { at: 'src/domain/probe.ts', code: 'export const now = (): number => Date.now();\n' }, SYNTAX],
  ['understanding importing a store', { at: 'src/understanding/probe.ts', code: "import { createPool } from '../store/db.js';\nexport const p = createPool;\n" }, PATHS],
  ['understanding importing a use case', { at: 'src/understanding/probe.ts', code: "import { UseCaseError } from '../app/errors.js';\nexport const p = UseCaseError;\n" }, PATHS],
  ['understanding importing node:fs', { at: 'src/understanding/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const p = readFileSync;\n" }, IMPORTS],
  ['understanding reading the clock', { at: 'src/understanding/probe.ts', code: 'export const now = (): Date => new Date();\n' }, SYNTAX],
  ['the domain importing understanding', { at: 'src/domain/probe.ts', code: "import { createUnderstandingEngine } from '../understanding/engine.js';\nexport const p = createUnderstandingEngine;\n" }, PATHS],
  // 2. Only src/teams and src/main.ts import Teams libraries.
  ['a use case importing botbuilder', { at: 'src/app/probe.ts', code: "import { TurnContext } from 'botbuilder';\nexport const p = TurnContext;\n" }, IMPORTS],
  ['a store importing botbuilder types', { at: 'src/store/probe.ts', code: "import type { Storage } from 'botbuilder';\nexport type P = Storage;\n" }, IMPORTS],
  ['a job importing @microsoft/teams-ai', { at: 'src/jobs/probe.ts', code: "import { Application } from '@microsoft/teams-ai';\nexport const p = Application;\n" }, IMPORTS],
  ['the server importing botframework-connector', { at: 'src/server/probe.ts', code: "import { JwtTokenValidation } from 'botframework-connector';\nexport const p = JwtTokenValidation;\n" }, IMPORTS],
  ['the domain importing botbuilder', { at: 'src/domain/probe.ts', code: "import { TurnContext } from 'botbuilder';\nexport const p = TurnContext;\n" }, IMPORTS],
  // 3. process.env only in src/config.
  ['a use case reading process.env', { at: 'src/app/probe.ts', code: 'export const url = process.env.DATABASE_URL;\n' }, ENV],
  ['a handler destructuring process.env', { at: 'src/teams/probe.ts', code: 'const { env } = process;\nexport const url = env.DATABASE_URL;\n' }, ENV],
  ['the CLI importing env from node:process', { at: 'src/cli/probe.ts', code: "import { env } from 'node:process';\nexport const url = env.DATABASE_URL;\n" }, IMPORTS],
  // 4. SQL only in src/store.
  ['a use case calling .query(', { at: 'src/app/probe.ts', code: "export async function p(db: { query(sql: string): Promise<unknown> }) { return db.query(sql); }\nconst sql = 'x';\n" }, SYNTAX],
  ['a handler holding SQL text', { at: 'src/teams/probe.ts', code: "export const sql = 'SELECT * FROM checks WHERE id = $1';\n" }, SYNTAX],
  ['a job holding a SQL template', { at: 'src/jobs/probe.ts', code: 'export const sql = (t: string) => `UPDATE reminders SET status = ${t}`;\n' }, SYNTAX],
  ['the domain holding SQL text', { at: 'src/domain/probe.ts', code: "export const sql = 'DELETE FROM checks';\n" }, SYNTAX],
  // 5. Layers point one way.
  ['a use case importing the Teams layer', { at: 'src/app/probe.ts', code: "import { renderCard } from '../teams/cards/render.js';\nexport const p = renderCard;\n" }, PATHS],
  ['understanding importing the Teams layer', { at: 'src/understanding/probe.ts', code: "import { renderCard } from '../teams/cards/render.js';\nexport const p = renderCard;\n" }, PATHS],
  ['a job importing the Teams layer', { at: 'src/jobs/probe.ts', code: "import { renderCard } from '../teams/cards/render.js';\nexport const p = renderCard;\n" }, PATHS],
  ['a store importing a use case', { at: 'src/store/probe.ts', code: "import { UseCaseError } from '../app/errors.js';\nexport const p = UseCaseError;\n" }, PATHS],
  ['anything importing the composition root', { at: 'src/teams/probe.ts', code: "import * as main from '../main.js';\nexport const p = main;\n" }, PATHS],
];

const allowed: [string, Probe][] = [
  ['the domain importing the domain, zod, date-fns and @date-fns/tz', {
    at: 'src/domain/probe/probe.ts',
    code: "import { z } from 'zod';\nimport { addDays } from 'date-fns';\nimport { TZDate } from '@date-fns/tz';\nimport { weekById } from '../time/london.js';\nexport const p = [z, addDays, TZDate, weekById];\n",
  }],
  ['understanding importing the domain and its NLP libraries', {
    at: 'src/understanding/probe.ts',
    code: "import winkNLP from 'wink-nlp';\nimport MiniSearch from 'minisearch';\nimport * as chrono from 'chrono-node';\nimport { weekById } from '../domain/time/london.js';\nexport const p = [winkNLP, MiniSearch, chrono, weekById];\n",
  }],
  ['a command-line entry point composing the Teams layer', { at: 'src/cli/probe.ts', code: "import { renderCard } from '../teams/cards/render.js';\nexport const p = renderCard;\n" }],
  ['the Teams layer importing botbuilder and teams-ai', { at: 'src/teams/probe.ts', code: "import { TurnContext } from 'botbuilder';\nimport { Application } from '@microsoft/teams-ai';\nexport const p = [TurnContext, Application];\n" }],
  ['the composition root importing botbuilder', { at: 'src/main.ts', code: "import { TurnContext } from 'botbuilder';\nexport const p = TurnContext;\n" }],
  ['the configuration reading process.env', { at: 'src/config/probe.ts', code: 'export const url = process.env.DATABASE_URL;\n' }],
  ['a script reading process.env', { at: 'scripts/probe.ts', code: 'export const url = process.env.DATABASE_URL;\n' }],
  ['a store holding and running SQL', { at: 'src/store/probe.ts', code: "export async function p(db: { query(sql: string): Promise<unknown> }) { return db.query('SELECT 1'); }\n" }],
  ['a use case importing stores and the domain', { at: 'src/app/probe.ts', code: "import { withTransaction } from '../store/db.js';\nimport { weekById } from '../domain/time/london.js';\nexport const p = [withTransaction, weekById];\n" }],
  ['words on a card that start like SQL in lower case', { at: 'src/teams/probe.ts', code: "export const label = 'Select the hub';\n" }],
];

describe('lint enforces the architecture', () => {
  it.each(breaks)('%s fails lint', async (_name, probe, rule) => {
    expect(await rulesBroken(probe)).toContain(rule);
  });

  it.each(allowed)('%s lints clean', async (_name, probe) => {
    expect(await rulesBroken(probe)).toEqual([]);
  });
});
