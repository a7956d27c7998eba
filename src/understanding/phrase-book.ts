// Owns the shape of policies/need-phrases.json: the words practitioners use
// for each need in the catalogue, for immediate risk and for a few case facts,
// with the vocabulary the engine needs to read them (word classes, UK
// abbreviations, negation cues). It is configuration, like the catalogue
// beside it: a council extends it without touching code.
import { z } from 'zod';
import { NeedIdSchema } from '../domain/policy/catalogue.js';
import { StableIdSchema } from '../domain/policy/vocabulary.js';

/**
 * One phrase: words separated by spaces. A word may be `a|b|c` (any of them),
 * `@class` (any word of a word class), end in `*` (any word starting so), or
 * be `<N` (a number below N, as in "attendance at <90").
 * Words match a practitioner's word by its spelling or lemma, so "hit her"
 * also finds "hitting her"; up to `maxGap` other words may sit between two
 * words of a phrase ("missing a lot of school"), except after a negation
 * ("no school place") or where words are joined with `+` ("@hurt+@parent");
 * a lone `*` allows the gap anyway.
 */
export const PhraseSchema = z
  .string()
  .trim()
  .min(2, 'a phrase has at least two characters')
  .max(120, 'keep a phrase under 120 characters')
  .regex(/^[a-z0-9@*|+'&<\- ]+$/, 'use lower-case words, digits, spaces and the marks @ * | + < \' & - only');

const PhrasesSchema = z.array(PhraseSchema).min(1, 'give at least one phrase');

const ClassNameSchema = z.string().regex(/^[a-z][a-z-]*$/, 'a class name is lower-case words joined by hyphens');

/** Facts about the case (not needs) that a description can state, each pre-filling one answer of the check. */
export const FACT_NAMES = ['multipleBirth', 'openToSocialCare', 'earlyHelpPlan', 'childProtectionPlan', 'interpreterNeeded', 'steppingDown', 'courtProceedings', 'unborn'] as const;
export type FactName = (typeof FACT_NAMES)[number];

export const PhraseBookSchema = z
  .object({
    source: z.string().min(1),
    /** Words a gap may not cross and negation does not reach past, besides punctuation. */
    maxGap: z.number().int().min(0).max(5),
    wordClasses: z.record(ClassNameSchema, z.array(z.string().regex(/^[a-z0-9'-]+$/, 'one lower-case word')).min(1)),
    /**
     * "HV" → "health visitor": matched on the whole word; the card still quotes
     * what was typed. A key in capitals counts when typed in capitals (or when
     * the typed word is not English: "hv"), so "SEND" never eats "send"; a
     * lower-case key ("wont" → "will not") counts however it is typed.
     */
    abbreviations: z.record(z.string().regex(/^[A-Za-z0-9&]{2,8}$/, 'letters and digits, 2 to 8'), z.string().regex(/^[a-z' -]+$/).min(2)),
    negation: z
      .object({
        /** Cues that negate what follows them in the same clause ("no", "hasn't", "no concerns about"). */
        before: PhrasesSchema,
        /** Cues that negate what precedes them ("… is not a concern"). */
        after: PhrasesSchema,
        /** Look-alikes that are not negations ("not only", "no doubt"). */
        pseudo: z.array(PhraseSchema),
        /** Words that end a negation's reach ("but", "however"). */
        clauseBreaks: z.array(z.string().regex(/^[a-z]+$/)),
        /** How many words after a cue it still reaches. */
        window: z.number().int().min(1).max(12),
      })
      .strict(),
    needs: z.record(NeedIdSchema, PhrasesSchema),
    /**
     * Who a need is about: a phrase of one need in a pair whose nearest
     * subject is of the other kind belongs to the other need ("mum …
     * depression" is the parent's mental health, "teenager … depressed" the
     * child's wellbeing).
     */
    subjects: z
      .object({
        parentWords: ClassNameSchema,
        childWords: ClassNameSchema,
        pairs: z.array(z.object({ child: NeedIdSchema, parent: NeedIdSchema }).strict()),
      })
      .strict(),
    /** Phrases that mean no need although shorter phrases inside them do ("kicked out by mum", "money going missing"). */
    ignore: z.array(PhraseSchema),
    immediateRisk: PhrasesSchema,
    facts: z.record(z.enum(FACT_NAMES), PhrasesSchema),
    /** Other names for a policy area (towns, short forms); the area's own name always counts. */
    areas: z.record(StableIdSchema, z.array(PhraseSchema)),
  })
  .strict();

export type PhraseBook = z.infer<typeof PhraseBookSchema>;

/** Problems only the catalogue and the areas can show: unknown need ids, areas or word classes. */
export function crossCheckPhraseBook(book: PhraseBook, knownNeeds: ReadonlySet<string>, knownAreas: ReadonlySet<string>): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  for (const id of Object.keys(book.needs)) if (!knownNeeds.has(id)) problems.push({ path: ['needs', id], message: `"${id}" is not a need in the catalogue` });
  for (const id of Object.keys(book.areas)) if (!knownAreas.has(id)) problems.push({ path: ['areas', id], message: `"${id}" is not an area in areas.json` });
  book.subjects.pairs.forEach((pair, i) => {
    for (const side of ['child', 'parent'] as const) {
      if (!knownNeeds.has(pair[side])) problems.push({ path: ['subjects', 'pairs', i, side], message: `"${pair[side]}" is not a need in the catalogue` });
    }
  });
  for (const side of ['parentWords', 'childWords'] as const) {
    if (!book.wordClasses[book.subjects[side]]) problems.push({ path: ['subjects', side], message: `word class "${book.subjects[side]}" is not defined in wordClasses` });
  }
  for (const ref of classReferences(book)) if (!book.wordClasses[ref.name]) problems.push({ path: ref.path, message: `word class "@${ref.name}" is not defined in wordClasses` });
  return problems;
}

/** Every @class a phrase uses, with where it sits. */
function classReferences(book: PhraseBook): { path: (string | number)[]; name: string }[] {
  const out: { path: (string | number)[]; name: string }[] = [];
  const scan = (path: (string | number)[], phrases: readonly string[]) =>
    phrases.forEach((p, i) => { for (const m of p.matchAll(/@([a-z][a-z-]*)/g)) out.push({ path: [...path, i], name: m[1]! }); });
  Object.entries(book.needs).forEach(([id, phrases]) => scan(['needs', id], phrases));
  scan(['immediateRisk'], book.immediateRisk);
  scan(['ignore'], book.ignore);
  Object.entries(book.facts).forEach(([name, phrases]) => scan(['facts', name], phrases));
  Object.entries(book.areas).forEach(([id, phrases]) => scan(['areas', id], phrases));
  scan(['negation', 'before'], book.negation.before);
  scan(['negation', 'after'], book.negation.after);
  return out;
}
