// The plain-words scan itself (test/support/plain-words.ts): it finds each
// kind of internal on what a card shows, and leaves alone what a card only
// carries (button data, input ids) and what the person typed.
import { describe, expect, it } from 'vitest';
import { plainWordsProblems } from '../support/plain-words.js';

const card = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }], ...extra });

describe('plain words', () => {
  it.each([
    ['a need id', 'Needs: cd.school-attendance-low'],
    ['a code', 'Reference: OUTSIDE_OSR_WEEK'],
    ['a file name', 'See DOMAIN.md for the rules'],
    ['a section sign', 'Protocol §4.6'],
    ['an ISO date', 'Born 2019-05-14'],
    ['an ISO time', 'At 2026-12-09T10:00:00Z'],
    ['an ISO week', 'Week 2027-W11'],
    ['an id', 'Request 6f1c2d3e-0000-4000-8000-000000000001'],
  ])('finds %s', (what, text) => {
    expect(plainWordsProblems(card(text)).join('\n')).toContain(what);
  });

  it('reads labels, facts, choices and button titles too', () => {
    expect(plainWordsProblems({ type: 'AdaptiveCard', body: [{ type: 'FactSet', facts: [{ title: 'Due', value: '2026-12-09' }] }] })).toHaveLength(1);
    expect(plainWordsProblems({ type: 'AdaptiveCard', body: [{ type: 'Input.ChoiceSet', id: 'x', choices: [{ title: 'STALE_CARD', value: 'a' }] }] })).toHaveLength(1);
    expect(plainWordsProblems({ type: 'AdaptiveCard', actions: [{ type: 'Action.Submit', title: 'Open 6f1c2d3e-0000-4000-8000-000000000001', data: { verb: 'x' } }] })).toHaveLength(1);
  });

  it('passes plain words, UK dates, case references, and ids that only ride in button data or input ids', () => {
    expect(plainWordsProblems(card('Wed 9 Dec, 10:00 · born 14 May 2019 · case LCS-100200 · Level 2 (Additional)', {
      actions: [{ type: 'Action.Submit', title: 'Open request', data: { verb: 'request.view', requestId: '6f1c2d3e-0000-4000-8000-000000000001' } }],
      refresh: { action: { type: 'Action.Execute', verb: 'card.refresh', data: { recordId: '6f1c2d3e-0000-4000-8000-000000000001' } } },
    }))).toEqual([]);
    expect(plainWordsProblems({ type: 'AdaptiveCard', body: [{ type: 'Input.Toggle', id: 'need.cd.school-attendance-low', title: 'Low school attendance' }] })).toEqual([]);
  });

  it("leaves a person's own words alone", () => {
    expect(plainWordsProblems(card('You wrote: see NOTES_V2.md'), ['see NOTES_V2.md'])).toEqual([]);
  });
});
