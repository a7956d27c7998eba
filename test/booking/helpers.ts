// Shared steps for the booking conversation tests: setting up the rota as
// the managers would, filling in and sending the booking form, and reading
// the personal cards the outbox holds for someone (delivery is issue 7's
// job; the outbox row is what a booking promises).
import { expect } from 'vitest';
import type { TestBot, Card } from '../support/harness.js';
import { onlyCard, inputsOf, action, textOf } from '../support/harness.js';
import type { DemoUser } from '../support/people.js';
import { datManager, hubManager } from '../support/people.js';
import { renderCardJson } from '../../src/teams/cards/render.js';
import { cardProblems } from '../support/card-schema.js';

export async function setDutyWeek(bot: TestBot, dutyWeek: string, manager: DemoUser = datManager): Promise<Card> {
  return onlyCard(await bot.submit(manager, { verb: 'booking.duty.set' }, { datTeamId: 'dat-barnet-a', dutyWeek }));
}

export async function setHubWeek(bot: TestBot, weekId: string, lead: DemoUser, o: { cover?: DemoUser; cap?: number | ''; manager?: DemoUser } = {}): Promise<Card> {
  return onlyCard(await bot.submit(o.manager ?? hubManager, { verb: 'booking.hubWeek.set' }, {
    weekId, lead: lead.aadObjectId, cover: o.cover?.aadObjectId ?? 'none', cap: o.cap === undefined ? '' : String(o.cap),
  }));
}

export interface Visit { caseRef: string; date: string; time: string; hubId?: string; type?: string; purpose?: string; risks?: string }

/** Says "book", fills the form it gets and presses "Send booking request". Returns the answer card and the form. */
export async function book(bot: TestBot, user: DemoUser, v: Visit): Promise<{ answer: Card; form: Card; key: string }> {
  const form = onlyCard(await bot.say(user, 'book'));
  const send = action(form, 'Send booking request');
  const answer = onlyCard(await bot.submit(user, send.data!, fill(form, v)));
  return { answer, form, key: String(send.data!.bookingKey) };
}

export function fill(form: Card, v: Visit): Record<string, string> {
  return {
    ...inputsOf(form),
    hubId: v.hubId ?? 'barnet-north', type: v.type ?? 'home-visit', visitDate: v.date, visitTime: v.time,
    caseRef: v.caseRef, purpose: v.purpose ?? 'Agree a parenting plan with the family', risks: v.risks ?? 'None known', postcode: '',
  };
}

export async function bookingId(bot: TestBot, caseRef: string): Promise<string> {
  const r = await bot.db.query<{ id: string }>('SELECT id FROM bookings WHERE case_ref = $1 ORDER BY created_at DESC LIMIT 1', [caseRef]);
  expect(r.rows, `a booking for ${caseRef}`).toHaveLength(1);
  return r.rows[0]!.id;
}

export async function statusOf(bot: TestBot, id: string): Promise<string> {
  const r = await bot.db.query<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [id]);
  return r.rows[0]!.status;
}

export interface Outgoing { template: string; data: Record<string, unknown>; summary: string; card: Card }

/** The booking cards queued for a person about one booking, oldest first, rendered as Teams would get them. */
export async function cardsFor(bot: TestBot, user: DemoUser, id?: string, template = 'booking-card'): Promise<Outgoing[]> {
  const r = await bot.db.query<{ card_template: string; card_data: Record<string, unknown>; summary: string }>(
    `SELECT card_template, card_data, summary FROM notifications
     WHERE recipient_kind = 'user' AND recipient_id = $1 AND card_template = $2 AND ($3::text IS NULL OR card_data->>'bookingId' = $3)
     ORDER BY id`, [user.aadObjectId, template, id ?? null]);
  return r.rows.map((row) => {
    const card = renderCardJson(row.card_template, row.card_data) as unknown as Card;
    expect(cardProblems(card)).toEqual([]);
    return { template: row.card_template, data: row.card_data, summary: row.summary, card };
  });
}

export async function lastCardFor(bot: TestBot, user: DemoUser, id: string): Promise<Card> {
  const all = await cardsFor(bot, user, id);
  expect(all.length, `a card for ${user.name}`).toBeGreaterThan(0);
  return all[all.length - 1]!.card;
}

/** Presses a button on a card (a nested one inside a ShowCard too), with extra inputs typed. */
export async function press(bot: TestBot, user: DemoUser, card: Card, title: string | RegExp, typed: Record<string, string> = {}): Promise<Card> {
  return onlyCard(await bot.submit(user, action(card, title).data!, typed));
}

export { textOf };
