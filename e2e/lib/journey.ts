// Owns what a journey is given: the people's Playgrounds (opened on demand),
// the running app, and a way to say a check is known to be unmet.
import type { Browser } from 'playwright-core';
import type { Stack } from './stack.js';
import { Chat } from './chat.js';
import type { Recorder } from './recorder.js';

export class Skip extends Error {}

/** Throws unless `text` contains `expected` (a plain assertion on what a card says). */
export function says(what: string, text: string, expected: string | RegExp): void {
  const ok = typeof expected === 'string' ? text.includes(expected) : expected.test(text);
  if (!ok) throw new Error(`${what} should say ${String(expected)}, but said:\n  ${text.replace(/\n+/g, ' | ')}`);
}

export class People {
  private readonly chats = new Map<string, Chat>();
  constructor(private readonly stack: Stack, private readonly browser: Browser, readonly recorder: Recorder) {}

  get app() { return this.stack.app; }

  /** One Playground per person, started the first time a journey needs them and kept for the run. */
  async as(who: string): Promise<Chat> {
    const open = this.chats.get(who);
    if (open) return open;
    const playground = await this.stack.playgroundAs(who);
    const chat = await Chat.open(this.browser, playground.name, playground.url, this.recorder);
    this.chats.set(who, chat);
    return chat;
  }

  /** A journey begins: cards are counted from here. */
  async beginJourney(): Promise<void> {
    for (const chat of this.chats.values()) await chat.beginJourney();
  }

  /** Records how many cards the journey left in each person's conversations. */
  async countCards(): Promise<void> {
    for (const chat of this.chats.values()) {
      for (const [conversation, added] of Object.entries(await chat.cardsAdded())) {
        if (added > 0) this.recorder.cardsLeft(conversation === 'Personal Chat' ? chat.who : `${chat.who} in ${conversation}`, added);
      }
    }
  }

  /** After a failure that was not a wait (a click, a fill): every open Playground as it is, to see why. */
  async failureShots(journey: string): Promise<string[]> {
    const shots: string[] = [];
    for (const chat of this.chats.values()) shots.push(await chat.failureShot(journey).catch(() => ''));
    return shots.filter(Boolean);
  }

  async closeAll(): Promise<void> {
    for (const chat of this.chats.values()) await chat.close().catch(() => undefined);
  }
}

export interface Journey {
  name: string;
  run(people: People): Promise<void>;
}
