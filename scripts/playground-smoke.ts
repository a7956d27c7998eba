// Drives the Agents Playground in headless Chromium the way a person would:
// types "hi", presses buttons, fills card inputs, and saves screenshots.
// Not part of `npm test` (CI has no Chromium); run it after `npm start`:
//   npx tsx scripts/playground-smoke.ts [outDir]
import { chromium, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const out = process.argv[2] ?? 'data/screenshots';
const url = process.env.PLAYGROUND_URL ?? 'http://localhost:56150';

async function say(page: Page, text: string) {
  const box = page.locator('[contenteditable][role=textbox]').first();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

async function lastCard(page: Page) {
  const cards = page.locator('.ac-adaptiveCard');
  await page.waitForTimeout(1500);
  return cards.nth((await cards.count()) - 1);
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  process.on('exit', () => undefined);
  page.on('pageerror', () => undefined);
  await page.goto(url);
  await page.waitForTimeout(4000);
  await page.screenshot({ path: `${out}/00-open.png` });
  await say(page, 'hi');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${out}/01-welcome.png` });
  let card = await lastCard(page);
  await card.getByRole('button', { name: 'Threshold check' }).click();
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${out}/02-safety.png` });
  card = await lastCard(page);
  if ((await card.innerText()).includes('You have a check in progress')) {
    await card.getByRole('button', { name: 'Start a new check' }).click();
    card = await lastCard(page);
  }
  await card.locator('select').first().selectOption({ label: 'Barnet' }).catch(async () => {
    await card.getByRole('combobox').first().click();
    await page.getByRole('option', { name: 'Barnet' }).click();
  });
  await card.getByRole('radio', { name: 'No' }).check();
  await card.getByRole('button', { name: 'Continue' }).click();
  card = await lastCard(page);
  await card.getByRole('radio', { name: 'No current involvement' }).check();
  await card.getByRole('button', { name: 'Continue' }).click();
  card = await lastCard(page);
  await page.screenshot({ path: `${out}/02b-family.png`, fullPage: true });
  await card.getByRole('textbox').nth(0).fill('4, unborn');
  await card.getByRole('textbox').nth(1).fill('N11 1AA');
  await card.getByRole('textbox').nth(2).fill('LCS-DEMO-01');
  await card.getByRole('button', { name: 'Continue' }).click();
  card = await lastCard(page);
  await page.screenshot({ path: `${out}/03-needs.png`, fullPage: true });
  await card.getByRole('checkbox', { name: 'Routines and boundaries' }).check();
  await card.getByRole('checkbox', { name: /Social isolation/ }).check();
  await card.getByRole('button', { name: 'Continue' }).click();
  card = await lastCard(page);
  await card.getByRole('checkbox', { name: /Information sharing/ }).check();
  await card.getByRole('button', { name: 'See the result' }).click();
  card = await lastCard(page);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/04-result.png`, fullPage: true });
  await browser.close();
}

void main().catch(async (err: Error) => {
  process.stderr.write(`${err.message.split('\n')[0]}\n`);
  process.exit(1);
});
