// Owns the Teams side of OSR joint-visit booking: the "book" and "my
// bookings" commands and one route per booking card verb. Each parses the
// submit, calls the use case and draws the answer; a bad submit re-draws the
// same card with the values kept and each problem named.
import { toldWords, visitPractitioner } from '../../app/cases/reach.js';
import { hubManagers } from '../../domain/directory/lookup.js';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { UseCaseError } from '../../app/errors.js';
import { book, bookingForm } from '../../app/booking/book.js';
import { HubFullError } from '../../app/booking/deps.js';
import { acceptBooking, agreeToProposedTime, declineBooking, proposeTime } from '../../app/booking/respond.js';
import { askToReassign, reassignBooking } from '../../app/booking/reassign.js';
import { cancelBooking } from '../../app/booking/cancel.js';
import { bookingView, myBookings } from '../../app/booking/views.js';
import type { Headline } from '../../app/booking/card-data.js';
import { parseBookingForm, parseProposedTime, parseReason, parseReassignRequest, type FieldProblem } from '../../domain/booking/form.js';
import { startsNewTask } from '../card-actions.js';
import {
  BookingRef, OptionalId, bookingActor, fieldProblem, inputs, politely, sendCard, sendOutsideOsrWeek, sendStale, valueOf,
} from './booking-support.js';

const FORM_INPUTS = ['hubId', 'type', 'visitDate', 'visitTime', 'caseRef', 'postcode', 'purpose', 'risks'] as const;
const ACTION_INPUTS = ['proposeDate', 'proposeTime', 'declineReason', 'reassignReason', 'reassignNote', 'practitioner', 'cancelReason'] as const;
const StartData = z.object({ checkId: OptionalId, requestId: OptionalId });
// Not "key": the Agents Playground's client fails on a submit whose data has a "key" property.
const SubmitData = z.object({ bookingKey: z.string().uuid(), checkId: OptionalId });

type Parse<T> = (value: Record<string, unknown>) => { ok: true; value: T } | { ok: false; problems: FieldProblem[] };
type Act<T> = (deps: BotDeps, context: TurnContext, bookingId: string, input: T) => Promise<Headline>;

