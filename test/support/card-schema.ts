// Validates rendered cards against the vendored Adaptive Card 1.5 schema
// (schemas/ at the repository root) and our 28 KB budget. Used by the card template test
// and by the harness on every card the bot sends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { CARD_BUDGET_BYTES } from '../../src/teams/cards/render.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCHEMAS_DIR = path.join(repoRoot, 'schemas');

let validator: ValidateFunction | undefined;

function cardValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'adaptive-card-1.5.schema.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addMetaSchema(draft6);
    validator = ajv.compile(schema);
  }
  return validator;
}

/**
 * Teams' native charts (`Chart.VerticalBar`, `Chart.Donut`, …) are outside
 * the 1.5 schema. A client without them shows the element's `fallback`, so
 * that is what the schema checks; a chart without one is a problem (it would
 * silently vanish).
 */
export function withChartFallbacks(card: unknown, problems: string[] = []): unknown {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (!n || typeof n !== 'object') return n;
    const o = n as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Chart.')) {
      if (!o.fallback || typeof o.fallback !== 'object') problems.push(`${o.type} has no fallback for clients that cannot draw charts`);
      return o.fallback && typeof o.fallback === 'object' ? walk(o.fallback) : { type: 'TextBlock', text: 'chart' };
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'data' ? v : walk(v)]));
  };
  return walk(card);
}

/** Problems with a card: schema errors, budget, leftover template expressions. */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const validate = cardValidator();
  if (!validate(withChartFallbacks(card, problems))) {
    problems.push(...(validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));
  }
  const json = JSON.stringify(card);
  // Teams counts UTF-16; our budget is in bytes of JSON, a stricter measure for non-ASCII text.
  if (Buffer.byteLength(json, 'utf8') > CARD_BUDGET_BYTES) problems.push(`card is ${Buffer.byteLength(json, 'utf8')} bytes, over the ${CARD_BUDGET_BYTES}-byte budget`);
  if (/\$\{[^}]*\}/.test(json)) problems.push('card still contains an unexpanded ${…} template expression');
  if ((card as { version?: string }).version !== '1.5') problems.push('card version must be 1.5');
  problems.push(...themeProblems(card));
  for (const link of markdownLinksIn(card)) problems.push(`a TextBlock or FactSet holds a live markdown link: ${link.slice(0, 80)}`);
  for (const a of submitActions(card)) if (!a.data || typeof a.data !== 'object' || typeof (a.data as { verb?: unknown }).verb !== 'string') problems.push(`Action.Submit "${a.title}" has no data.verb`);
  return problems;
}

/**
 * Markdown links Teams would render live in the card's text: TextBlocks and
 * FactSets render markdown (TextRuns in a RichTextBlock do not). No template
 * has one, so any found came from data that was not escaped. An escaped
 * bracket (an odd run of backslashes) is text.
 */
export function markdownLinksIn(card: unknown): string[] {
  const found: string[] = [];
  const link = /(?<!\\)(?:\\\\)*\[[^\]]*\]\([^)]*\)/g;
  const check = (text: unknown) => {
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(link)) found.push(m[0]);
  };
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock') check(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title?: unknown; value?: unknown }[]) { check(f.title); check(f.value); }
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v);
  };
  walk(card);
  return found;
}

/**
 * Colours and container styles must be names both Teams themes define (the
 * vendored light and dark host configs), so a card reads in either theme.
 */
let themeNames: { colours: Set<string>[]; styles: Set<string>[] } | undefined;

function themeProblems(card: unknown): string[] {
  if (!themeNames) {
    const themes = ['teams-light', 'teams-dark'].map((t) =>
      JSON.parse(readFileSync(path.join(SCHEMAS_DIR, `${t}.hostconfig.json`), 'utf8')) as { containerStyles: Record<string, { foregroundColors: Record<string, unknown> }> });
    themeNames = {
      colours: themes.map((h) => new Set(Object.keys(h.containerStyles.default?.foregroundColors ?? {}))),
      styles: themes.map((h) => new Set(Object.keys(h.containerStyles))),
    };
  }
  const { colours, styles } = themeNames;
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.color === 'string' && !colours.every((c) => c.has(o.color as string) || c.has((o.color as string).toLowerCase()))) out.push(`colour "${o.color}" is not a Teams theme colour`);
    if (['Container', 'Column', 'ColumnSet', 'Table', 'TableCell'].includes(o.type as string) && typeof o.style === 'string'
      && !styles.every((st) => st.has((o.style as string).toLowerCase()))) out.push(`container style "${o.style}" is not a Teams theme style`);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v);
  };
  walk(card);
  return out;
}

function submitActions(card: unknown): { title?: string; data?: unknown }[] {
  const out: { title?: string; data?: unknown }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Submit' || o.type === 'Action.Execute') out.push(o as { title?: string; data?: unknown });
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return out;
}
