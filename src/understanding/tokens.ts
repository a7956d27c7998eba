// Owns turning a practitioner's text into the tokens phrases are matched on:
// each word with every key it is known by (spelling, lemma, stem, the word a
// misspelling was corrected to, the words an abbreviation stands for), its
// place in the original text (so a card can quote the practitioner's own
// words), and the punctuation that ends a clause.
import type { WinkPipeline, WinkToken } from './wink.js';
import type { SpellingCorrector } from './spelling.js';

export interface Token {
  /** Where the word sits in the original text; an abbreviation's expansion shares its span. */
  start: number;
  end: number;
  keys: readonly string[];
  /** Punctuation that ends a clause: phrases and negation stop here. */
  barrier: boolean;
  /** "but", "however": negation stops here, phrases may run on. */
  clauseBreak: boolean;
  /** A comma: it ends a clause unless it separates the items of a list. */
  commaLike?: boolean;
}

/** Marks that neither separate words nor end a clause. */
const TRANSPARENT = new Set(['-', '‐', '–', "'", '"', '“', '”', '‘', '’', '`']);

export interface Tokeniser {
  wink: WinkPipeline;
  /** Lower-case abbreviation → the keys of each word it stands for, and whether it must be typed in capitals. */
  abbreviations: ReadonlyMap<string, { words: readonly (readonly string[])[]; capitalsOnly: boolean }>;
  clauseBreaks: ReadonlySet<string>;
  spelling: SpellingCorrector;
}

/** Sentences of tokens; a sentence never shares a phrase or a negation with the next. */
export function tokenise(text: string, t: Tokeniser): Token[][] {
  return t.wink.read(text).map((sentence) => sentence.flatMap((w) => tokensOf(w, t)));
}

function tokensOf(w: WinkToken, t: Tokeniser): Token[] {
  const lower = w.value.toLowerCase();
  if (TRANSPARENT.has(w.value)) return [];
  if (w.type === 'punctuation' || w.type === 'tabCRLF') return [{ start: w.start, end: w.end, keys: [], barrier: true, clauseBreak: true, commaLike: w.value === ',' }];
  if (w.value === '&') return [{ start: w.start, end: w.end, keys: ['and', '&'], barrier: false, clauseBreak: false }];
  const expansion = t.abbreviations.get(lower);
  if (expansion && (!expansion.capitalsOnly || w.value === w.value.toUpperCase() || w.oov)) {
    return expansion.words.map((keys) => ({ start: w.start, end: w.end, keys, barrier: false, clauseBreak: false }));
  }
  // Not the stem: "refugees" would read as "refuge" and "offender" as "offending".
  const keys = new Set([lower, w.normal, w.lemma]);
  if (w.oov && /^[a-z]{4,}$/.test(lower)) {
    const corrected = t.spelling.correct(lower);
    if (corrected) for (const k of corrected) keys.add(k);
  }
  return [{ start: w.start, end: w.end, keys: [...keys], barrier: false, clauseBreak: t.clauseBreaks.has(lower) }];
}
