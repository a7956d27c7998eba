// Teams draws the Warning colour as yellow, which cannot be read on a white
// card: no template colours its text Warning (a warning sits in a tinted
// container, in the default colour, or its heading is drawn as Attention).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARDS_DIR } from '../../src/teams/cards/render.js';
import { noticeCard } from '../../src/teams/card-actions.js';

describe('readable colours', () => {
  it('no card template colours text Warning (yellow)', () => {
    const offenders = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'))
      .filter((f) => /"color"\s*:\s*"Warning"/.test(readFileSync(path.join(CARDS_DIR, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('a notice asked for in Warning draws its heading as Attention', () => {
    const card = noticeCard('I could not find that', 'It may have been removed.', 'Warning').content as { body: { color?: string }[] };
    expect(card.body[0]!.color).toBe('Attention');
  });
});
