// Owns the one wink-nlp pipeline (English lite model: sentences, part of
// speech, lemmas, out-of-vocabulary test) and the keys a word is known
// by. wink learns every unknown word it meets into an in-memory lexicon, and
// its tokeniser splits "dad's" or not depending on what it has learnt, so the
// same sentence could read differently after another one. We therefore cut
// the text into simple pieces ourselves (words, numbers, single marks,
// contraction endings) and hand wink those, space-separated: what it learns
// then no longer changes how anything is cut. The pipeline is rebuilt after a
// bounded number of unknown words, so memory stays flat and no typed name
// lingers for the life of the process.
import { createRequire } from 'node:module';
import type { ItemSentence, Model, WinkMethods } from 'wink-nlp';

// Required on first use, not imported: the English model takes about a second
// to load, which a process that never reads free text should not pay.
const require = createRequire(import.meta.url);
const loadWink = (): WinkMethods => {
  const winkNLP = require('wink-nlp') as (model: Model, pipe?: string[]) => WinkMethods;
  return winkNLP(require('wink-eng-lite-web-model') as Model, ['sbd', 'pos']);
};

/** Unknown words read before the pipeline is rebuilt (each is a few dozen bytes in wink's lexicon). */
const UNKNOWN_WORDS_BEFORE_REBUILD = 20_000;

export interface WinkToken {
  value: string;
  start: number;
  end: number;
  type: string;
  normal: string;
  lemma: string;
  pos: string;
  oov: boolean;
}

export class WinkPipeline {
  private nlp: WinkMethods = loadWink();
  private probe = this.nlp.readDoc('');
  private unknownSeen = 0;
  private readonly wordKeyCache = new Map<string, string[]>();

  /** Tokens with their character offsets in `text`, grouped by sentence. */
  read(text: string): WinkToken[][] {
    const its = this.nlp.its;
    const { joined, originalAt } = cutIntoPieces(text);
    const doc = this.nlp.readDoc(joined);
    const sentences: WinkToken[][] = [];
    let offset = 0;
    doc.sentences().each((sentence: ItemSentence) => {
      const tokens = sentence.tokens();
      // wink's typings give lemma and stem a different helper signature from the rest; all return strings.
      const column = (f: unknown) => (tokens.out as (f: unknown) => string[])(f);
      const values = column(its.value);
      const spaces = column(its.precedingSpaces);
      const types = column(its.type);
      const normals = column(its.normal);
      const lemmas = column(its.lemma);
      const tags = column(its.pos);
      const out: WinkToken[] = [];
      values.forEach((value, i) => {
        offset += spaces[i]!.length;
        const lower = value.toLowerCase();
        const oov = types[i] === 'word' && doc.isOOV(lower);
        if (oov) this.unknownSeen++;
        const start = originalAt[offset] ?? text.length;
        const end = (originalAt[offset + value.length - 1] ?? text.length - 1) + 1;
        out.push({ value: text.slice(start, end) || value, start, end, type: types[i]!, normal: normals[i]!, lemma: lemmas[i]!, pos: tags[i]!, oov });
        offset += value.length;
      });
      sentences.push(out);
    });
    if (this.unknownSeen > UNKNOWN_WORDS_BEFORE_REBUILD) this.rebuild();
    return sentences;
  }

  /** The keys a single word of a phrase is known by: itself and its lemma. */
  wordKeys(word: string): string[] {
    const cached = this.wordKeyCache.get(word);
    if (cached) return cached;
    const token = this.read(word).flat().find((t) => t.type === 'word' || t.type === 'number');
    const keys = [...new Set([word, ...(token ? [token.lemma] : [])].map((k) => k.toLowerCase()))];
    this.wordKeyCache.set(word, keys);
    return keys;
  }

  /** A phrase word as the text's tokens will hold it: contractions split, hyphens and quotes dropped. */
  split(word: string): string[] {
    if (/^[a-z0-9]+$/.test(word)) return [word];
    return this.read(word).flat().filter((t) => t.type === 'word' || t.type === 'number' || t.value === '&').map((t) => t.value.toLowerCase());
  }

  /** Whether the English model knows a word (lower case). */
  isKnown(word: string): boolean {
    return !this.probe.isOOV(word);
  }

  private rebuild(): void {
    this.nlp = loadWink();
    this.probe = this.nlp.readDoc('');
    this.unknownSeen = 0;
  }
}

/** Words, numbers, contraction endings ("n't", "'s"), single marks; a line break reads as ";". */
const PIECE = /\p{L}+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|\p{L}+|\d+(?:\.\d+)?|\n|\S/gu;

/** The pieces joined by single spaces, and for each character of that the offset it came from. */
function cutIntoPieces(text: string): { joined: string; originalAt: number[] } {
  const source = text.replace(/[’‘`]/g, "'");
  let joined = '';
  const originalAt: number[] = [];
  for (const m of source.matchAll(PIECE)) {
    const at = m.index ?? 0;
    const piece = m[0] === '\n' ? ';' : m[0];
    if (joined.length > 0) { joined += ' '; originalAt.push(at); }
    for (let i = 0; i < piece.length; i++) originalAt.push(at + Math.min(i, m[0].length - 1));
    joined += piece;
  }
  return { joined, originalAt };
}