export function registerBookingHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const showForm = async (context: TurnContext, req: Parameters<typeof bookingForm>[2]) => {
    try {
      await sendCard(context, 'booking-form', await bookingForm(deps, bookingActor(context, deps), req));
    } catch (err) {
      if (err instanceof UseCaseError && err.code === 'OUTSIDE_OSR_WEEK') return sendOutsideOsrWeek(context, err, req?.checkId);
      throw err;
    }
  };

  app.message(/^\s*(book|book (a |an )?(osr |joint )*visit)\s*$/i, politely((context) => showForm(context, {})));
  app.message(/^\s*my bookings\s*$/i, politely(async (context) => sendCard(context, 'booking-list', await myBookings(deps, bookingActor(context, deps)))));
  app.adaptiveCards.actionSubmit('booking.mine', politely(async (context) => sendCard(context, 'booking-list', await myBookings(deps, bookingActor(context, deps)))));

  // From the welcome card, the rota, or a threshold check's result (with its checkId to pre-fill).
  app.adaptiveCards.actionSubmit('booking.start', politely(async (context) => {
    const data = StartData.safeParse(valueOf(context));
    // From a check's result or a request the booking is a new task: that card stays.
    if (data.success && (data.data.checkId || data.data.requestId)) startsNewTask(context);
    await showForm(context, { checkId: data.success ? data.data.checkId : undefined, requestId: data.success ? data.data.requestId : undefined });
  }));

  app.adaptiveCards.actionSubmit('booking.suggestHub', politely(async (context) => {
    const value = valueOf(context);
    const ref = SubmitData.safeParse(value);
    if (!ref.success) return sendStale(context);
    await showForm(context, { key: ref.data.bookingKey, checkId: ref.data.checkId, values: inputs(value, FORM_INPUTS), suggestHub: true });
  }));

  app.adaptiveCards.actionSubmit('booking.submit', politely(async (context) => {
    const value = valueOf(context);
    const ref = SubmitData.safeParse(value);
    if (!ref.success) return sendStale(context);
    const { bookingKey: key, checkId } = ref.data;
    const values = inputs(value, FORM_INPUTS);
    const form = parseBookingForm(value);
    if (!form.ok) return showForm(context, { key, checkId, values, problems: form.problems });
    try {
      const result = await book(deps, bookingActor(context, deps), { key, checkId, form: form.value });
      const headline: Headline = result.replay
        ? { title: 'Already booked', message: 'This booking was already made (the card was sent twice). Here it is.' }
        : { title: 'Booking request sent', message: `The place is held for you. ${await toldWords(deps, [result.booking.assigneeAad], 'been asked')} Talk the visit through with them; you will hear when they answer.`, tone: 'Good' };
      await sendCard(context, 'booking-card', await bookingView(deps, bookingActor(context, deps), result.booking.id, headline));
    } catch (err) {
      if (err instanceof HubFullError) return showForm(context, { key, checkId, values, hubFull: err });
      const problems = err instanceof UseCaseError ? fieldProblem(err) : undefined;
      if (problems) return showForm(context, { key, checkId, values, problems });
      throw err;
    }
  }));

  app.adaptiveCards.actionSubmit('booking.show', politely(async (context) => {
    const ref = BookingRef.safeParse(valueOf(context));
    if (!ref.success) return sendStale(context);
    await sendCard(context, 'booking-card', await bookingView(deps, bookingActor(context, deps), ref.data.bookingId));
  }));

  const none: Parse<null> = () => ({ ok: true, value: null });
  const actions: [string, Parse<never>, Act<never>][] = [];
  const on = <T>(verb: string, parse: Parse<T>, act: Act<T>) => actions.push([verb, parse as Parse<never>, act as Act<never>]);

  on('booking.accept', none, async (d, c, id) => {
    const { booking } = await acceptBooking(d, bookingActor(c, d), id);
    return { title: 'Visit accepted', message: `${await toldWords(d, [booking.socialWorkerAad])} Add the visit to your calendar.`, tone: 'Good' };
  });
  on('booking.propose', parseProposedTime, async (d, c, id, at) => {
    const { booking } = await proposeTime(d, bookingActor(c, d), id, at);
    return { title: 'New time proposed', message: `${await toldWords(d, [booking.socialWorkerAad], 'been asked to agree to it')} The place stays held.` };
  });
  on('booking.agree', none, async (d, c, id) => {
    const { booking } = await agreeToProposedTime(d, bookingActor(c, d), id);
    return { title: 'New time agreed', message: `The visit is confirmed. ${await toldWords(d, [booking.assigneeAad])} Add it to your calendar.`, tone: 'Good' };
  });
  on('booking.decline', (v) => parseReason(v.declineReason, 'declineReason', 'a reason for the social worker'), async (d, c, id, reason) => {
    const { booking } = await declineBooking(d, bookingActor(c, d), id, reason);
    return { title: 'Booking declined', message: `The place is free again. ${await toldWords(d, [booking.socialWorkerAad], 'been told why')}` };
  });
  on('booking.askReassign', parseReassignRequest, async (d, c, id, r) => {
    const { booking } = await askToReassign(d, bookingActor(c, d), id, r.reason, r.note);
    const managers = hubManagers(d.directory, booking.hubId).map((m) => m.aadObjectId);
    return { title: 'Sent to your hub manager', message: `${await toldWords(d, managers, 'been asked to reassign this visit')} ${await toldWords(d, [booking.socialWorkerAad], 'been told it is being reassigned')}` };
  });
  on('booking.reassign', (v) => (typeof v.practitioner === 'string' && v.practitioner
    ? { ok: true, value: v.practitioner } : { ok: false, problems: [{ field: 'practitioner', message: 'Choose the practitioner to give this visit to.' }] }), async (d, c, id, aad) => {
    const before = await visitPractitioner(d.db, id);
    const { booking } = await reassignBooking(d, bookingActor(c, d), id, aad);
    const previous = before !== booking.assigneeAad ? before : undefined;
    return { title: 'Visit reassigned', message: `${await toldWords(d, [booking.assigneeAad], 'been asked to accept it')} ${await toldWords(d, [booking.socialWorkerAad, previous])}`, tone: 'Good' };
  });
  on('booking.cancel', (v) => ({ ok: true, value: typeof v.cancelReason === 'string' ? v.cancelReason.trim().slice(0, 1000) : '' }), async (d, c, id, reason) => {
    const actor = bookingActor(c, d);
    const { booking } = await cancelBooking(d, actor, id, reason);
    return { title: 'Booking cancelled', message: `The place is free again. ${await toldWords(d, [booking.socialWorkerAad, booking.assigneeAad].filter((a) => a !== actor.aadObjectId))}` };
  });

  for (const [verb, parse, act] of actions) {
    app.adaptiveCards.actionSubmit(verb, politely(async (context) => {
      const value = valueOf(context);
      const ref = BookingRef.safeParse(value);
      if (!ref.success) return sendStale(context);
      const actor = bookingActor(context, deps);
      const values = inputs(value, ACTION_INPUTS);
      const redraw = async (problems: FieldProblem[]) => sendCard(context, 'booking-card', await bookingView(deps, actor, ref.data.bookingId,
        { title: 'Please check', message: problems.map((p) => p.message).join(' '), tone: 'Attention' }, { problems, values }));
      const input = parse(value);
      if (!input.ok) return redraw(input.problems);
      try {
        const headline = await act(deps, context, ref.data.bookingId, input.value);
        await sendCard(context, 'booking-card', await bookingView(deps, actor, ref.data.bookingId, headline));
      } catch (err) {
        const problems = err instanceof UseCaseError ? fieldProblem(err) : undefined;
        if (problems) return redraw(problems);
        // Pressed after the booking moved on: the card is redrawn as the booking is now, with what can still be done.
        if (err instanceof UseCaseError && err.code === 'BOOKING_STATE') {
          return sendCard(context, 'booking-card', await bookingView(deps, actor, ref.data.bookingId, { title: 'This booking has moved on', message: err.userMessage, tone: 'Warning' }));
        }
        throw err;
      }
    }));
  }
}
