// Owns how a card is shown in a dark theme. The Agents Playground has no dark
// theme (its only menu is documentation; it ignores prefers-color-scheme), so
// the dark screenshot recolours the card as Teams' dark theme does: dark card
// background, light text, the card's own colours (attention, good, warning,
// accent) lightened to stay readable, pale emphasis backgrounds darkened.
// It shows whether the card's colour choices survive a dark host; it is not a
// pixel copy of Teams. Runs in the page.

/** Recolours `card` and everything in it; returns nothing (the original inline styles are kept to restore). */
export function applyDarkPalette(card: Element): void {
  const parse = (c: string) => {
    const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(c);
    return m ? { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: m[4] === undefined ? 1 : Number(m[4]) } : undefined;
  };
  const css = (c: { r: number; g: number; b: number; a: number }) => `rgba(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)}, ${c.a})`;
  const mix = (c: { r: number; g: number; b: number; a: number }, to: number, amount: number) => ({ r: c.r + (to - c.r) * amount, g: c.g + (to - c.g) * amount, b: c.b + (to - c.b) * amount, a: c.a });
  const neutral = (c: { r: number; g: number; b: number }) => Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b) < 24;
  const light = (c: { r: number; g: number; b: number }) => (c.r + c.g + c.b) / 3 > 200;
  const text = (c: string) => {
    const p = parse(c);
    if (!p) return c;
    if (neutral(p)) return light(p) ? css(p) : css({ r: 255, g: 255, b: 255, a: p.a });
    return css(mix(p, 255, 0.45));
  };
  const background = (c: string) => {
    const p = parse(c);
    if (!p || p.a === 0) return c;
    if (neutral(p)) return light(p) ? css(mix({ r: 41, g: 41, b: 41, a: p.a }, 0, (255 - p.r) / 255)) : c;
    return light(p) ? css(mix(p, 0, 0.7)) : c;
  };
  const border = (c: string) => {
    const p = parse(c);
    return p && neutral(p) && p.a > 0 ? css({ r: 80, g: 80, b: 80, a: p.a }) : c;
  };
  for (const el of [card, ...Array.from(card.querySelectorAll('*'))] as HTMLElement[]) {
    const s = getComputedStyle(el);
    el.setAttribute('data-e2e-style', el.getAttribute('style') ?? '');
    el.style.color = text(s.color);
    el.style.backgroundColor = el === card ? 'rgb(41, 41, 41)' : background(s.backgroundColor);
    el.style.borderColor = border(s.borderTopColor);
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
