// Owns replacing what identifies a family with placeholders before any text
// leaves the process (the optional language model): names, dates of birth
// and other full dates, addresses, postcodes, phone numbers, email
// addresses, NHS-style numbers and case references. Errs towards removing:
// a word that is not English and not in the phrase book is treated as a
// name. `restore` puts the originals back into what comes back, inside the
// process only.
import type { WinkPipeline } from './wink.js';

export type PlaceholderKind = 'NAME' | 'DATE' | 'ADDRESS' | 'POSTCODE' | 'PHONE' | 'EMAIL' | 'ID' | 'CASE';

export interface Redacted {
  text: string;
  /** Placeholders back to the words they replaced, in text that came back. */
  restore(text: string): string;
  counts: Partial<Record<PlaceholderKind, number>>;
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const STREET = 'road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|mews|court|ct|place|pl|gardens|gdns|grove|terrace|walk|row|hill|park|square|sq|rise|view|parade|green|estate|house|villas|cottages';

/** In order: the more specific first, so a postcode is not read as a name or a case reference. */
const PATTERNS: [PlaceholderKind, RegExp][] = [
  ['EMAIL', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
  ['POSTCODE', /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi],
  ['PHONE', /(?:\+44\s?\(?0?\)?\s?|\(?\b0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g],
  ['ID', /\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g],
  ['DATE', new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+\\d{2,4}\\b|\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{2,4}\\b|\\b\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b`, 'gi')],
  ['ADDRESS', new RegExp(`\\b(?:flat|apartment|apt|unit|room)\\s+\\d+[a-z]?\\b|\\b\\d+[a-z]?,?\\s+(?:[A-Z][\\w'-]*\\s+){1,3}(?:${STREET})\\b`, 'gi')],
  // "LCS-204518", "MOSAIC 12345", "ehm/2024001", "lcs204518"; not "since 2019".
  ['CASE', /\b(?:[A-Z]{2,8}[-/ ]?|[A-Za-z]{2,8}[-/]|[a-z]{2,8})\d{4,10}\b/g],
];

/** Capitalised words that are never names: roles, days, places and services the bot knows. */
export interface RedactionContext { keep: ReadonlySet<string>; wink: WinkPipeline; isKnownWord: (lower: string) => boolean }

export function redact(input: string, c: RedactionContext): Redacted {
  const originals = new Map<string, string>();
  const counts: Partial<Record<PlaceholderKind, number>> = {};
  const placeholder = (kind: PlaceholderKind, original: string) => {
    for (const [p, o] of originals) if (o === original && p.startsWith(`[${kind}_`)) return p;
    counts[kind] = (counts[kind] ?? 0) + 1;
    const p = `[${kind}_${counts[kind]}]`;
    originals.set(p, original);
    return p;
  };
  let text = input;
  for (const [kind, re] of PATTERNS) text = text.replace(re, (m) => placeholder(kind, m));
  // Names: what is left that is not a word the model needs. Titles mark the next word as a name.
  text = text.replace(/\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][\w'-]+)/g, (m, name: string) => m.replace(name, placeholder('NAME', name)));
  text = redactNames(text, c, (w) => placeholder('NAME', w));
  return {
    text,
    counts,
    restore: (s: string) => s.replace(/\[(NAME|DATE|ADDRESS|POSTCODE|PHONE|EMAIL|ID|CASE)_\d+\]/g, (p) => originals.get(p) ?? p),
  };
}

function redactNames(text: string, c: RedactionContext, replace: (word: string) => string): string {
  const tokens = c.wink.read(text).flat();
  let out = '';
  let at = 0;
  for (const t of tokens) {
    const word = text.slice(t.start, t.end);
    if (!/^\p{L}[\p{L}'-]*$/u.test(word) || inPlaceholder(text, t.start)) continue;
    const lower = word.toLowerCase();
    if (c.keep.has(lower)) continue;
    const capitalised = /^\p{Lu}/u.test(word) && word !== word.toUpperCase();
    const looksLikeName = (capitalised && (t.oov || t.pos === 'PROPN' || !c.isKnownWord(lower))) || (t.oov && word.length >= 3);
    if (!looksLikeName) continue;
    out += text.slice(at, t.start) + replace(word);
    at = t.end;
  }
  return out + text.slice(at);
}

function inPlaceholder(text: string, at: number): boolean {
  const open = text.lastIndexOf('[', at);
  return open >= 0 && text.lastIndexOf(']', at) < open && /^\[[A-Z]+_\d*/.test(text.slice(open, at + 1));
}
