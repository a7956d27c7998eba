// Owns the small pieces the booking and rota handlers share: reading the
// acting person, the polite refusal card, the "not your OSR week" card with
// the ordinary request route, and picking a card's input values as strings
// so a bad submit can be shown again with everything kept.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../cards/render.js';
import { actorOf, type BotDeps } from '../deps.js';
import { UseCaseError } from '../../app/errors.js';
import { answeringErrors, noticeCard, showCard } from '../card-actions.js';
import { errorWords } from '../cards/error-words.js';
import type { BookingActor } from '../../app/booking/deps.js';
import type { FieldProblem } from '../../domain/booking/form.js';

export const BookingRef = z.object({ bookingId: z.string().uuid() });
/** An empty hidden value ("") arrives for "no check": read it as absent. */
export const OptionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(64).optional());

export function bookingActor(context: TurnContext, deps: BotDeps): BookingActor {
  const actor = actorOf(context, deps.directory);
  return { aadObjectId: actor.aadObjectId, person: actor.person };
}

export function valueOf(context: TurnContext): Record<string, unknown> {
  const v = context.activity.value;
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

/** The named inputs of a submit as strings (toggles and numbers arrive as strings anyway). */
export function inputs(value: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, typeof value[n] === 'string' ? (value[n] as string) : value[n] === undefined ? '' : String(value[n])]));
}

/** Answers with the named card: a press redraws the pressed card (src/teams/card-actions.ts). */
export async function sendCard(context: TurnContext, name: string, data: object): Promise<void> {
  await showCard(context, renderCard(name, data));
}

export async function sendNotice(context: TurnContext, title: string, message: string, o: { color?: string; actions?: { title: string; data: object }[] } = {}): Promise<void> {
  await showCard(context, noticeCard(title, message, o.color ?? 'Attention', o.actions ?? []));
}

/** A button whose data cannot be read (not a record that moved on: that card is redrawn as it is now). */
export async function sendStale(context: TurnContext): Promise<void> {
  await sendNotice(context, 'That button did not work', 'I couldn\'t read what that button sent, so nothing has changed. Your bookings are listed under My bookings.', {
    color: 'Default', actions: [{ title: 'My bookings', data: { verb: 'booking.mine' } }],
  });
}

/** Outside the rota week the ordinary 0–19 request route applies (Barnet One Service Response protocol, 4.6). */
export async function sendOutsideOsrWeek(context: TurnContext, err: UseCaseError, checkId?: string): Promise<void> {
  await sendNotice(context, errorWords(err.code).title, err.userMessage, {
    color: 'Warning',
    actions: [
      { title: 'File a 0–19 request', data: checkId ? { verb: 'request.start', checkId } : { verb: 'request.start' } },
      { title: 'Show the OSR rota', data: { verb: 'booking.rota' } },
    ],
  });
}

export function fieldProblem(err: UseCaseError): FieldProblem[] | undefined {
  const field = err.details?.field;
  return field ? [{ field, message: err.userMessage }] : undefined;
}

/** Runs a handler; a use-case refusal becomes a card saying why (the one error-to-card path, src/teams/card-actions.ts). */
export const politely = (work: (context: TurnContext) => Promise<void>) => answeringErrors(work);
