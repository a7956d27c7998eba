// Lint: typescript-eslint recommended, plus the architecture the README draws,
// enforced rather than kept by habit. Each boundary below has a probe in
// test/foundation/boundaries.test.ts that breaks it and must fail lint.
//
//   1. src/domain imports only src/domain, zod, date-fns and @date-fns/tz; no clock reads.
//      src/understanding (free text read with NLP libraries) is pure the same way: it imports
//      only src/domain, itself, those packages and its named NLP libraries.
//   2. Only src/teams and src/main.ts import botbuilder, botframework-* or @microsoft/teams-ai.
//   3. process.env is read only in src/config (scripts/, test/ and bench/ may read it).
//   4. SQL lives only in src/store: no `.query(` call and no SQL text elsewhere in src.
//   5. Layers point one way: nothing imports src/main.ts; nothing outside src/teams
//      imports src/teams except the entry points (src/main.ts and src/cli, which compose
//      the parts as main.ts does); src/store imports none of app, teams, jobs, server, cli.
//
// File-to-file rules use eslint-plugin-import-x's no-restricted-paths, which
// resolves each import (TypeScript's `.js` → `.ts` included) before matching,
// so `../../store/db.js` is caught at any depth. Package rules use ESLint's own
// no-restricted-imports, which matches the specifier.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const TEAMS_LIBRARIES = {
  group: ['botbuilder', 'botbuilder-*', 'botbuilder/*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*'],
  message: 'Teams libraries are imported only in src/teams (and src/main.ts): turn activities into use-case calls there.',
};

/** `import { env } from 'node:process'` is process.env by another name. */
const ENV_IMPORTS = ['node:process', 'process'].map((name) => ({
  name,
  importNames: ['env'],
  message: 'The environment is read only in src/config: take what you need from AppConfig.',
}));

const DOMAIN_PACKAGES = {
  // Anything that is not relative (checked by the zones below) and not an allowed package.
  regex: '^(?!\\.{1,2}/|zod(/|$)|date-fns(/|$)|@date-fns/tz(/|$))',
  message: 'src/domain is pure: it imports only src/domain, zod, date-fns and @date-fns/tz.',
};

const UNDERSTANDING_PACKAGES = {
  regex: '^(?!\\.{1,2}/|zod(/|$)|date-fns(/|$)|@date-fns/tz(/|$)|wink-nlp(/|$)|wink-eng-lite-web-model(/|$)|minisearch(/|$)|chrono-node(/|$)|node:module$)',
  message: 'src/understanding is pure: it imports only src/domain, itself, zod, date-fns, @date-fns/tz and its NLP libraries (wink-nlp and its model, minisearch, chrono-node).',
};

const SQL_TEXT = '/^\\s*(SELECT|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|WITH|CREATE|ALTER|DROP|TRUNCATE)\\s/';
const SQL_ONLY_IN_STORE = [
  {
    selector: "CallExpression[callee.property.name='query']",
    message: 'Only src/store talks to the database: add a named function to a store module and call that.',
  },
  {
    selector: `Literal[value=${SQL_TEXT}]`,
    message: 'SQL text belongs in src/store: add a named function to a store module and call that.',
  },
  {
    selector: `TemplateLiteral > TemplateElement:first-child[value.raw=${SQL_TEXT}]`,
    message: 'SQL text belongs in src/store: add a named function to a store module and call that.',
  },
];

const NO_CLOCK_READS = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain rules take time as a parameter: no new Date() without arguments.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain rules take time as a parameter: no Date.now().' },
];

// Layers that may not import src/teams (the entry points src/main.ts and src/cli may).
const LAYERS = [
  'src/domain', 'src/understanding', 'src/app', 'src/store', 'src/jobs', 'src/server', 'src/config', 'src/log',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', '.playground/', 'manifest/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: 'src/domain', from: 'src', except: ['./domain'], message: 'src/domain imports only src/domain (and zod, date-fns, @date-fns/tz).' },
          { target: 'src/understanding', from: 'src', except: ['./domain', './understanding'], message: 'src/understanding imports only src/domain and itself (and its NLP libraries).' },
          { target: LAYERS, from: 'src/teams', message: 'Only src/teams and src/main.ts know about Teams: pass what is needed in through a port.' },
          { target: 'src', from: 'src/main.ts', message: 'src/main.ts is the composition root: nothing imports it.' },
          { target: 'src/store', from: ['src/app', 'src/teams', 'src/jobs', 'src/server', 'src/cli'], message: 'src/store sits below the use cases: it imports only src/domain, src/log and other stores.' },
        ],
      }],
      'no-restricted-imports': ['error', { paths: ENV_IMPORTS, patterns: [TEAMS_LIBRARIES] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'The environment is read only in src/config: take what you need from AppConfig.' }],
      'no-restricted-syntax': ['error', ...SQL_ONLY_IN_STORE],
    },
  },
  {
    // The Teams layer and the composition root may import the Teams libraries.
    files: ['src/teams/**/*.ts', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ENV_IMPORTS }],
    },
  },
  {
    files: ['src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [TEAMS_LIBRARIES] }],
      'no-restricted-properties': 'off',
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
    },
  },
  {
    // The domain is pure: no Teams, no SQL, no I/O, no clock reads.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ENV_IMPORTS, patterns: [DOMAIN_PACKAGES] }],
      'no-restricted-syntax': ['error', ...SQL_ONLY_IN_STORE, ...NO_CLOCK_READS],
    },
  },
  {
    // Understanding free text is pure the same way, over named NLP libraries.
    files: ['src/understanding/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ENV_IMPORTS, patterns: [UNDERSTANDING_PACKAGES] }],
      'no-restricted-syntax': ['error', ...SQL_ONLY_IN_STORE, ...NO_CLOCK_READS],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/understanding/**/*.ts', 'src/app/**/*.ts', 'src/store/**/*.ts', 'src/jobs/**/*.ts'],
    rules: {
      'no-console': 'error',
    },
  },
);
