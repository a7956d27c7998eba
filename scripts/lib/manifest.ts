// The Teams app manifest: fills manifest/manifest.template.json from a few
// values, validates the result offline against the vendored Teams schema
// (schemas/) plus the rules the schema cannot express, checks the committed
// icons (pngjs), and builds the app package (manifest.json + color.png +
// outline.png in a zip, fflate). Used by scripts/package-manifest.ts
// (`npm run package`) and test/manifest.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import pngjs from 'pngjs';
import { z } from 'zod';
import { manifestCommandLists } from '../../src/teams/commands.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MANIFEST_DIR = path.join(REPO_ROOT, 'manifest');
export const TEMPLATE_PATH = path.join(MANIFEST_DIR, 'manifest.template.json');
/** The offline Teams schema, vendored with its source and licence in schemas/README.md. */
export const SCHEMA_PATH = path.join(REPO_ROOT, 'schemas', 'teams-manifest-1.29.schema.json');
export const DEFAULT_ZIP_PATH = path.join(MANIFEST_DIR, 'build', 'right-response.zip');

/** Synthetic, fixed Teams app id: one id per app across versions, so updates replace rather than duplicate. */
export const SYNTHETIC_TEAMS_APP_ID = '5f1c2a9e-7b3d-4e60-9a8f-1d2c3b4a5e6f';
/** Stand-in bot id for development packages when MicrosoftAppId is unset (no real bot behind it). */
export const SYNTHETIC_BOT_ID = '8d2f4c6a-1e3b-4a5c-9d7e-0f1a2b3c4d5e';

/** Icon files and their required sizes (Teams: colour 192×192, outline 32×32 white on transparent). */
export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;
export const MAX_COMMAND_LISTS = 3;
export const MAX_COMMANDS_PER_LIST = 12; // Teams 1.24+

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)$/; // what Teams accepts: x.y.z only
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?$/i;

/** The template's placeholders, `${{NAME}}`, and what each must be. */
export const ManifestValuesSchema = z.object({
  BOT_ID: z.string().regex(GUID, 'must be a GUID (the bot\'s Microsoft App ID)'),
  APP_ID: z.string().regex(GUID, 'must be a GUID (the Teams app id)'),
  BOT_DOMAIN: z.string().regex(DOMAIN, 'must be a host name such as bot.example.org, without scheme or path'),
  VERSION: z.string().regex(SEMVER, 'must be a version like 1.2.3 (Teams accepts no pre-release or build suffix)'),
});
export type ManifestValues = z.infer<typeof ManifestValuesSchema>;

/** Accepts a bare host or a URL and returns the host (with port, if any) for validDomains. */
export function toDomain(value: string): string {
  const trimmed = value.trim();
  return trimmed.includes('://') ? new URL(trimmed).host : trimmed.replace(/\/+$/, '');
}

/**
 * Reads the placeholder values from the environment: BOT_ID from MicrosoftAppId,
 * TEAMS_APP_ID (default: the synthetic app id), BOT_DOMAIN (default localhost),
 * VERSION from package.json. Outside production a missing MicrosoftAppId falls
 * back to a synthetic bot id, reported in `warnings`.
 */
export function manifestValuesFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  packageVersion: string,
): { values: ManifestValues; warnings: string[] } {
  const warnings: string[] = [];
  const appId = env.MicrosoftAppId?.trim();
  let botId = appId;
  if (!botId) {
    if (env.APP_ENV === 'production') {
      throw new Error('MicrosoftAppId is not set: a production app package needs the bot\'s Microsoft App ID.');
    }
    botId = SYNTHETIC_BOT_ID;
    warnings.push(`MicrosoftAppId is not set; using the synthetic bot id ${SYNTHETIC_BOT_ID}. The package is valid but reaches no real bot.`);
  }
  const values = {
    BOT_ID: botId,
    APP_ID: env.TEAMS_APP_ID?.trim() || SYNTHETIC_TEAMS_APP_ID,
    BOT_DOMAIN: toDomain(env.BOT_DOMAIN?.trim() || 'localhost'),
    VERSION: packageVersion,
  };
  return { values: parseValues(values), warnings };
}

