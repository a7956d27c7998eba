// Owns the process configuration: one zod schema over the environment, every
// problem reported at once with its variable name, production refusals included.
import { existsSync } from 'node:fs';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const commaList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/**
 * A whole number written in digits, within [min, max]. Not z.coerce.number(): that reads
 * "0x10" as 16, "1e3" as 1000 and "" as 0, so a typo in a setting would start the app quietly wrong.
 */
const wholeNumber = (min: number, max: number) => z
  .union([z.number(), z.string().trim().regex(/^\d+$/, 'must be a whole number written in digits')])
  .transform(Number)
  .pipe(z.number().int().min(min).max(max));

const hourOfDay = wholeNumber(0, 23);

/** Development only: anyone can read it here, so production refuses it. */
export const DEV_REQUEST_LINK_SECRET = 'dev-only-request-link-secret-change-me-0000';

export const EnvSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().optional(),
  PORT: wholeNumber(0, 65535).default(3978),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: wholeNumber(1024, 65535).default(54329),
  // Started as root, the embedded server runs as the postgres user; when that user cannot reach the
  // project folder, its binaries and data live here instead (src/store/embedded-postgres-placement.ts).
  EMBEDDED_PG_RUNTIME_DIR: z.string().default('/var/lib/right-response'),
  // Production refuses the embedded database (one process, data on the app's own disk) unless this says yes.
  ALLOW_EMBEDDED_DATABASE: booleanFromEnv.default('false'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  ALLOWED_TENANT_IDS: commaList.default(''),
  DIRECTORY_FILE: z.string().optional(),
  POLICY_DIR: z.string().default('policies'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: wholeNumber(1024, 4_000_000).default(256 * 1024),
  WORKING_DAY_START_HOUR: hourOfDay.default(9),
  WORKING_DAY_END_HOUR: hourOfDay.default(17),
  DIGEST_WEEKDAY: wholeNumber(1, 7).default(1),
  DIGEST_HOUR: hourOfDay.default(9),
  JOB_CONCURRENCY: wholeNumber(1, 50).default(4),
  // The database pool and the time limits on every connection (src/store/db.ts says why each exists).
  DB_POOL_MAX: wholeNumber(2, 200).default(10),
  // Idle connections are closed (after DB_POOL_IDLE_CLOSE_MS) only while more than DB_POOL_KEEP_OPEN are open
  // (capped at DB_POOL_MAX; src/store/db.ts says why): at the defaults none ever closes.
  DB_POOL_KEEP_OPEN: wholeNumber(0, 200).default(10),
  DB_POOL_IDLE_CLOSE_MS: wholeNumber(100, 3_600_000).default(10_000),
  DB_CONNECT_TIMEOUT_MS: wholeNumber(100, 120_000).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: wholeNumber(100, 3_600_000).default(15_000),
  DB_LOCK_TIMEOUT_MS: wholeNumber(100, 3_600_000).default(5_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: wholeNumber(1_000, 3_600_000).default(30_000),
  // /healthz fails when the event loop lags this much, or requests have waited this long for a connection with none handed out.
  HEALTH_EVENT_LOOP_MAX_DELAY_MS: wholeNumber(100, 60_000).default(2_000),
  HEALTH_POOL_STUCK_MS: wholeNumber(1_000, 600_000).default(15_000),
  BOT_DOMAIN: z.string().default('localhost'),
  PLAYGROUND_PORT: wholeNumber(1, 65535).default(56150),
  OPEN_PLAYGROUND: booleanFromEnv.default('true'),
  // Only honoured outside production: lets tests point token validation at a loopback key server.
  BOTFRAMEWORK_OPENID_METADATA_URL: z.string().url().optional(),
  BOTFRAMEWORK_TOKEN_ISSUER: z.string().optional(),
  // Signs the short-lived export links (request summary, hub queue CSV); the default is refused in production.
  REQUEST_LINK_SECRET: z.string().min(32, 'use at least 32 characters').default(DEV_REQUEST_LINK_SECRET),
  // How long each record type is kept before the nightly purge (zod-validated at start; see docs/SECURITY.md).
  RETENTION_FILE: z.string().default('config/retention.json'),
  // GET /metrics (Prometheus) needs `Authorization: Bearer <METRICS_TOKEN>`; in production, without a token, /metrics is off.
  METRICS_TOKEN: z.string().min(32, 'use at least 32 characters').optional(),
  // SIGTERM: readiness turns 503 at once, requests keep being served for SHUTDOWN_DELAY_MS (so a load
  // balancer stops sending), then in-flight turns and jobs get up to SHUTDOWN_TIMEOUT_MS to finish.
  SHUTDOWN_DELAY_MS: wholeNumber(0, 120_000).default(0),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(1000, 600_000).default(25_000),
  // Issue 14: an optional language model for understanding free text; off unless configured. The offline engine always answers when it fails.
  LANGUAGE_MODEL: z.enum(['off', 'azure-openai', 'openai-compatible']).default('off'),
  /** Azure: https://<resource>.openai.azure.com; OpenAI-compatible: the base URL, e.g. https://api.openai.com/v1. */
  LANGUAGE_MODEL_ENDPOINT: z.string().url().optional(),
  /** Azure: the deployment name; OpenAI-compatible: the model name. */
  LANGUAGE_MODEL_DEPLOYMENT: z.string().min(1).optional(),
  LANGUAGE_MODEL_API_KEY: z.string().min(1).optional(),
  LANGUAGE_MODEL_API_VERSION: z.string().default('2024-10-21'),
  /** Azure only: authenticate with the app's managed identity (Entra ID) instead of a key. */
  LANGUAGE_MODEL_MANAGED_IDENTITY: booleanFromEnv.default('false'),
  /** Client id of a user-assigned managed identity; empty for the system-assigned one. */
  LANGUAGE_MODEL_MANAGED_IDENTITY_CLIENT_ID: z.string().optional(),
  /** After this the offline engine answers instead. */
  LANGUAGE_MODEL_TIMEOUT_MS: wholeNumber(200, 60_000).default(6000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig extends Env {
  host: string;
  authEnabled: boolean;
  directoryFile: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Loads ./.env into process.env when present (Node's own parser); real env vars win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * The policy folder alone, for tools that need no bot configuration (the
 * `npm run check` CLI): same variable and default as the bot, without the
 * bot's production requirements.
 */
/** The environment a child process (the embedded PostgreSQL) inherits, plus `extra`. */
export function childProcessEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

export function policyDirFromEnv(source: Record<string, string | undefined> = process.env): string {
  return EnvSchema.shape.POLICY_DIR.parse(source.POLICY_DIR || undefined);
}

/** Parses the environment; throws one ConfigError listing every problem. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const env = parsed.data;
  const problems = productionProblems(env);
  problems.push(...languageModelProblems(env));
  if (env.WORKING_DAY_END_HOUR <= env.WORKING_DAY_START_HOUR) {
    problems.push('WORKING_DAY_END_HOUR: must be after WORKING_DAY_START_HOUR');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const authEnabled = env.MicrosoftAppId !== '';
  return {
    ...env,
    // Anonymous development is for the Playground on this machine only.
    host: env.HOST ?? (env.APP_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    authEnabled,
    directoryFile: env.DIRECTORY_FILE ?? 'config/directory.demo.json',
    BOTFRAMEWORK_OPENID_METADATA_URL: env.APP_ENV === 'production' ? undefined : env.BOTFRAMEWORK_OPENID_METADATA_URL,
    BOTFRAMEWORK_TOKEN_ISSUER: env.APP_ENV === 'production' ? undefined : env.BOTFRAMEWORK_TOKEN_ISSUER,
  };
}

function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.APP_ENV === 'production') {
    if (!env.MicrosoftAppId) problems.push('MicrosoftAppId: required in production (an empty id turns authentication off)');
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      problems.push('MicrosoftAppPassword: required in production unless MicrosoftAppType=UserAssignedMSI');
    }
    if (!env.MicrosoftAppTenantId) problems.push('MicrosoftAppTenantId: required in production');
    if (env.ALLOWED_TENANT_IDS.length === 0) problems.push('ALLOWED_TENANT_IDS: required in production (the tenants whose users may use the bot)');
    if (env.REQUEST_LINK_SECRET === DEV_REQUEST_LINK_SECRET) problems.push('REQUEST_LINK_SECRET: set a secret of your own in production (the default is public)');
    if (!env.DIRECTORY_FILE) problems.push('DIRECTORY_FILE: required in production (the demo directory is for development only)');
    if (!env.DATABASE_URL && !env.ALLOW_EMBEDDED_DATABASE) {
      problems.push('DATABASE_URL: required in production (the embedded database keeps the data on this machine\'s disk and serves one instance only; '
        + 'set ALLOW_EMBEDDED_DATABASE=true to run it anyway, e.g. for a demonstration)');
    }
  }
  if (env.APP_ENV !== 'production' && !env.MicrosoftAppId && env.HOST && !isLoopback(env.HOST)) {
    problems.push(`HOST: anonymous mode (no MicrosoftAppId) only binds to localhost, not ${env.HOST}`);
  }
  return problems;
}

function languageModelProblems(env: Env): string[] {
  if (env.LANGUAGE_MODEL === 'off') return [];
  const problems: string[] = [];
  if (!env.LANGUAGE_MODEL_ENDPOINT) problems.push(`LANGUAGE_MODEL_ENDPOINT: required when LANGUAGE_MODEL=${env.LANGUAGE_MODEL}`);
  if (!env.LANGUAGE_MODEL_DEPLOYMENT) problems.push(`LANGUAGE_MODEL_DEPLOYMENT: required when LANGUAGE_MODEL=${env.LANGUAGE_MODEL} (the ${env.LANGUAGE_MODEL === 'azure-openai' ? 'deployment' : 'model'} name)`);
  if (env.LANGUAGE_MODEL === 'azure-openai') {
    if (!env.LANGUAGE_MODEL_API_KEY && !env.LANGUAGE_MODEL_MANAGED_IDENTITY) problems.push('LANGUAGE_MODEL_API_KEY: required for Azure OpenAI unless LANGUAGE_MODEL_MANAGED_IDENTITY=true');
    if (env.LANGUAGE_MODEL_ENDPOINT && !env.LANGUAGE_MODEL_ENDPOINT.startsWith('https://')) problems.push('LANGUAGE_MODEL_ENDPOINT: Azure OpenAI endpoints are https://');
  } else if (env.LANGUAGE_MODEL_MANAGED_IDENTITY) {
    problems.push('LANGUAGE_MODEL_MANAGED_IDENTITY: only for LANGUAGE_MODEL=azure-openai');
  }
  if (env.APP_ENV === 'production' && env.LANGUAGE_MODEL_ENDPOINT && !env.LANGUAGE_MODEL_ENDPOINT.startsWith('https://')) {
    problems.push('LANGUAGE_MODEL_ENDPOINT: must be https:// in production (family text, even with names removed, never travels unencrypted)');
  }
  return problems;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
