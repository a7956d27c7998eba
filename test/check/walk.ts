// Drives the threshold check card by card, as a practitioner would in Teams.
import { expect } from 'vitest';
import { type TestBot, type Card, onlyCard, action, inputsOf, textOf } from '../support/harness.js';
import type { DemoUser } from '../support/people.js';

export interface Family {
  area: string;
  involvement?: 'none' | 'social-care' | 'early-help-plan';
  allocatedWorker?: boolean;
  children: string;
  multipleBirth?: boolean;
  postcode?: string;
  caseRef?: string;
  needs?: string[];
  note?: string;
  context?: Record<string, string>;
}

/** Presses a button on a card with the card's own inputs plus overrides, like a user filling it in. */
export async function press(bot: TestBot, user: DemoUser, card: Card, title: string | RegExp, inputs: Record<string, string> = {}): Promise<Card> {
  const a = action(card, title);
  return onlyCard(await bot.submit(user, a.data ?? {}, { ...inputsOf(card), ...inputs }));
}

export async function startCheck(bot: TestBot, user: DemoUser): Promise<Card> {
  const first = onlyCard(await bot.say(user, 'check'));
  if (textOf(first).includes('You have a check in progress')) return press(bot, user, first, 'Start a new check');
  return first;
}

export async function walkToResult(bot: TestBot, user: DemoUser, f: Family): Promise<Card> {
  const safety = await startCheck(bot, user);
  expect(textOf(safety)).toContain('Is any child at immediate risk of significant harm?');
  const involvement = await press(bot, user, safety, 'Continue', { area: f.area, immediateRisk: 'no' });
  expect(textOf(involvement)).toContain('already open');
  const family = await press(bot, user, involvement, 'Continue', { existingInvolvement: f.involvement ?? 'none', allocatedWorker: f.allocatedWorker ? 'true' : 'false' });
  expect(textOf(family)).toContain('About the family');
  const needs = await press(bot, user, family, 'Continue', { children: f.children, multipleBirth: f.multipleBirth ? 'true' : 'false', postcode: f.postcode ?? '', caseRef: f.caseRef ?? '' });
  expect(textOf(needs)).toContain('What needs are you seeing?');
  const needInputs = Object.fromEntries((f.needs ?? []).map((id) => [`need.${id}`, 'true']));
  const context = await press(bot, user, needs, 'Continue', { ...needInputs, note: f.note ?? '' });
  expect(textOf(context)).toContain('Context and consent');
  return press(bot, user, context, 'See the result', { informationSharingDiscussed: 'true', teamAroundFamily: 'none', ...f.context });
}

/** "Home-Start Hertfordshire: eligible" lines from a result card. */
export function outcomes(card: Card): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of textOf(card).split('\n')) {
    const m = /^[✓◐✗] (.+): (eligible if conditions are met|eligible|not eligible)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}
