// Owns routing a request typed in words to a journey, with what was said
// filled in: booking a joint visit (case reference, day, time, hub, kind),
// what is due, the status of a case, who is lead responder at a hub, and
// referring to a service. Deterministic, offline; the card that follows
// shows what was understood for the practitioner to confirm.
import MiniSearch from 'minisearch';
import { readWhen, type SpokenWhen } from './when.js';

export const INTENT_VERBS = ['book-visit', 'whats-due', 'case-status', 'lead-responder', 'refer', 'start-check'] as const;
export type IntentVerb = (typeof INTENT_VERBS)[number];

export type Intent =
  | { verb: 'book-visit'; caseRef?: string; when?: SpokenWhen; hubId?: string; visitType?: 'home-visit' | 'virtual-visit' | 'consultation' }
  | { verb: 'whats-due'; range: 'today' | 'this-week' | 'next-week' }
  | { verb: 'case-status'; caseRef: string }
  | { verb: 'lead-responder'; hubId?: string; week: 'this' | 'next' }
  | { verb: 'refer'; serviceId?: string }
  | { verb: 'start-check' };

export interface Named { id: string; name: string }
export interface IntentContext { now: Date; hubs: readonly Named[]; services: readonly Named[] }

/** "LCS-204518", "EHM 123456", "lcs204518", "MOSAIC/2024001": letters then at least four digits. */
const CASE_REF = /\b([A-Za-z]{2,8})[-/ ]?(\d{4,10})\b/;

export function readCaseRef(text: string): string | undefined {
  const m = CASE_REF.exec(text);
  return m ? `${m[1]!.toUpperCase()}-${m[2]}` : undefined;
}

const has = (text: string, re: RegExp) => re.test(text);

export class IntentRouter {
  private readonly hubs: NameMatcher;
  private readonly services: NameMatcher;

  constructor(hubs: readonly Named[], services: readonly Named[]) {
    this.hubs = new NameMatcher(hubs);
    this.services = new NameMatcher(services);
  }

  /** The configured hub a text names, if it clearly names one. */
  hubIn(text: string): string | undefined {
    return this.hubs.find(text.toLowerCase());
  }

  /** The configured service a text names, if it clearly names one. */
  serviceIn(text: string): string | undefined {
    return this.services.find(text.toLowerCase());
  }

  route(input: string, now: Date): Intent | undefined {
    const text = input.toLowerCase().replace(/[’‘]/g, "'");
    const caseRef = readCaseRef(input);
    if (has(text, /\b(book|arrange|schedule|set up|organi[sz]e|request)\b/) && has(text, /\b(joint visit|jv|visit|osr|consultation|home visit)\b/)) {
      const intent: Intent = { verb: 'book-visit' };
      if (caseRef) intent.caseRef = caseRef;
      const when = readWhen(input, now);
      if (when) intent.when = when;
      const hub = this.hubs.find(text);
      if (hub) intent.hubId = hub;
      if (has(text, /\bconsultation\b/)) intent.visitType = 'consultation';
      else if (has(text, /\b(virtual|online|teams call|video)\b/)) intent.visitType = 'virtual-visit';
      else if (has(text, /\bhome visit\b/)) intent.visitType = 'home-visit';
      return intent;
    }
    if (has(text, /\blead responder\b|\bwho'?s? (is )?(on )?(osr|the osr|duty)\b|\bwho is lead\b/)) {
      const intent: Intent = { verb: 'lead-responder', week: has(text, /\bnext week\b/) ? 'next' : 'this' };
      const hub = this.hubs.find(text);
      if (hub) intent.hubId = hub;
      return intent;
    }
    if (has(text, /\b(due|overdue|outstanding)\b/) && has(text, /\b(what|what's|whats|anything|is there|have i|my)\b/)) {
      return { verb: 'whats-due', range: has(text, /\bnext week\b/) ? 'next-week' : has(text, /\b(this week|week)\b/) ? 'this-week' : 'today' };
    }
    if (caseRef && (has(text, /\b(status|update|progress|where|happening|how is|what about|news)\b/) || text.trim().replace(/[?.!]/g, '').length <= caseRef.length + 1)) {
      return { verb: 'case-status', caseRef };
    }
    if (has(text, /\b(refer|referral|referring)\b/)) {
      const intent: Intent = { verb: 'refer' };
      const service = this.services.find(text);
      if (service) intent.serviceId = service;
      return intent;
    }
    if (has(text, /\b(threshold|level of need|which level|what level)\b|\b(do|start|run) a (new )?check\b/)) return { verb: 'start-check' };
    return undefined;
  }
}

/**
 * Finds which configured hub or service a text names: its distinctive words
 * ("Barnet North", "Home-Start"), allowing a typo through minisearch's fuzzy
 * search; generic words such as "hub" or "family" never decide alone.
 */
class NameMatcher {
  private readonly index = new MiniSearch<{ id: string; words: string }>({ fields: ['words'], storeFields: ['id'] });
  private readonly wordsOf = new Map<string, string[]>();

  constructor(items: readonly Named[]) {
    for (const item of items) {
      const words = distinctiveWords(item.name);
      this.wordsOf.set(item.id, words);
      this.index.add({ id: item.id, words: words.join(' ') });
    }
  }

  find(text: string): string | undefined {
    const words = text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !GENERIC.has(w));
    if (words.length === 0) return undefined;
    const hits = this.index.search(words.join(' '), { fuzzy: (term) => (term.length >= 5 ? 2 : term.length === 4 ? 1 : 0), combineWith: 'OR' });
    // A name counts when all its distinctive words are there, or at least two of them
    // ("Barnet" alone could be any Barnet hub; "Home-Start" is enough for "Home-Start Hertfordshire").
    const qualified = hits.map((h) => ({ id: h.id as string, named: Object.keys(h.match).length, total: this.wordsOf.get(h.id as string)?.length ?? 0 }))
      .filter((h) => h.named === h.total || h.named >= 2);
    // The name with most of its words said wins ("Plymouth Targeted Support" over "Plymouth Family Hubs").
    return qualified.sort((a, b) => b.named - a.named)[0]?.id;
  }
}

const GENERIC = new Set(['hub', 'hubs', 'family', 'families', 'early', 'help', 'the', 'and', 'demo', 'scheme', 'service', 'services', 'support', 'team', 'with', 'for', 'who', 'lead', 'responder', 'refer', 'need', 'generic']);

function distinctiveWords(name: string): string[] {
  return name.toLowerCase().replace(/\(.*?\)/g, ' ').split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !GENERIC.has(w) && !/^\d+$/.test(w));
}
