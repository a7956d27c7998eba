// Owns correcting misspelt words ("scool", "atendance", "negelct") to words
// the phrase book uses, with minisearch's fuzzy index. Only words the English
// model does not know are corrected, and only within a small edit distance,
// so "bell" never becomes "belt".
import MiniSearch from 'minisearch';

/** Edits allowed: one for words of 4–6 letters, two from 7 letters. */
function maxEdits(word: string): number {
  return word.length >= 7 ? 2 : 1;
}

export class SpellingCorrector {
  private readonly index = new MiniSearch<{ id: number; word: string }>({ fields: ['word'], storeFields: ['word'], searchOptions: { prefix: false } });
  private readonly keysOf = new Map<string, readonly string[]>();

  /** `vocabulary`: each word the phrase book uses, with the keys it is known by. */
  constructor(vocabulary: ReadonlyMap<string, readonly string[]>) {
    let id = 0;
    for (const [word, keys] of vocabulary) {
      if (word.length < 4 || !/^[a-z]+$/.test(word)) continue;
      this.index.add({ id: id++, word });
      this.keysOf.set(word, keys);
    }
  }

  /** The keys of the phrase-book word this one is a misspelling of, or undefined. */
  correct(word: string): readonly string[] | undefined {
    const hits = this.index.search(word, { fuzzy: maxEdits(word), prefix: false, combineWith: 'OR' });
    const best = hits[0]?.word as string | undefined;
    // Two different words equally close: no guess.
    if (!best || (hits[1] && hits[1].score === hits[0]!.score && hits[1].word !== best)) return undefined;
    return this.keysOf.get(best);
  }
}
