// Owns compiling the phrase book's phrases into matchers and finding them in
// tokenised text: word by word, by any key, with small gaps allowed inside a
// clause but never across its punctuation.
import type { Token } from './tokens.js';

type WordMatcher = { keys: ReadonlySet<string> } | { prefix: string } | { below: number };

export interface CompiledPhrase<T> {
  /** What a match means (a need id, "risk", a fact name, an area id). */
  tag: T;
  text: string;
  words: readonly WordMatcher[];
  /** Per word: may other words sit before the next one? Never after a negation ("no school" is not "no concerns about school"). */
  gapAfter: readonly boolean[];
  /** How specific the phrase is: a word counts 1, a word class ½ (a subject such as "@parent" says less than a word). */
  weight: number;
}

export interface PhraseMatch<T> {
  phrase: CompiledPhrase<T>;
  /** Token positions in the sentence: first and last matched word, and each matched word. */
  first: number;
  last: number;
  positions: readonly number[];
}

const NEGATION_WORDS = new Set(['no', 'not', "n't", 'never', 'none', 'without', 'nor']);

export interface CompileContext {
  classes: ReadonlyMap<string, readonly string[]>;
  keysOf: (word: string) => readonly string[];
  /** "can't" → ["ca", "n't"], "self-harm" → ["self", "harm"]: a word as the text's tokens will hold it. */
  split: (word: string) => readonly string[];
}

export function compilePhrase<T>(tag: T, text: string, c: CompileContext): CompiledPhrase<T> {
  // "a+b": b must follow a directly; a lone "*" allows a gap where none would be (after "no").
  const parts = text.split(/\s+/).filter(Boolean).flatMap((chunk) => chunk.split('+').map((word, i) => ({ word, joined: i > 0 })));
  const words: WordMatcher[] = [];
  const gapAfter: boolean[] = [];
  const weights: number[] = [];
  for (const { word, joined } of parts) {
    if (word === '*') { if (gapAfter.length > 0) gapAfter[gapAfter.length - 1] = true; continue; }
    if (joined && gapAfter.length > 0) gapAfter[gapAfter.length - 1] = false;
    for (const m of wordMatchers(word, text, c)) {
      words.push(m);
      gapAfter.push(!('keys' in m && [...m.keys].some((k) => NEGATION_WORDS.has(k))));
      weights.push(word.startsWith('@') ? 0.5 : 1);
    }
  }
  return { tag, text, words, gapAfter, weight: weights.reduce((a, b) => a + b, 0) };
}

function wordMatchers(word: string, text: string, c: CompileContext): WordMatcher[] {
  if (/^<\d+$/.test(word)) return [{ below: Number(word.slice(1)) }];
  if (word.endsWith('*') && !word.includes('|')) return [{ prefix: word.slice(0, -1) }];
  if (!word.includes('|') && !word.startsWith('@')) return c.split(word).map((part) => ({ keys: new Set(c.keysOf(part)) }));
  const alternatives = word.split('|').flatMap((alt) => {
    if (!alt.startsWith('@')) return [alt];
    const members = c.classes.get(alt.slice(1));
    if (!members) throw new Error(`unknown word class ${alt} in "${text}"`);
    return members;
  });
  return [{ keys: new Set(alternatives.flatMap((w) => c.keysOf(w))) }];
}

function matches(w: WordMatcher, token: Token): boolean {
  if (token.barrier) return false;
  if ('prefix' in w) return token.keys.some((k) => k.startsWith(w.prefix));
  if ('below' in w) return token.keys.some((k) => /^\d{1,3}(\.\d+)?$/.test(k) && Number(k) < w.below);
  return token.keys.some((k) => w.keys.has(k));
}

/** A phrase list indexed by the keys its first word accepts, so each token looks up only its candidates. */
export class PhraseIndex<T> {
  private readonly byFirstKey = new Map<string, CompiledPhrase<T>[]>();
  private readonly prefixFirst: CompiledPhrase<T>[] = [];

  constructor(readonly phrases: readonly CompiledPhrase<T>[], private readonly maxGap: number) {
    for (const p of phrases) {
      const first = p.words[0]!;
      if (!('keys' in first)) this.prefixFirst.push(p);
      else for (const k of first.keys) (this.byFirstKey.get(k) ?? this.byFirstKey.set(k, []).get(k)!).push(p);
    }
  }

  /** Every phrase found in one sentence, at its first place of each start token. */
  find(tokens: readonly Token[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    tokens.forEach((token, i) => {
      if (token.barrier) return;
      const candidates = new Set<CompiledPhrase<T>>();
      for (const k of token.keys) for (const p of this.byFirstKey.get(k) ?? []) candidates.add(p);
      for (const p of this.prefixFirst) if (matches(p.words[0]!, token)) candidates.add(p);
      for (const p of candidates) {
        const positions = this.extend(tokens, p, i);
        if (positions) found.push({ phrase: p, first: i, last: positions[positions.length - 1]!, positions });
      }
    });
    return found;
  }

  private extend(tokens: readonly Token[], p: CompiledPhrase<T>, start: number): number[] | undefined {
    const positions = [start];
    for (let w = 1; w < p.words.length; w++) {
      const at = positions[positions.length - 1]!;
      const reach = p.gapAfter[w - 1] ? this.maxGap : 0;
      let next: number | undefined;
      for (let j = at + 1; j <= at + 1 + reach && j < tokens.length; j++) {
        if (tokens[j]!.barrier) break;
        if (matches(p.words[w]!, tokens[j]!)) { next = j; break; }
      }
      if (next === undefined) return undefined;
      positions.push(next);
    }
    return positions;
  }
}
