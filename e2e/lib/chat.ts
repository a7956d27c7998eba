// Owns driving one person's Agents Playground the way a person would: type a
// message, press a card's button, fill its inputs by label, and wait for the
// reply to be drawn. A reply is "the latest card containing the expected
// text that is new or has changed since the action", so the same journey
// passes whether the bot sends a new card or updates the pressed one in place.
// Every wait fails loudly (with a screenshot and the last cards' text) when
// its time runs out; there are no fixed sleeps.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Recorder } from './recorder.js';

export type Expect = string | RegExp;

/** Slow machines: a reply normally takes 1–5 s; this is when we give up and say so. */
const REPLY_TIMEOUT_MS = Number(process.env.E2E_REPLY_TIMEOUT_MS || 60_000);

/** A card, not a card shown inside another (Action.ShowCard). */
const TOP_LEVEL_CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';

interface ExpectArg { source: string; flags: string; isRegex: boolean }
const expectArg = (e: Expect): ExpectArg => (typeof e === 'string' ? { source: e, flags: '', isRegex: false } : { source: e.source, flags: e.flags, isRegex: true });
const describe = (e: Expect) => (typeof e === 'string' ? `"${e}"` : String(e));

export class Chat {
  /** The conversation shown now ("Personal Chat" or a channel's name). */
  private conversation = 'Personal Chat';
  /** Cards each conversation held when the current journey began (or when it first opened it). */
  private readonly baselines = new Map<string, number>();

  private constructor(readonly who: string, readonly page: Page, private readonly context: BrowserContext, private readonly recorder: Recorder) {}

