// Owns what an e2e run measures and keeps: press-to-reply draw times and the
// cards each journey leaves in each person's chat (printed as a table and
// written to test-results/e2e/summary.json), and the screenshots of each
// card type in the light and dark themes and at phone width.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { applyDarkPalette, restorePalette, teamsDarkPalette, type Palette } from './dark-palette.js';

export const PHONE = { width: 390, height: 844 };

interface JourneyRecord {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  note?: string;
  timings: { who: string; step: string; ms: number }[];
  cardsLeft: Record<string, number>;
  seconds: number;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
};

export class Recorder {
  private readonly journeys: JourneyRecord[] = [];
  private current: JourneyRecord | undefined;
  private readonly shotTypes = new Map<string, string[]>();
  /** What looked wrong in a screenshot that a machine can tell (overflow at phone width). */
  private readonly problems: string[] = [];
  private readonly palette: Palette = teamsDarkPalette();
  /** What a journey saw that is not a failure but a person would notice (printed and saved). */
  private readonly observations: string[] = [];

  constructor(readonly outDir: string) {
    mkdirSync(outDir, { recursive: true });
  }

  begin(name: string): void {
    this.current = { name, status: 'passed', timings: [], cardsLeft: {}, seconds: Date.now() / 1000 };
    this.journeys.push(this.current);
  }

  end(status: JourneyRecord['status'], note?: string): void {
    if (!this.current) return;
    this.current.status = status;
    if (note) this.current.note = note;
    this.current.seconds = Math.round(Date.now() / 1000 - this.current.seconds);
    this.current = undefined;
  }

  timing(who: string, step: string, ms: number): void {
    this.current?.timings.push({ who, step, ms });
  }

  observe(what: string): void {
    this.observations.push(this.current ? `${this.current.name}: ${what}` : what);
  }

  cardsLeft(who: string, count: number): void {
    if (this.current) this.current.cardsLeft[who] = count;
  }

  /** The first time a card type is seen: the card in light, in dark, and at phone width. */
  async shoot(cardType: string, card: Locator): Promise<void> {
    if (this.shotTypes.has(cardType)) return;
    const dir = path.join(this.outDir, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const base = path.join(dir, cardType.replace(/[^a-z0-9-]+/gi, '-'));
    const files = [`${base}.light.png`, `${base}.dark.png`, `${base}.phone.png`];
    // A card taller than the window would be cut off by the chat's scrolling: make the window tall enough.
    const page = card.page();
    const window = page.viewportSize();
    const height = (await card.boundingBox())?.height ?? 0;
    if (window && height + 300 > window.height) await page.setViewportSize({ width: window.width, height: Math.min(Math.ceil(height) + 300, 12_000) });
    try {
      await this.shootThree(cardType, card, files);
    } finally {
      if (window) await page.setViewportSize(window);
    }
    this.shotTypes.set(cardType, files.map((f) => path.relative(this.outDir, f)));
  }

  private async shootThree(cardType: string, card: Locator, files: string[]): Promise<void> {
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: files[0] });
    await card.evaluate(applyDarkPalette, this.palette);
    try {
      await card.screenshot({ path: files[1] });
    } finally {
      await card.evaluate(restorePalette);
    }
    // The Playground's own layout does not shrink to a phone (its side panels stay), so the
    // card itself is given a phone's width: 390 px less the chat's margins, as Teams mobile does.
    const overflow = await card.evaluate((el, width) => {
      const box = el as HTMLElement;
      box.setAttribute('data-e2e-width', box.style.width);
      box.style.width = `${width}px`;
      box.style.maxWidth = `${width}px`;
      // Past the card's inner edge (its padding), not only its border: a button touching the border is cut off.
      const edge = box.getBoundingClientRect().right - parseFloat(getComputedStyle(box).paddingRight || '0') + 1;
      const wide = Array.from(box.querySelectorAll('button, p, input, table, img')).find((c) => c.getBoundingClientRect().right > edge);
      if (wide) return `"${((wide as HTMLElement).innerText || wide.getAttribute('aria-label') || wide.tagName).slice(0, 60)}" sticks out`;
      return box.scrollWidth > box.clientWidth + 1 ? 'the card scrolls sideways' : '';
    }, PHONE.width - 32);
    const page = card.page();
    const window = page.viewportSize();
    const height = (await card.boundingBox())?.height ?? 0;
    if (window && height + 300 > window.height) await page.setViewportSize({ width: window.width, height: Math.min(Math.ceil(height) + 300, 12_000) });
    try {
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: files[2] });
    } finally {
      await card.evaluate((el) => {
        const box = el as HTMLElement;
        box.style.width = box.getAttribute('data-e2e-width') ?? '';
        box.style.maxWidth = '';
        box.removeAttribute('data-e2e-width');
      });
    }
    if (overflow) this.problems.push(`${cardType}: too wide for a ${PHONE.width} px phone: ${overflow}`);
  }

  /** Whether a journey of this run has passed (a later journey may build on what it made). */
  passed(name: string): boolean {
    return this.journeys.some((j) => j.name === name && j.status === 'passed');
  }

  get failed(): boolean {
    return this.journeys.some((j) => j.status === 'failed');
  }

  /** Prints the table and writes summary.json; returns the text printed. */
  summarise(): string {
    const rows = this.journeys.map((j) => {
      const ms = j.timings.map((t) => t.ms);
      return {
        journey: j.name,
        status: j.status,
        cardsLeft: j.cardsLeft,
        replies: ms.length,
        medianMs: median(ms),
        maxMs: ms.length ? Math.max(...ms) : 0,
        seconds: j.seconds,
        note: j.note,
        timings: j.timings,
      };
    });
    writeFileSync(path.join(this.outDir, 'summary.json'), `${JSON.stringify({ journeys: rows, screenshots: Object.fromEntries(this.shotTypes), phoneWidthProblems: this.problems, observations: this.observations }, null, 2)}\n`);
    const line = (cells: string[]) => `  ${cells[0]!.padEnd(32)} ${cells[1]!.padEnd(8)} ${cells[2]!.padStart(7)} ${cells[3]!.padStart(10)} ${cells[4]!.padStart(7)}   ${cells[5]!}`;
    const text = [
      '',
      line(['journey', 'result', 'replies', 'median ms', 'max ms', 'cards the journey left in each chat']),
      ...rows.map((r) => line([r.journey, r.status, String(r.replies), String(r.medianMs), String(r.maxMs), Object.entries(r.cardsLeft).map(([who, n]) => `${who}: ${n}`).join('; ') || '-'])),
      '  (ms: from the press or Enter to the reply card being drawn in the Playground)',
      ...rows.filter((r) => r.note).map((r) => `  ${r.journey}: ${r.note}`),
      ...this.problems.map((p) => `  phone width: ${p}`),
      ...this.observations.map((o) => `  seen: ${o}`),
      `  ${this.shotTypes.size} card types photographed (light, dark, phone width) in ${path.join(this.outDir, 'screenshots')}`,
      '',
    ].join('\n');
    return text;
  }
}
