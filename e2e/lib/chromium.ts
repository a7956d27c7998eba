// Owns finding the system Chromium that playwright-core drives. The e2e run
// uses the distribution's browser, never a downloaded one, so a missing
// browser is a one-paragraph message and exit code 2, not a stack trace.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM_MISSING_EXIT = 2;

export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export function chromiumMissingMessage(env: Record<string, string | undefined> = process.env): string {
  const where = env.CHROMIUM_PATH ? `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no file there.` : `No Chromium was found (looked for ${CANDIDATES.join(', ')}).`;
  return [
    '',
    `npm run e2e needs a Chromium browser on this machine. ${where}`,
    'Install the distribution\'s browser with `sudo apt-get install chromium` (Debian/Ubuntu; `chromium-browser` on older Ubuntu),',
    'or point CHROMIUM_PATH at any Chromium or Chrome executable, e.g. `CHROMIUM_PATH=/opt/google/chrome/chrome npm run e2e`.',
    'Nothing else is downloaded: playwright-core (already a dev dependency) drives that browser. `npm test` does not need it.',
    '',
  ].join('\n');
}
