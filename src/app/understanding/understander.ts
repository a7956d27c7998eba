// Owns the port every part of the bot uses to understand free text, and its
// offline implementation (the deterministic engine and intent router). The
// optional language model (src/teams/language-model) implements the same
// port and falls back to this one.
import type { Policy } from '../../domain/policy/index.js';
import type { Directory } from '../../domain/directory/schema.js';
import {
  createUnderstandingEngine, interpret, IntentRouter,
  type Interpretation, type PhraseBook, type Understanding, type UnderstandingEngine,
} from '../../understanding/index.js';

export type EngineName = 'offline' | 'language-model';

export interface Understander {
  readonly engine: EngineName;
  /** What a description of a family says: suggested needs with their words, risk, ages, place, facts. */
  understand(text: string): Promise<Understanding>;
  /** What a message is: a family, a request for a journey, or not understood. */
  interpret(text: string, now: Date): Promise<Interpretation>;
  /** Does any slow preparation now rather than on the first message. */
  warm(): void;
}

export class OfflineUnderstander implements Understander {
  readonly engine = 'offline' as const;
  private built?: { words: UnderstandingEngine; router: IntentRouter };

  /**
   * The phrase book is validated when it is loaded; compiling it (and loading
   * the English model) takes a second or two, so it happens on first use, or
   * at start through `warm()`, not in every process that never reads free text.
   */
  constructor(private readonly build: () => { words: UnderstandingEngine; router: IntentRouter }) {}

  static create(policy: Policy, book: PhraseBook, directory: Directory): OfflineUnderstander {
    const hubs = directory.hubs.map((h) => ({ id: h.id, name: h.name }));
    const services = policy.services.map((s) => ({ id: s.id, name: s.name }));
    return new OfflineUnderstander(() => ({ words: createUnderstandingEngine(book, policy), router: new IntentRouter(hubs, services) }));
  }

  get words(): UnderstandingEngine { return (this.built ??= this.build()).words; }
  get router(): IntentRouter { return (this.built ??= this.build()).router; }

  warm(): void { void this.words; }

  async understand(text: string): Promise<Understanding> {
    return this.words.understand(text);
  }

  async interpret(text: string, now: Date): Promise<Interpretation> {
    return interpret(this.words.understand(text), this.router.route(text, now));
  }
}
