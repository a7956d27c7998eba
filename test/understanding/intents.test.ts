// Requests in words route to their journey with what was said filled in;
// days are resolved on London's wall clock from an injected instant, across
// the clock changes.
import { describe, expect, it } from 'vitest';
import { readWhen } from '../../src/understanding/when.js';
import { CommandSuggester, interpret } from '../../src/understanding/index.js';
import { offline, understand } from './engine.js';

const WED_10_MAR_2027_1000 = new Date('2027-03-10T10:00:00Z');
const route = (text: string, now = WED_10_MAR_2027_1000) => offline.router.route(text, now);

describe('intents', () => {
  it.each([
    ['book a joint visit for LCS-204518 next Tuesday', { verb: 'book-visit', caseRef: 'LCS-204518', when: { date: '2027-03-16', words: 'next Tuesday' } }],
    ["what's due this week", { verb: 'whats-due', range: 'this-week' }],
    ['anything overdue?', { verb: 'whats-due', range: 'today' }],
    ['status of LCS-204518', { verb: 'case-status', caseRef: 'LCS-204518' }],
    ["who's lead responder at Barnet North", { verb: 'lead-responder', week: 'this', hubId: 'barnet-north' }],
    ['who is on OSR next week', { verb: 'lead-responder', week: 'next' }],
    ['I need to refer a family to Home-Start', { verb: 'refer', serviceId: 'home-start-herts' }],
    ['can I make a referral to plymouth targeted support', { verb: 'refer', serviceId: 'plymouth-targeted-support' }],
    ['I want to do a threshold check', { verb: 'start-check' }],
  ])('"%s"', (text, intent) => {
    expect(route(text)).toEqual(intent);
  });

  it('fills every slot of a booking, a misspelt hub included', () => {
    expect(route('book a virtual visit with barnet nroth tomorrow at 2pm for EHM 99812')).toEqual({
      verb: 'book-visit', caseRef: 'EHM-99812', hubId: 'barnet-north', visitType: 'virtual-visit',
      when: { date: '2027-03-11', time: '14:00', words: 'tomorrow at 2pm' },
    });
  });

  it('does not take an ambiguous place for a hub ("Barnet" could be any Barnet hub)', () => {
    expect(route('who is lead responder in barnet')).toEqual({ verb: 'lead-responder', week: 'this' });
  });

  it('puts risk words before any request', () => {
    const text = 'book a joint visit for LCS-204518, dad threatened to kill mum last night';
    expect(interpret(understand(text), route(text)).kind).toBe('family');
    expect(interpret(understand('status of LCS-204518'), route('status of LCS-204518')).kind).toBe('intent');
    expect(interpret(understand('lovely weather'), route('lovely weather')).kind).toBe('unknown');
  });
});

describe('days said in words, on the London wall clock', () => {
  it.each([
    ['2027-03-15T08:00:00Z', 'on Tuesday', '2027-03-16', undefined],
    ['2027-03-15T08:00:00Z', 'next Tuesday', '2027-03-23', undefined],
    // 00:30 UTC on the day the clocks go forward is already 01:30 BST on Sunday 28 March.
    ['2027-03-28T00:30:00Z', 'tomorrow', '2027-03-29', undefined],
    // 23:30 UTC on 30 October 2027 is 00:30 BST on 31 October in London.
    ['2027-10-30T23:30:00Z', 'today at 10:30', '2027-10-31', '10:30'],
    ['2027-12-31T23:59:00Z', 'tomorrow at 9am', '2028-01-01', '09:00'],
  ])('at %s, "%s" is %s', (now, words, date, time) => {
    const when = readWhen(words, new Date(now));
    expect(when?.date).toBe(date);
    expect(when?.time).toBe(time);
  });
});

describe('closest commands', () => {
  const suggester = new CommandSuggester([
    { command: 'my reminders', description: 'What is due and overdue for you' },
    { command: 'rota', description: "This and next week's OSR rota" },
    { command: 'book', description: 'Book an OSR joint visit' },
  ]);
  it('finds a command from a misspelling or a description word', () => {
    expect(suggester.closest('remindrs')[0]?.command).toBe('my reminders');
    expect(suggester.closest('overdue stuff')[0]?.command).toBe('my reminders');
    expect(suggester.closest('zzzz')).toEqual([]);
  });
});
