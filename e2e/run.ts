// `npm run e2e`: drives the Agents Playground in the system Chromium through
// every journey, as one demo person per Playground, against the real bot on
// a fresh database; asserts what each card says; saves screenshots of each
// card type (light, dark, phone width) and a summary (cards left in each
// chat, press-to-reply draw times) under test-results/e2e/. Not part of
// `npm test`. Exit codes: 0 passed, 1 a journey failed, 2 no Chromium.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumMissingMessage, CHROMIUM_MISSING_EXIT, findChromium } from './lib/chromium.js';
import { startStack, type Stack } from './lib/stack.js';
import { Recorder } from './lib/recorder.js';
import { People, Skip, type Journey } from './lib/journey.js';
import { requestJourney } from './journeys/request.js';
import { bookingJourney } from './journeys/booking.js';
import { remindersJourney } from './journeys/reminders.js';
import { caseJourney } from './journeys/case.js';
import { tourJourney } from './journeys/tour.js';
import { reportJourney } from './journeys/report.js';

const OUT = path.resolve('test-results/e2e');
const JOURNEYS: Journey[] = [requestJourney, bookingJourney, remindersJourney, caseJourney, reportJourney, tourJourney];

async function main(): Promise<number> {
  const executablePath = findChromium();
  if (!executablePath) {
    process.stderr.write(chromiumMissingMessage());
    return CHROMIUM_MISSING_EXIT;
  }
  const only = process.argv.slice(2).join(' ').toLowerCase();
  rmSync(OUT, { recursive: true, force: true });
  const recorder = new Recorder(OUT);
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let people: People | undefined;
  const stopEverything = async () => {
    await people?.closeAll();
    await browser?.close().catch(() => undefined);
    await stack?.stop().catch((err: Error) => process.stderr.write(`stopping: ${err.message}\n`));
  };
  process.once('SIGINT', () => void stopEverything().then(() => process.exit(130)));
  try {
    process.stdout.write(`e2e: starting the bot (fresh database) and Chromium (${executablePath}); the bot's log is ${path.join(OUT, 'bot.log')}\n`);
    stack = await startStack(path.join(OUT, 'bot.log'));
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    people = new People(stack, browser, recorder);
    for (const journey of JOURNEYS.filter((j) => !only || j.name.toLowerCase().includes(only))) {
      process.stdout.write(`e2e: ${journey.name} …\n`);
      recorder.begin(journey.name);
      try {
        await people.beginJourney();
        await journey.run(people);
        await people.countCards();
        recorder.end('passed');
      } catch (err) {
        if (err instanceof Skip) {
          recorder.end('skipped', err.message);
          process.stdout.write(`e2e: ${journey.name}: skipped: ${err.message}\n`);
          continue;
        }
        recorder.end('failed', (err as Error).message.split('\n')[0]);
        const shots = await people.failureShots(journey.name);
        process.stderr.write(`e2e: ${journey.name} FAILED\n${(err as Error).message}\nScreenshots: ${shots.join(', ')}\n`);
      }
    }
  } finally {
    await stopEverything();
  }
  process.stdout.write(recorder.summarise());
  process.stdout.write(`e2e: summary in ${path.join(OUT, 'summary.json')}\n`);
  return recorder.failed ? 1 : 0;
}

void main().then((code) => process.exit(code), (err: Error) => {
  process.stderr.write(`e2e could not run: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
