// Owns the offline understanding engine: from a practitioner's description,
// the needs of the catalogue it suggests (each with the words that triggered
// it), whether a child may be at immediate risk (with the words), children's
// ages, the area or postcode, and a few case facts. It suggests; it never
// decides a level. Pure and deterministic: no I/O, no clock, no network.
import type { Policy } from '../domain/policy/index.js';
import type { NeedDomain } from '../domain/policy/vocabulary.js';
import { FACT_NAMES, type FactName, type PhraseBook } from './phrase-book.js';
import { WinkPipeline } from './wink.js';
import { SpellingCorrector } from './spelling.js';
import { tokenise, type Token, type Tokeniser } from './tokens.js';
import { compilePhrase, PhraseIndex, type CompileContext, type PhraseMatch } from './phrases.js';
import { negatedMatches, type NegationRules } from './negation.js';
import { findAges } from './ages.js';
import { findPostcode, type PlaceFound } from './place.js';
import { redact, type Redacted } from './redact.js';

/** Longer text is read up to here: a description, not a document. */
export const MAX_DESCRIPTION_CHARS = 4000;

export interface SuggestedNeed { id: string; label: string; domain: NeedDomain; phrase: string }

export interface Understanding {
  needs: SuggestedNeed[];
  immediateRiskSuspected: boolean;
  riskPhrases: string[];
  ages: number[];
  postcode: string | null;
  area: PlaceFound['area'];
  /** Case facts stated, each with the words that stated it. */
  facts: Partial<Record<FactName, string>>;
  /** Needs the text mentions only to rule out ("no concerns about school"), with those words. */
  ruledOut: SuggestedNeed[];
}

export interface UnderstandingEngine {
  understand(text: string): Understanding;
  /** The text with what identifies a family replaced by placeholders, before it may leave the process. */
  redact(text: string): Redacted;
}

