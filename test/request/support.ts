// Shared fixtures for the 0–19 request conversation tests: a fixed clock,
// a family that passes every section, and helpers that press the form's
// buttons the way Teams sends them.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ManualClock } from '../../src/app/clock.js';
import { action, onlyCard, textOf, type Card, type TestBot } from '../support/harness.js';
import type { DemoUser } from '../support/people.js';
import { cardProblems } from '../support/card-schema.js';

/** Monday 2 March 2099, 10:00 in London (GMT): far enough ahead that the job runner, which goes by the database's clock, never fires a reminder planned in a test. */
export const MON_2_MAR_2099_1000 = new Date('2099-03-02T10:00:00Z');
export const fixedClock = () => new ManualClock(MON_2_MAR_2099_1000);

export type Section = 'family' | 'address' | 'need' | 'work' | 'consent' | 'safety';

/** A family that passes every section: one child of 4, a mother, in Barnet North's N11. */
export const validFamily: Record<Section, Record<string, string>> = {
  family: {
    caseRef: 'LCS-100200',
    'children.0.name': 'Sam Example', 'children.0.dob': '2094-05-14', 'children.0.dueDate': '', 'children.0.gender': 'female',
    'carers.0.name': 'Alex Example', 'carers.0.relationship': 'mother', 'carers.0.language': 'English', 'carers.0.interpreter': 'false',
  },
  address: { line1: '1 Example Road', line2: '', town: 'London', postcode: 'N11 1AA' },
  need: { level: '2', levelReason: '', reason: 'Struggling with routines and school attendance.' },
  work: { intervention: 'Parenting group programme', goals: 'A consistent bedtime routine', timescaleWeeks: '12' },
  consent: { familyAgreed: 'yes', informationSharingDiscussed: 'true', consentDate: '2099-02-27', lawfulBasis: '', lawfulBasisReason: '' },
  safety: { visitRisks: 'none', riskDetails: '', teamAroundFamily: 'none', professionals: 'Health visitor', referrerPhone: '' },
};

export const SECTIONS: Section[] = ['family', 'address', 'need', 'work', 'consent', 'safety'];

export function requestIdOf(card: Card): string {
  const found = JSON.stringify(card).match(/"requestId":"([0-9a-f-]{36})"/);
  if (!found) throw new Error(`no requestId on card: ${textOf(card).slice(0, 300)}`);
  return found[1]!;
}

export function saveSection(bot: TestBot, user: DemoUser, requestId: string, section: Section, inputs: Record<string, string>, nav: 'next' | 'back' | 'save' = 'next') {
  return bot.submit(user, { verb: 'request.section.save', requestId, section, nav }, inputs).then(onlyCard).then(expectValidCard);
}

/** Starts a blank draft (fresh, so earlier drafts of the same user never get in the way). */
export async function startBlank(bot: TestBot, user: DemoUser): Promise<{ card: Card; requestId: string }> {
  const card = onlyCard(await bot.submit(user, { verb: 'request.start', fresh: true, requestKey: randomUUID() }));
  return { card, requestId: requestIdOf(card) };
}

/** Fills every section with `values` (defaults: validFamily), ending on the review card. */
export async function fillAll(bot: TestBot, user: DemoUser, requestId: string, overrides: Partial<Record<Section, Record<string, string>>> = {}): Promise<Card> {
  let card: Card | undefined;
  for (const section of SECTIONS) {
    card = await saveSection(bot, user, requestId, section, { ...validFamily[section], ...overrides[section] });
  }
  return card!;
}

/** Files a complete request and returns its id and the submit confirmation. */
export async function fileRequest(bot: TestBot, user: DemoUser, overrides: Partial<Record<Section, Record<string, string>>> = {}): Promise<{ requestId: string; confirmation: Card }> {
  const { requestId } = await startBlank(bot, user);
  const review = await fillAll(bot, user, requestId, overrides);
  const submit = action(review, /^Submit to /);
  const confirmation = onlyCard(await bot.submit(user, submit.data!));
  expect(textOf(confirmation)).toContain('Request submitted');
  return { requestId, confirmation };
}

export async function requestRow(bot: TestBot, id: string) {
  const r = await bot.db.query('SELECT *, start_date::text AS start_date FROM requests WHERE id = $1', [id]);
  return r.rows[0];
}

export async function notificationsTo(bot: TestBot, recipientId: string, template?: string) {
  const r = await bot.db.query<{ card_template: string; card_data: Record<string, unknown>; summary: string; recipient_kind: string }>(
    `SELECT card_template, card_data, summary, recipient_kind FROM notifications WHERE recipient_id = $1 ${template ? 'AND card_template = $2' : ''} ORDER BY id`,
    template ? [recipientId, template] : [recipientId]);
  return r.rows;
}

export async function auditRows(bot: TestBot, action: string) {
  const r = await bot.db.query<{ actor: string; outcome: string; record_id: string | null; case_ref: string | null }>('SELECT actor, outcome, record_id, case_ref FROM audit_log WHERE action = $1 ORDER BY id', [action]);
  return r.rows;
}

export { waitFor } from '../support/wait.js';

/** The problem shown next to an input: the Attention text in the same field container. */
export function fieldError(card: Card, id: string): string | undefined {
  let found: string | undefined;
  const walk = (n: unknown) => {
    if (found !== undefined || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    const items = o.items as Record<string, unknown>[] | undefined;
    if (Array.isArray(items) && items.some((i) => i.id === id)) {
      found = (items.find((i) => i.type === 'TextBlock' && i.color === 'Attention')?.text as string | undefined) ?? '';
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found || undefined;
}

/** Every card the bot sends must be a valid Adaptive Card 1.5 under the size budget. */
export function expectValidCard(card: Card): Card {
  expect(cardProblems(card)).toEqual([]);
  return card;
}