function parseValues(values: unknown): ManifestValues {
  const parsed = ManifestValuesSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(values)'} ${i.message}`);
    throw new Error(`Cannot fill the Teams manifest: ${problems.join('; ')}.`);
  }
  return parsed.data;
}

/** Fills every `${{NAME}}` in the template (JSON-escaped) and returns the manifest object. */
export function renderManifest(env: ManifestValues, templateText = readFileSync(TEMPLATE_PATH, 'utf8')): Record<string, unknown> {
  const values: Record<string, string> = parseValues(env);
  const unknown = new Set<string>();
  const text = templateText.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0) throw new Error(`The manifest template uses placeholders with no value: ${[...unknown].join(', ')}.`);
  if (text.includes('${{')) throw new Error('The manifest template has a malformed ${{…}} placeholder.');
  const manifest: unknown = JSON.parse(text);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error('The manifest template must be a JSON object.');
  }
  // The command lists come from the bot's one command registry, so the manifest never offers a command the bot lacks.
  for (const bot of ((manifest as { bots?: { commandLists?: unknown }[] }).bots ?? [])) bot.commandLists = manifestCommandLists();
  return manifest as Record<string, unknown>;
}

const validators = new Map<string, ValidateFunction>();

/**
 * Compiles the offline Teams schema. It declares draft-04, which Ajv 8 has no
 * meta-schema for; it uses no draft-04-only keywords (boolean exclusiveMaximum,
 * `id`), so we drop `$schema` and compile it with Ajv's default dialect.
 */
function schemaValidator(schemaPath: string): ValidateFunction {
  let validate = validators.get(schemaPath);
  if (validate) return validate;
  let text: string;
  try {
    text = readFileSync(schemaPath, 'utf8');
  } catch {
    throw new Error(`The offline Teams manifest schema is missing at ${schemaPath} (it is vendored in schemas/).`);
  }
  const { $schema: _dialect, ...schema } = JSON.parse(text) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajvFormats.default(ajv); // CJS interop: the module object; `.default` is the plugin at runtime and in types
  validate = ajv.compile(schema);
  validators.set(schemaPath, validate);
  return validate;
}

interface CommandList { scopes?: string[]; commands?: { title?: string }[] }
interface BotEntry { scopes?: string[]; commandLists?: CommandList[] }

/**
 * Validates a rendered manifest: the offline schema first, then the rules the
 * Teams validator applies that the schema does not. Returns one sentence per
 * problem, empty when valid.
 */
export function validateManifest(obj: unknown, schemaPath = SCHEMA_PATH): string[] {
  const validate = schemaValidator(schemaPath);
  const errors: string[] = [];
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) {
      const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
      errors.push(`${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`);
    }
  }
  if (typeof obj !== 'object' || obj === null) return errors;
  const m = obj as {
    description?: { short?: string; full?: string };
    bots?: BotEntry[];
    validDomains?: string[];
    icons?: Record<string, string>;
  };
  if (m.description?.short !== undefined && m.description.short === m.description.full) {
    errors.push('/description the full description must differ from the short one');
  }
  for (const [b, bot] of (m.bots ?? []).entries()) {
    const lists = bot.commandLists ?? [];
    if (lists.length > MAX_COMMAND_LISTS) errors.push(`/bots/${b}/commandLists has ${lists.length} lists; at most ${MAX_COMMAND_LISTS}`);
    const scopesWithList = new Set<string>();
    for (const [l, list] of lists.entries()) {
      const commands = list.commands ?? [];
      if (commands.length > MAX_COMMANDS_PER_LIST) errors.push(`/bots/${b}/commandLists/${l} has ${commands.length} commands; at most ${MAX_COMMANDS_PER_LIST}`);
      const titles = commands.map((c) => c.title?.toLowerCase());
      const dup = titles.find((t, i) => titles.indexOf(t) !== i);
      if (dup !== undefined) errors.push(`/bots/${b}/commandLists/${l} lists the command "${dup}" twice`);
      for (const scope of list.scopes ?? []) {
        if (!(bot.scopes ?? []).includes(scope)) errors.push(`/bots/${b}/commandLists/${l} is for scope ${scope}, which the bot does not declare`);
        if (scopesWithList.has(scope)) errors.push(`/bots/${b}/commandLists: scope ${scope} has more than one command list`);
        scopesWithList.add(scope);
      }
    }
  }
  for (const [d, domain] of (m.validDomains ?? []).entries()) {
    if (!DOMAIN.test(domain)) errors.push(`/validDomains/${d} "${domain}" must be a host name without scheme or path`);
  }
  for (const [kind, file] of Object.entries(m.icons ?? {})) {
    const expected = ICONS[kind as keyof typeof ICONS]?.file;
    if (expected !== undefined && file !== expected) errors.push(`/icons/${kind} must be "${expected}" (the file the package ships)`);
  }
  return errors;
}

