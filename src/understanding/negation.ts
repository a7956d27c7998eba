// Owns deciding which phrases found in a sentence are negated: a cue before
// one in the same clause and within reach ("no concerns about school", "dad
// hasn't hit her"), a cue inside its gaps ("mum is not drinking"), a cue just
// after it ("drinking is not a concern"), or a negated list it belongs to
// ("no concerns regarding domestic abuse, substance misuse or mental health").
// A cue that is one of the phrase's own words ("not attending school") is
// part of what it says.
import type { Token } from './tokens.js';
import type { PhraseIndex, PhraseMatch } from './phrases.js';

export interface NegationRules {
  before: PhraseIndex<'before'>;
  after: PhraseIndex<'after'>;
  pseudo: PhraseIndex<'pseudo'>;
  window: number;
}

/** How far after a phrase a trailing cue still refers to it. */
const AFTER_REACH = 4;
/** Words that join items of a list, which a negation carries across. */
const LIST_JOINS = new Set(['or', 'nor', 'and', ',', '/']);
const LIST_REACH = 3;

interface Cues { before: PhraseMatch<'before'>[]; after: PhraseMatch<'after'>[] }

function findCues(tokens: readonly Token[], rules: NegationRules): Cues {
  const pseudo = rules.pseudo.find(tokens);
  const real = <T>(cues: PhraseMatch<T>[]) => cues.filter((c) => !pseudo.some((p) => p.first <= c.last && c.first <= p.last));
  return { before: real(rules.before.find(tokens)), after: real(rules.after.find(tokens)) };
}

const isComma = (t: Token) => t.keys.length === 0 && t.barrier && t.commaLike;

/**
 * A clause runs to a barrier or a "but". A comma ends it too, unless an "or"
 * or "nor" follows before the clause ends: then it separates list items.
 */
function sameClause(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (isComma(t)) {
      if (!listContinues(tokens, i + 1)) return false;
    } else if (t.barrier || t.clauseBreak) return false;
  }
  return true;
}

function listContinues(tokens: readonly Token[], from: number): boolean {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.keys.includes('or') || t.keys.includes('nor')) return true;
    if ((t.barrier && !isComma(t)) || t.clauseBreak) return false;
  }
  return false;
}

/** The indexes (into `matches`) of the matches that are negated. */
export function negatedMatches<T>(tokens: readonly Token[], matches: readonly PhraseMatch<T>[], rules: NegationRules): Set<number> {
  const found = findCues(tokens, rules);
  // A cue that is a word of a phrase found here ("no support") says that phrase, not a negation of the next.
  const partOfPhrase = (c: PhraseMatch<unknown>) => matches.some((m) => m.positions.includes(c.first));
  const cues = { before: found.before.filter((c) => !partOfPhrase(c)), after: found.after };
  const negated = new Set<number>();
  const order = matches.map((m, i) => ({ m, i })).sort((a, b) => a.m.first - b.m.first);
  const negatedSoFar: PhraseMatch<T>[] = [];
  for (const { m, i } of order) {
    const before = cues.before.some((c) => c.last < m.first && m.first - c.last - 1 <= rules.window && sameClause(tokens, c.last + 1, m.first));
    const inside = cues.before.some((c) => c.first > m.first && c.last < m.last && !m.positions.some((p) => p >= c.first && p <= c.last));
    const after = cues.after.some((c) => c.first > m.last && c.first - m.last - 1 <= AFTER_REACH && sameClause(tokens, m.last + 1, c.first));
    const listed = negatedSoFar.some((g) => g.last < m.first && m.first - g.last - 1 <= LIST_REACH
      && tokens.slice(g.last + 1, m.first).every((t) => t.keys.some((k) => LIST_JOINS.has(k)) || isComma(t)));
    if (before || inside || after || listed) {
      negated.add(i);
      negatedSoFar.push(m);
    }
  }
  return negated;
}
