// Owns how a card is shown in a dark theme. The Agents Playground has no dark
// theme (its menu offers only documentation; it ignores prefers-color-scheme)
// and draws cards with Teams' light host config. So the dark screenshot swaps
// each colour of the light host config for the same colour of Teams' dark host
// config (both vendored in schemas/): text, subtle text and each named colour,
// the default and emphasis backgrounds. Styled containers (good, attention,
// warning, accent) keep their pale backgrounds and dark text, as Teams' dark
// host config does. It shows whether the card's colours survive a dark host;
// it is not a pixel copy of Teams.
import { readFileSync } from 'node:fs';

interface HostConfig {
  containerStyles: Record<string, { backgroundColor: string; foregroundColors: Record<string, { default: string; subtle: string }> }>;
}

/** "#AARRGGBB" or "#RRGGBB" (host config) → "r,g,b,a" (alpha to two places). */
function key(hex: string): string {
  const h = hex.replace('#', '');
  const [a, rgb] = h.length === 8 ? [parseInt(h.slice(0, 2), 16) / 255, h.slice(2)] : [1, h];
  return [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16)).concat(Math.round(a * 100) / 100).join(',');
}

export interface Palette { text: [string, string][]; background: [string, string][] }

/** Light → dark colour pairs from the vendored Teams host configs. */
export function teamsDarkPalette(): Palette {
  const light = JSON.parse(readFileSync('schemas/teams-light.hostconfig.json', 'utf8')) as HostConfig;
  const dark = JSON.parse(readFileSync('schemas/teams-dark.hostconfig.json', 'utf8')) as HostConfig;
  const text: [string, string][] = [];
  const background: [string, string][] = [];
  for (const style of ['default', 'emphasis'] as const) {
    const l = light.containerStyles[style]!;
    const d = dark.containerStyles[style]!;
    background.push([key(l.backgroundColor), key(d.backgroundColor)]);
    for (const [name, colours] of Object.entries(l.foregroundColors)) {
      const to = d.foregroundColors[name];
      if (!to) continue;
      // The light config's "dark" colour equals its "default": the first name (default) decides.
      for (const [from, into] of [[colours.default, to.default], [colours.subtle, to.subtle]] as const) {
        if (!text.some(([k]) => k === key(from))) text.push([key(from), key(into)]);
      }
    }
  }
  return { text, background };
}

/** In the page: recolours `card`, keeping each element's own style to restore. */
export function applyDarkPalette(card: Element, palette: Palette): void {
  const norm = (css: string) => {
    const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(css);
    return m ? [m[1], m[2], m[3], String(Math.round(Number(m[4] ?? 1) * 100) / 100)].join(',') : css;
  };
  const css = (k: string) => { const [r, g, b, a] = k.split(','); return `rgba(${r}, ${g}, ${b}, ${a})`; };
  const text = new Map(palette.text);
  const background = new Map(palette.background);
  const lightBackgrounds = new Set(palette.background.map(([l]) => l));
  /** Inside a good/attention/warning/accent container (a background the host config does not swap). */
  const inStyledContainer = (el: Element) => {
    for (let p: Element | null = el; p && p !== card.parentElement; p = p.parentElement) {
      const bg = norm(getComputedStyle(p).backgroundColor);
      if (bg.endsWith(',0')) continue;
      return !lightBackgrounds.has(bg);
    }
    return false;
  };
  /** The Playground's own controls (buttons, inputs) use near-black text outside the host config. */
  const darkNeutralToWhite = (k: string) => {
    const [r, g, b, a] = k.split(',').map(Number) as [number, number, number, number];
    return Math.max(r, g, b) < 80 && Math.max(r, g, b) - Math.min(r, g, b) < 16 ? `255,255,255,${a}` : undefined;
  };
  const elements = [card, ...Array.from(card.querySelectorAll('*'))] as HTMLElement[];
  const plan = elements.map((el) => {
    const s = getComputedStyle(el);
    const styled = inStyledContainer(el);
    return {
      el,
      color: styled ? undefined : text.get(norm(s.color)) ?? darkNeutralToWhite(norm(s.color)),
      background: styled ? undefined : background.get(norm(s.backgroundColor)) ?? (el === card ? palette.background[0]![1] : undefined),
      border: !styled && /^2[0-9][0-9],2[0-9][0-9],2[0-9][0-9],/.test(norm(s.borderTopColor)) ? '72,70,68,1' : undefined,
    };
  });
  for (const { el, color, background: bg, border } of plan) {
    el.setAttribute('data-e2e-style', el.getAttribute('style') ?? '');
    if (color) el.style.color = css(color);
    if (bg) el.style.backgroundColor = css(bg);
    if (border) el.style.borderColor = css(border);
  }
}

export function restorePalette(card: Element): void {
  for (const el of [card, ...Array.from(card.querySelectorAll('[data-e2e-style]'))] as HTMLElement[]) {
    const before = el.getAttribute('data-e2e-style');
    if (before === null) continue;
    if (before) el.setAttribute('style', before); else el.removeAttribute('style');
    el.removeAttribute('data-e2e-style');
  }
}