  static async open(browser: Browser, who: string, url: string, recorder: Recorder): Promise<Chat> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: 'light', acceptDownloads: true });
    // tsx keeps function names with a `__name` helper that functions sent to the page would call.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    const chat = new Chat(who, page, context, recorder);
    await page.goto(url);
    await page.locator('[contenteditable][role=textbox]').first().waitFor({ timeout: REPLY_TIMEOUT_MS });
    chat.baselines.set(chat.conversation, 0);
    return chat;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Opens a conversation in the left rail: "Personal Chat" or a channel such as "Barnet North requests". */
  async openConversation(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name }).first().click();
    await this.page.locator('[contenteditable][role=textbox]').first().waitFor();
    this.conversation = name;
    if (!this.baselines.has(name)) this.baselines.set(name, await this.cardCount());
  }

  /** A journey begins: from now on, count the cards it adds. */
  async beginJourney(): Promise<void> {
    this.baselines.clear();
    this.baselines.set(this.conversation, await this.cardCount());
  }

  /** Cards the current journey added, per conversation it used (visits each, ending where it was). */
  async cardsAdded(): Promise<Record<string, number>> {
    const where = this.conversation;
    const added: Record<string, number> = {};
    for (const [name, before] of [...this.baselines].sort(([a], [b]) => Number(a === where) - Number(b === where))) {
      if (name !== this.conversation) await this.openConversation(name);
      added[name] = (await this.cardCount()) - before;
    }
    return added;
  }

  /** Posts in a channel, @mentioning the bot (the Playground sends channel posts to the bot only when mentioned). */
  async post(text: string, expect: Expect, step = `post "${text}"`): Promise<Locator> {
    await this.markSeen();
    const box = this.page.locator('[contenteditable][role=textbox]').first();
    await box.click();
    await this.page.keyboard.type('@Right');
    await this.page.getByRole('menuitem', { name: 'Right Response' }).first().click();
    await this.page.keyboard.type(` ${text}`);
    const started = Date.now();
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    return this.replyCard(expect, step, started);
  }

  /** Types a message and waits for the reply card containing `expect`. */
  async say(text: string, expect: Expect, step = `say "${text}"`): Promise<Locator> {
    await this.markSeen();
    const box = this.page.locator('[contenteditable][role=textbox]').first();
    await box.click();
    await box.fill(text);
    const started = Date.now();
    await this.page.keyboard.press('Enter');
    return this.replyCard(expect, step, started);
  }

  /** Presses a button on a card and waits for the reply card containing `expect`. */
  async press(card: Locator, button: string | RegExp, expect: Expect, step = `press "${String(button)}"`): Promise<Locator> {
    await this.markSeen();
    const target = card.getByRole('button', { name: button }).first();
    await target.scrollIntoViewIfNeeded();
    const started = Date.now();
    await target.click();
    return this.replyCard(expect, step, started);
  }

  /** Remembers every card as it is now, so the next wait only accepts a new or changed card. */
  async markSeen(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __e2eSeen: WeakMap<Element, string> };
      w.__e2eSeen = new WeakMap();
      for (const el of Array.from(document.querySelectorAll('.ac-adaptiveCard'))) {
        if (!el.parentElement?.closest('.ac-adaptiveCard')) w.__e2eSeen.set(el, (el as HTMLElement).innerText);
      }
    });
  }

  /** Waits for a card that arrives without an action here (another person's doing, a reminder). */
  async arrives(expect: Expect, step: string): Promise<Locator> {
    return this.waitForCard(expect, step, { fresh: true });
  }

  /** The latest card (new or not) that says `expect`. */
  async latest(expect: Expect, step: string): Promise<Locator> {
    return this.waitForCard(expect, step, { fresh: false });
  }

  private async replyCard(expect: Expect, step: string, started: number): Promise<Locator> {
    const card = await this.waitForCard(expect, step, { fresh: true });
    this.recorder.timing(this.who, step, Date.now() - started);
    return card;
  }

  private async waitForCard(expect: Expect, step: string, { fresh }: { fresh: boolean }): Promise<Locator> {
    let index: number;
    try {
      const found = await this.page.waitForFunction(({ e, fresh }) => {
        const w = window as unknown as { __e2eSeen?: WeakMap<Element, string> };
        const wanted = e.isRegex ? new RegExp(e.source, e.flags) : undefined;
        const cards = Array.from(document.querySelectorAll('.ac-adaptiveCard')).filter((el) => !el.parentElement?.closest('.ac-adaptiveCard')) as HTMLElement[];
        for (let i = cards.length - 1; i >= 0; i--) {
          const el = cards[i]!;
          const text = el.innerText;
          if (fresh && w.__e2eSeen?.get(el) === text) continue;
          if (wanted ? wanted.test(text) : text.includes(e.source)) {
            return i + 1; // 0 would read as "not yet"
          }
        }
        return false;
      }, { e: expectArg(expect), fresh }, { polling: 'raf', timeout: REPLY_TIMEOUT_MS });
      index = ((await found.jsonValue()) as number) - 1;
    } catch (err) {
      const shot = await this.failureShot(step);
      const last = await this.lastCardsText(3);
      throw new Error(`${this.who}: ${step}: no ${fresh ? 'new or updated ' : ''}card saying ${describe(expect)} within ${REPLY_TIMEOUT_MS / 1000} s.\nScreenshot: ${shot}\nThe last cards said:\n${last.map((t) => `  ---\n  ${t.replace(/\n+/g, ' | ')}`).join('\n')}\n(${(err as Error).message.split('\n')[0]})`);
    }
    // By position, not by element: the Playground may redraw a card's element (a channel thread does).
    return this.page.locator(TOP_LEVEL_CARD).nth(index);
  }

  async lastCardsText(n: number): Promise<string[]> {
    return this.page.evaluate((n) => Array.from(document.querySelectorAll('.ac-adaptiveCard'))
      .filter((el) => !el.parentElement?.closest('.ac-adaptiveCard'))
      .slice(-n).map((el) => (el as HTMLElement).innerText), n).catch(() => []);
  }

  /** Waits until the open conversation holds more than `than` cards (a new card, not an update). */
  async moreCardsThan(than: number, step: string): Promise<void> {
    try {
      await this.page.waitForFunction((n) => Array.from(document.querySelectorAll('.ac-adaptiveCard'))
        .filter((el) => !el.parentElement?.closest('.ac-adaptiveCard')).length > n, than, { polling: 'raf', timeout: REPLY_TIMEOUT_MS });
    } catch {
      const shot = await this.failureShot(step);
      throw new Error(`${this.who}: ${step}: no new card within ${REPLY_TIMEOUT_MS / 1000} s (still ${than}).\nScreenshot: ${shot}`);
    }
  }

  /** Cards in the open conversation (a card updated in place counts once). */
  async cardCount(): Promise<number> {
    return this.page.evaluate(() => Array.from(document.querySelectorAll('.ac-adaptiveCard')).filter((el) => !el.parentElement?.closest('.ac-adaptiveCard')).length);
  }

  /** Fills a text input on `card` by its label (or placeholder when the card has no label). */
  async fill(card: Locator, label: string | RegExp, value: string): Promise<void> {
    const byLabel = card.getByLabel(label).first();
    const input = (await byLabel.count()) > 0 ? byLabel : card.getByPlaceholder(label).first();
    await input.fill(value);
  }

  /** Picks an option of a choice list (the Playground draws it as a combobox with a pop-up list). */
  async choose(card: Locator, label: string | RegExp, option: string | RegExp, nth = 0): Promise<void> {
    const combo = card.getByRole('combobox', { name: label }).nth(nth);
    await this.closeStrayLists(card);
    await combo.scrollIntoViewIfNeeded();
    // Already showing it (a default, or a value kept): nothing to do, as for a person.
    const shown = await combo.evaluate((el) => (el as HTMLInputElement).value ?? el.textContent ?? '');
    if (typeof option === 'string' ? shown === option : option.test(shown)) return;
    await combo.click();
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).first().click();
  }

  /**
   * A multi-select's pop-up list can outlive its card when the card is updated
   * in place (the Playground leaves the old list open over the new card):
   * close it as a person would, with Escape or a click on the card's heading.
   */
  private async closeStrayLists(card: Locator): Promise<void> {
    // A chart's legend is a listbox too, and stays.
    const lists = this.page.locator('[role=listbox]:not([aria-label=Legend])');
    if (!(await lists.first().isVisible().catch(() => false))) return;
    await this.page.keyboard.press('Escape');
    if (await lists.first().isVisible().catch(() => false)) await card.locator('.ac-textBlock').first().click();
    await lists.first().waitFor({ state: 'hidden' });
  }

  /** Picks a date in the Playground's date picker: the nth date input on the card; the calendar is paged a month at a time. */
  async pickDate(card: Locator, nth: number, date: Date): Promise<void> {
    const input = card.locator('input[placeholder="Select a date..."]').nth(nth);
    await input.scrollIntoViewIfNeeded();
    await input.click();
    const month = date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    const day = this.page.locator(`button[aria-label="${date.getUTCDate()}, ${month}, ${date.getUTCFullYear()}"]`).last();
    const header = this.page.locator(`button[aria-label="${month} ${date.getUTCFullYear()}"]`);
    for (let pages = 0; pages < 24 && !(await header.isVisible()); pages++) {
      // The calendar's header button names the month shown; the next two buttons page back and forward.
      const forward = await this.page.evaluate((target) => {
        const buttons = Array.from(document.querySelectorAll('button'));
        const header = buttons.find((b) => /^[A-Z][a-z]+ \d{4}$/.test(b.getAttribute('aria-label') ?? ''));
        if (!header) return false;
        const shown = new Date(`1 ${header.getAttribute('aria-label')} UTC`).getTime();
        const step = shown < target ? 2 : 1;
        (buttons[buttons.indexOf(header) + step] as HTMLButtonElement | undefined)?.click();
        return true;
      }, Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
      if (!forward) throw new Error(`${this.who}: the date picker did not open`);
      // The calendar slides between months; a click during the slide lands on the other month's grid.
      await this.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    }
    await day.click();
  }

  /** Ticks a checkbox; when it sits in a collapsed group, first presses the group's heading button. */
  async tick(card: Locator, name: string | RegExp, group?: string | RegExp): Promise<void> {
    const box = card.getByRole('checkbox', { name }).first();
    if (group && !(await box.isVisible())) {
      // The group's heading is a tappable row (a select action): a button named after the group.
      const heading = card.getByRole('button', { name: group }).first();
      await heading.scrollIntoViewIfNeeded();
      await heading.click();
      await box.waitFor({ state: 'visible' });
    }
    await box.scrollIntoViewIfNeeded();
    await box.check();
  }

  async pick(card: Locator, name: string | RegExp): Promise<void> {
    const radio = card.getByRole('radio', { name }).first();
    await radio.scrollIntoViewIfNeeded();
    await radio.check();
  }

  /** Saves the card light, dark and at phone width under test-results/e2e/. */
  async shoot(cardType: string, card: Locator): Promise<void> {
    await this.recorder.shoot(cardType, card);
  }

  /** A full-page screenshot under test-results/e2e/failures/; returns its path. */
  async failureShot(step: string): Promise<string> {
    const dir = path.join(this.recorder.outDir, 'failures');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${Date.now()}-${this.who}-${step}`.replace(/[^a-z0-9.-]+/gi, '-').slice(0, 120) + '.png');
    await this.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    return file;
  }
}
