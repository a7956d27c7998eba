// `npm run package`: builds the Teams app package manifest/build/right-response.zip
// (manifest.json + color.png + outline.png) from manifest/manifest.template.json.
// Values come from the environment (and ./.env when present):
//   MicrosoftAppId  → bots[0].botId (outside production a synthetic id is used when unset)
//   TEAMS_APP_ID    → id, the Teams app GUID (default: a fixed synthetic GUID)
//   BOT_DOMAIN      → validDomains (default: localhost; a URL is reduced to its host)
//   version         ← package.json
// The result is validated offline against the vendored schemas/teams-manifest-1.29.schema.json.
// Options: --out <file.zip> writes the zip elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ZIP_PATH, REPO_ROOT, buildAppPackage, manifestValuesFromEnv } from './lib/manifest.js';

function main(): void {
  const envFile = path.join(REPO_ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile); // never overrides variables already set

  const outIndex = process.argv.indexOf('--out');
  const outArg = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
  if (outIndex >= 0 && !outArg) throw new Error('--out needs a path to the zip file to write.');
  const zipPath = outArg ? path.resolve(outArg) : DEFAULT_ZIP_PATH;

  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  const { values, warnings } = manifestValuesFromEnv(process.env, pkg.version ?? '');
  for (const warning of warnings) console.warn(`warning: ${warning}`);

  const result = buildAppPackage({ values, zipPath });
  console.log(
    `Teams app package ${path.relative(process.cwd(), result.zipPath) || result.zipPath} (${result.bytes} bytes): ` +
      `app ${values.APP_ID}, bot ${values.BOT_ID}, domain ${values.BOT_DOMAIN}, version ${values.VERSION}. ` +
      'Upload it in Teams: Apps → Manage your apps → Upload an app.',
  );
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
