// Owns turning a card template in cards/ plus data into an Adaptive Card
// attachment. User-typed text is escaped before it reaches a TextBlock.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { withRecordState } from '../../app/record-cards/record-cards.js';

export const CARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../cards');
/** Our own budget for fast, mobile-friendly cards; Teams allows about 100 KB. */
export const CARD_BUDGET_BYTES = 28 * 1024;

// Parsed Template objects, not just JSON: building an ACData.Template costs
// ~10 ms, expanding a built one ~0.2 ms, and a built one is reusable.
const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    t = new ACData.Template(JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, t);
  }
  return t;
}

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

export function renderCardJson(name: string, data: object): CardJson {
  // A record's card carries what it shows of the record (its refresh data), so a redraw can tell a message is already current.
  const expanded = template(name).expand({ $root: withRecordState(name, data as Record<string, unknown>) }) as CardJson;
  return expanded;
}

export function renderCard(name: string, data: object): Attachment {
  return CardFactory.adaptiveCard(renderCardJson(name, data));
}

/** Re-exported for handlers: the rule itself is pure and lives in the domain. */
export { escapeCardText } from '../../domain/text/card-text.js';
