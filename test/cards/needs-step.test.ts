// The needs step is short (issue 13): the three domains are one line each,
// opened with Action.ToggleVisibility; a need's explanation is one tap away;
// a domain with a ticked need (or a problem) starts open; the card stays
// within the 28 KB budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, actionsOf, inputsOf, textOf, type Card } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import { press, startCheck } from '../check/walk.js';
import { CARD_BUDGET_BYTES } from '../../src/teams/cards/render.js';

let bot: TestBot;
beforeAll(async () => { bot = await TestBot.start(); });
afterAll(async () => { await bot.stop(); });

/** Elements by id, and which ids start hidden. */
function elements(card: Card): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.id === 'string') out.set(o.id, o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

async function needsStep(): Promise<Card> {
  const safety = await startCheck(bot, socialWorker);
  const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
  const family = await press(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
  return press(bot, socialWorker, family, 'Continue', { children: '4' });
}

describe('the needs step', () => {
  it('shows three collapsed domains, every need still an input, explanations one tap away, within budget', async () => {
    const card = await needsStep();
    expect(textOf(card)).toContain('What needs are you seeing?');
    const byId = elements(card);
    const toggles = actionsOf(card).filter((a) => a.type === 'Action.ToggleVisibility') as unknown as { targetElements: string[] }[];
    const domainToggles = toggles.filter((t) => t.targetElements.some((id) => id.startsWith('needs-')));
    expect(domainToggles).toHaveLength(3);
    // Every target exists; the domains and every explanation start hidden.
    for (const t of toggles) for (const id of t.targetElements) expect(byId.has(id), id).toBe(true);
    const domainBodies = [...byId.keys()].filter((id) => id.startsWith('needs-'));
    expect(domainBodies.map((id) => byId.get(id)!.isVisible)).toEqual([false, false, false]);
    const needIds = Object.keys(inputsOf(card)).filter((id) => id.startsWith('need.'));
    expect(needIds.length).toBeGreaterThan(20);
    for (const id of needIds) {
      expect(byId.get(`help-${id}`)?.isVisible, id).toBe(false);
      expect(toggles.some((t) => t.targetElements.includes(`help-${id}`)), id).toBe(true);
    }
    expect(textOf(card)).toMatch(/none ticked/);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it('puts no tickbox inside a tappable area (a tap on the area would undo the tick in the Teams web renderer)', async () => {
    const card = await needsStep();
    const trapped: string[] = [];
    const walk = (n: unknown, insideSelect: boolean) => {
      if (Array.isArray(n)) return n.forEach((x) => walk(x, insideSelect));
      if (!n || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if (o.type === 'Input.Toggle' && insideSelect) trapped.push(String(o.id));
      const selectable = insideSelect || o.selectAction !== undefined;
      for (const [k, v] of Object.entries(o)) if (k !== 'selectAction') walk(v, selectable);
    };
    walk(card, false);
    expect(Object.keys(inputsOf(card)).filter((id) => id.startsWith('need.')).length).toBeGreaterThan(20);
    expect(trapped).toEqual([]);
  });

  it('opens the domain that has a ticked need when the step is shown again', async () => {
    const card = await needsStep();
    // A note over the limit: the same step again, with the ticked need kept and its domain open.
    const again = await press(bot, socialWorker, card, 'Continue', { 'need.pc.routines-boundaries': 'true', note: 'x'.repeat(2001) });
    expect(textOf(again)).toContain('What needs are you seeing?');
    expect(inputsOf(again)['need.pc.routines-boundaries']).toBe('true');
    const byId = elements(again);
    const open = [...byId.keys()].filter((id) => id.startsWith('needs-') && byId.get(id)!.isVisible === true);
    expect(open).toHaveLength(1);
    expect(textOf(again)).toMatch(/1 of \d+ ticked/);
  });
});