/** PNG colour type 6: 8-bit RGBA, what an outline icon with real transparency needs. */
export const COLOR_TYPE_RGBA = 6;

/** Checks both icons: PNG, exact size; the outline icon white on transparent. Returns one sentence per problem. */
export function checkIcons(dir = MANIFEST_DIR): string[] {
  const errors: string[] = [];
  for (const [kind, { file, size }] of Object.entries(ICONS)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(dir, file));
    } catch {
      errors.push(`${file} is missing from ${dir}`);
      continue;
    }
    try {
      const png = pngjs.PNG.sync.read(bytes);
      if (png.width !== size || png.height !== size) errors.push(`${file} is ${png.width}×${png.height}; Teams needs ${size}×${size}`);
      if (kind !== 'outline') continue;
      let transparent = 0;
      let nonWhite = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        if (png.data[i + 3] === 0) transparent++;
        else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) nonWhite++;
      }
      if (transparent === 0) errors.push(`${file} has no transparent pixels; the outline icon is white on transparent`);
      if (nonWhite > 0) errors.push(`${file} has ${nonWhite} visible pixels that are not white`);
    } catch (error) {
      errors.push(`${file} is not a readable PNG: ${(error as Error).message}`);
    }
  }
  return errors;
}

const PACKAGE_MTIME = new Date(2020, 0, 1);

export interface AppPackage {
  manifest: Record<string, unknown>;
  zipPath: string;
  bytes: number;
}

/** Renders, validates and zips the app package; throws one error listing every problem found. */
export function buildAppPackage(options: {
  values: ManifestValues;
  zipPath?: string;
  iconDir?: string;
  schemaPath?: string;
}): AppPackage {
  const iconDir = options.iconDir ?? MANIFEST_DIR;
  const zipPath = options.zipPath ?? DEFAULT_ZIP_PATH;
  const manifest = renderManifest(options.values);
  const problems = [...validateManifest(manifest, options.schemaPath), ...checkIcons(iconDir)];
  if (problems.length > 0) {
    throw new Error(`The Teams app package is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  // A fixed timestamp (local midnight, so the DOS date fields are the same in every
  // time zone) makes the package byte-for-byte reproducible.
  const entry = (data: Uint8Array): [Uint8Array, { mtime: Date }] => [data, { mtime: PACKAGE_MTIME }];
  const zip = zipSync({
    'manifest.json': entry(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')),
    [ICONS.color.file]: entry(readFileSync(path.join(iconDir, ICONS.color.file))),
    [ICONS.outline.file]: entry(readFileSync(path.join(iconDir, ICONS.outline.file))),
  }, { level: 9 });
  mkdirSync(path.dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, zip);
  return { manifest, zipPath, bytes: zip.length };
}