/** Capitalised words that are roles, days or months, never names. */
const NEVER_NAMES = ['mum', 'mummy', 'mam', 'mom', 'dad', 'daddy', 'nan', 'nana', 'nanny', 'gran', 'grandma', 'grandad', 'grandpa', 'auntie', 'aunt', 'uncle',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december', 'christmas', 'easter', 'english', 'british', 'i', 'gp', 'police', 'school', 'nursery', 'hub', 'osr',
  'dob', 'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'north', 'south', 'east', 'west', 'central'];

type Found = { tag: string; phrase: string; first: number; last: number; weight: number };

const IGNORE = '';

export function createUnderstandingEngine(book: PhraseBook, policy: Policy): UnderstandingEngine {
  const wink = new WinkPipeline();
  const classes = new Map(Object.entries(book.wordClasses));
  const c: CompileContext = { classes, keysOf: (w) => wink.wordKeys(w), split: (w) => wink.split(w) };
  const index = <T extends string>(entries: [T, readonly string[]][], gap = book.maxGap) =>
    new PhraseIndex(entries.flatMap(([tag, phrases]) => phrases.map((p) => compilePhrase(tag, p, c))), gap);

  const needs = index([...Object.entries(book.needs), [IGNORE, book.ignore]]);
  const risk = index([['risk', book.immediateRisk], [IGNORE, book.ignore]]);
  const facts = index(FACT_NAMES.filter((f) => book.facts[f]).map((f) => [f, book.facts[f]!] as [string, string[]]));
  const places = index(policy.areas.areas.map((a) => [a.id, [a.name.toLowerCase(), ...(book.areas[a.id] ?? [])]] as [string, string[]]), 0);
  const negation: NegationRules = {
    before: index([['before' as const, book.negation.before]], 0),
    after: index([['after' as const, book.negation.after]], 0),
    pseudo: index([['pseudo' as const, book.negation.pseudo]], 0),
    window: book.negation.window,
  };
  const tokeniser: Tokeniser = {
    wink,
    abbreviations: new Map(Object.entries(book.abbreviations).map(([abbr, words]) => [
      abbr.toLowerCase(),
      { words: words.split(/\s+/).flatMap((w) => c.split(w)).map((w) => c.keysOf(w)), capitalsOnly: abbr !== abbr.toLowerCase() },
    ])),
    clauseBreaks: new Set(book.negation.clauseBreaks),
    spelling: new SpellingCorrector(vocabulary(book, c)),
  };
  const subjects = subjectRules(book, c);
  const catalogue = new Map(policy.catalogue.needs.map((n) => [n.id, n]));
  const keep = new Set([
    ...NEVER_NAMES, ...vocabulary(book, c).keys(), ...Object.keys(book.abbreviations).map((a) => a.toLowerCase()),
    ...policy.areas.areas.flatMap((a) => [a.name, ...(book.areas[a.id] ?? [])].flatMap((n) => n.toLowerCase().split(/\s+/))),
    ...policy.services.flatMap((s) => s.name.toLowerCase().split(/[^a-z0-9]+/)),
  ]);
  const suggestion = (f: Found): SuggestedNeed => {
    const need = catalogue.get(f.tag)!;
    return { id: need.id, label: need.label, domain: need.domain, phrase: f.phrase };
  };

  return {
    redact: (text: string) => redact(text.slice(0, MAX_DESCRIPTION_CHARS), { keep, wink, isKnownWord: (w) => wink.isKnown(w) }),
    understand(input: string): Understanding {
      const text = input.slice(0, MAX_DESCRIPTION_CHARS);
      const kept: Record<'needs' | 'risk' | 'facts' | 'places', Found[]> = { needs: [], risk: [], facts: [], places: [] };
      const negatedNeeds: Found[] = [];
      for (const sentence of tokenise(text, tokeniser)) {
        const quote = (m: PhraseMatch<string>, tag = m.phrase.tag): Found =>
          ({ tag, phrase: text.slice(sentence[m.first]!.start, sentence[m.last]!.end), first: m.first, last: m.last, weight: m.phrase.weight });
        const split = (matches: PhraseMatch<string>[], tagOf: (m: PhraseMatch<string>) => string = (m) => m.phrase.tag) => {
          const negated = negatedMatches(sentence, matches, negation);
          const yes: Found[] = [];
          const no: Found[] = [];
          matches.forEach((m, i) => (negated.has(i) ? no : yes).push(quote(m, tagOf(m))));
          return { yes: longestWins(yes).filter((f) => f.tag !== IGNORE), no: no.filter((f) => f.tag !== IGNORE) };
        };
        const n = split(needs.find(sentence), (m) => subjects.tagFor(m, sentence));
        kept.needs.push(...n.yes);
        negatedNeeds.push(...n.no);
        kept.risk.push(...split(risk.find(sentence)).yes);
        kept.facts.push(...split(facts.find(sentence)).yes);
        kept.places.push(...places.find(sentence).map((m) => quote(m)));
      }
      const found = firstOfEach(kept.needs);
      const ruledOut = firstOfEach(negatedNeeds).filter((f) => !found.some((k) => k.tag === f.tag));
      const postcode = findPostcode(text, policy.areas.areas);
      const named = kept.places[0];
      const area = postcode.area ?? (named ? { id: named.tag, name: policy.areas.areas.find((a) => a.id === named.tag)!.name, words: named.phrase } : null);
      return {
        needs: found.map(suggestion),
        immediateRiskSuspected: kept.risk.length > 0,
        riskPhrases: [...new Set(kept.risk.map((r) => r.phrase))],
        ages: findAges(text),
        postcode: postcode.postcode,
        area,
        facts: Object.fromEntries(firstOfEach(kept.facts).map((f) => [f.tag, f.phrase])),
        ruledOut: ruledOut.map(suggestion),
      };
    },
  };
}

/**
 * Who a phrase is about: the nearest parent or child word at its start or
 * before it in the sentence ("worries about mum" is about the child). A phrase of one need of a pair about the other kind of person
 * belongs to the other need.
 */
function subjectRules(book: PhraseBook, c: CompileContext) {
  const keys = (cls: string) => new Set((book.wordClasses[cls] ?? []).flatMap((w) => c.keysOf(w)));
  const parentWords = keys(book.subjects.parentWords);
  const childWords = keys(book.subjects.childWords);
  const toParent = new Map(book.subjects.pairs.map((p) => [p.child, p.parent]));
  const toChild = new Map(book.subjects.pairs.map((p) => [p.parent, p.child]));
  return {
    tagFor(m: PhraseMatch<string>, sentence: readonly Token[]): string {
      const tag = m.phrase.tag;
      if (!toParent.has(tag) && !toChild.has(tag)) return tag;
      for (let i = m.first; i >= 0; i--) {
        const k = sentence[i]!.keys;
        if (k.some((x) => parentWords.has(x))) return toParent.get(tag) ?? tag;
        if (k.some((x) => childWords.has(x))) return toChild.get(tag) ?? tag;
      }
      return tag;
    },
  };
}

/**
 * Where phrases of different needs overlap, the more specific one (more
 * words, word classes counting half) is the better reading ("dad smokes weed" is the parent's use, not
 * the child's "smoking weed"); equally long readings are both kept.
 */
function longestWins(found: Found[]): Found[] {
  return found.filter((f) => !found.some((g) => g.tag !== f.tag && g.weight > f.weight && g.first <= f.last && f.first <= g.last));
}

function firstOfEach(found: Found[]): Found[] {
  const seen = new Map<string, Found>();
  for (const f of found) if (!seen.has(f.tag)) seen.set(f.tag, f);
  return [...seen.values()];
}

/** Every plain word the phrase book uses, with its keys: what a misspelling may be corrected to. */
function vocabulary(book: PhraseBook, c: CompileContext): Map<string, readonly string[]> {
  const words = new Set<string>();
  const add = (phrase: string) => phrase.split(/[\s|]+/).filter((w) => w && !w.startsWith('@') && !w.endsWith('*')).forEach((w) => words.add(w));
  Object.values(book.needs).flat().forEach(add);
  book.immediateRisk.forEach(add);
  Object.values(book.facts).flat().forEach(add);
  book.ignore.forEach(add);
  Object.values(book.wordClasses).flat().forEach(add);
  Object.values(book.abbreviations).forEach(add);
  return new Map([...words].map((w) => [w, c.keysOf(w)]));
}

