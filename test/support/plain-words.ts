// Plain words on every card (issue 13): what a card shows a person must read
// as a social worker would say it. Scans the visible text of a card (text,
// facts, labels, placeholders, choices, button titles; never the data a
// button carries or an input's id) for internals that leak: need ids
// ("cd.school-attendance-low"), error codes ("OUTSIDE_OSR_WEEK"), file names
// ("DOMAIN.md"), section signs, ISO dates and times, ISO weeks and uuids.
// The harness runs it on every card a test receives.

const LEAKS: { what: string; pattern: RegExp }[] = [
  { what: 'a need id', pattern: /\b(?:cd|pc|fe|fa|hs|ed|sa)\.[a-z0-9]+(?:-[a-z0-9]+)*\b/ },
  { what: 'a code', pattern: /\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b/ },
  { what: 'a file name', pattern: /\b[\w-]+\.(?:md|json|ts|js|ya?ml|sql)\b/i },
  { what: 'a section sign', pattern: /§/ },
  { what: 'an ISO date', pattern: /\b\d{4}-\d{2}-\d{2}\b/ },
  { what: 'an ISO time', pattern: /\b\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?\b|T\d{2}:\d{2}/ },
  { what: 'an ISO week', pattern: /\b\d{4}-W\d{2}\b/ },
  { what: 'an id', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
];

/** The texts a person sees on the card, with where each is. */
export function visibleTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    const type = typeof o.type === 'string' ? o.type : '';
    if ((type === 'TextBlock' || type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
    if (type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title?: unknown; value?: unknown }[]) out.push(String(f.title ?? ''), String(f.value ?? ''));
    if (type.startsWith('Input.')) for (const k of ['label', 'placeholder', 'errorMessage', 'title', 'valueOn', 'valueOff']) if (typeof o[k] === 'string' && k !== 'valueOn' && k !== 'valueOff') out.push(o[k] as string);
    if (type === 'Input.ChoiceSet' && Array.isArray(o.choices)) for (const c of o.choices as { title?: unknown }[]) out.push(String(c.title ?? ''));
    if (type.startsWith('Action.') && typeof o.title === 'string') out.push(o.title);
    for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'refresh' && k !== 'choices' && k !== 'facts') walk(v);
  };
  walk(card);
  return out;
}

/**
 * Internals a card shows. `typed`: text the person typed in this test, which
 * the card may show back as typed (their own words are not the bot's).
 */
export function plainWordsProblems(card: unknown, typed: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const text of visibleTexts(card)) {
    let shown = text;
    for (const t of typed) if (t.length >= 4) shown = shown.split(t).join(' ');
    for (const leak of LEAKS) {
      const m = leak.pattern.exec(shown);
      if (m) problems.push(`${leak.what} "${m[0]}" in "${text.slice(0, 120)}" (${whereIs(card, text)})`);
    }
  }
  return problems;
}

/** The element holding a text, for the failure message. */
function whereIs(card: unknown, text: string): string {
  let found = '';
  const walk = (n: unknown, path: string) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x, i) => walk(x, `${path}[${i}]`));
    const o = n as Record<string, unknown>;
    if (Object.values(o).includes(text)) found = `${path} ${String(o.type ?? '')} ${JSON.stringify(o).slice(0, 160)}`;
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, `${path}.${k}`);
  };
  walk(card, '');
  return found;
}
