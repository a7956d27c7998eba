import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARDS_DIR, renderCardJson, escapeCardText } from '../../src/teams/cards/render.js';
import { cardProblems } from '../support/card-schema.js';

const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

describe('card templates', () => {
  it('exist', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it.each(templates)('%s renders from its sample as a valid Adaptive Card 1.5 under 28 KB', (name) => {
    const samplePath = path.join(CARDS_DIR, 'samples', `${name}.json`);
    const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as object;
    const card = renderCardJson(name, sample);
    expect(cardProblems(card)).toEqual([]);
  });

  it.each(templates)('%s uses only theme colours, so it reads in light and dark themes', (name) => {
    const text = readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8');
    expect(text).not.toMatch(/#[0-9a-fA-F]{6}\b/);
    expect(text).not.toMatch(/"backgroundImage"/);
  });
});

describe('escaping user text', () => {
  it('shows markdown and template syntax literally', () => {
    const hostile = '**bold** [link](http://x) ${secret} <b>';
    const escaped = escapeCardText(hostile);
    expect(escaped).not.toContain('**bold**');
    expect(escaped).not.toContain('[link](');
    expect(escaped).not.toContain('${');
    expect(escaped).not.toContain('<b>');
  });

  it('survives templating unchanged in meaning', () => {
    const card = renderCardJson('notice', { title: 'T', message: escapeCardText('${x} _y_'), color: 'Default', code: '', actions: [] });
    expect(JSON.stringify(card)).not.toContain('${x}');
  });
});

describe('the card validator itself', () => {
  it('rejects a card the schema forbids', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] })).not.toEqual([]);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.Submit', title: 'Go', data: {} }] })).toContain('Action.Submit "Go" has no data.verb');
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }] }).join()).toMatch(/budget/);
  });
});
