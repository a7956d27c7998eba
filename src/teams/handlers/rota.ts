// Owns the Teams side of the OSR rota: the "rota" command and card, the hub
// manager's lead responder / cover / places form, and the DAT manager's duty
// weeks form. Bad submits come back with values kept and problems named.
import { toldWords } from '../../app/cases/reach.js';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { parseWholeNumber } from '../../domain/text/whole-number.js';
import { OSR_WEEKLY_CAP_MAX } from '../../domain/booking/capacity.js';
import type { BotDeps } from '../deps.js';
import { UseCaseError } from '../../app/errors.js';
import { CapBelowBookedError, setDutyWeek, setHubWeek } from '../../app/booking/rota.js';
import { dutyForm, hubWeekForm, rotaView } from '../../app/booking/views.js';
import { weekLabel } from '../../app/booking/card-data.js';
import { isWeekId } from '../../domain/time/london.js';
import type { FieldProblem } from '../../domain/booking/form.js';
import { bookingActor, fieldProblem, inputs, politely, sendCard, sendNotice, valueOf } from './booking-support.js';

const HUB_WEEK_INPUTS = ['weekId', 'lead', 'cover', 'cap'] as const;
const DUTY_INPUTS = ['datTeamId', 'dutyWeek'] as const;

// Input.Number arrives as a string, or "" when left empty (the hub's usual cap).
const HubWeekSchema = z.object({
  weekId: z.string().refine(isWeekId, 'Choose a week from the list.'),
  lead: z.string().min(1, 'Choose the lead responder.'),
  cover: z.string().optional().transform((v) => (!v || v === 'none' ? null : v)),
  cap: z.unknown().transform((v, ctx) => {
    if (v === '' || v === undefined || v === null) return null;
    const cap = parseWholeNumber(v, 0, OSR_WEEKLY_CAP_MAX);
    if (cap === undefined) ctx.addIssue({ code: 'custom', message: `Places must be a whole number from 0 to ${OSR_WEEKLY_CAP_MAX}.` });
    return cap ?? null;
  }),
});
const DutySchema = z.object({
  datTeamId: z.string().min(1, 'Choose the team.'),
  dutyWeek: z.string().refine(isWeekId, 'Choose the duty week from the list.'),
});

function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
}

export function registerRotaHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const showRota = politely(async (context: TurnContext) => sendCard(context, 'booking-rota', await rotaView(deps, bookingActor(context, deps))));
  app.message(/^\s*(show )?(the )?(osr )?rota\s*$/i, showRota);
  app.adaptiveCards.actionSubmit('booking.rota', showRota);

  app.adaptiveCards.actionSubmit('booking.hubWeek.start', politely(async (context) => {
    const weekId = inputs(valueOf(context), ['weekId']).weekId;
    await sendCard(context, 'booking-hub-week', await hubWeekForm(deps, bookingActor(context, deps), { weekId: weekId || undefined }));
  }));

  app.adaptiveCards.actionSubmit('booking.hubWeek.set', politely(async (context) => {
    const value = valueOf(context);
    const actor = bookingActor(context, deps);
    const values = inputs(value, HUB_WEEK_INPUTS);
    const redraw = async (problems: FieldProblem[], booked?: CapBelowBookedError['booked']) =>
      sendCard(context, 'booking-hub-week', await hubWeekForm(deps, actor, { values, problems, booked }));
    const parsed = HubWeekSchema.safeParse(value);
    if (!parsed.success) return redraw(problemsOf(parsed.error));
    try {
      const { cap, told } = await setHubWeek(deps, actor, { weekId: parsed.data.weekId, leadAad: parsed.data.lead, coverAad: parsed.data.cover, cap: parsed.data.cap });
      const reached = await toldWords(deps, told);
      await sendNotice(context, 'Rota saved', `Lead responder set for ${weekLabel(parsed.data.weekId)}, with ${cap} places.${reached ? ` ${reached}` : ''}`, {
        color: 'Good', actions: [{ title: 'Show rota', data: { verb: 'booking.rota' } }, { title: 'Set another week', data: { verb: 'booking.hubWeek.start' } }],
      });
    } catch (err) {
      if (err instanceof CapBelowBookedError) return redraw([{ field: 'cap', message: err.userMessage }], err.booked);
      const problems = err instanceof UseCaseError ? fieldProblem(err) : undefined;
      if (problems) return redraw(problems);
      throw err;
    }
  }));

  app.adaptiveCards.actionSubmit('booking.duty.start', politely(async (context) => {
    await sendCard(context, 'booking-duty', await dutyForm(deps, bookingActor(context, deps)));
  }));

  app.adaptiveCards.actionSubmit('booking.duty.set', politely(async (context) => {
    const value = valueOf(context);
    const actor = bookingActor(context, deps);
    const values = inputs(value, DUTY_INPUTS);
    const parsed = DutySchema.safeParse(value);
    if (!parsed.success) return sendCard(context, 'booking-duty', await dutyForm(deps, actor, problemsOf(parsed.error), values));
    try {
      const { osrWeek, added, told } = await setDutyWeek(deps, actor, parsed.data);
      // Who was actually told: each social worker and hub manager, reached now or when they first open Right Response.
      const reached = added ? await toldWords(deps, told) : '';
      await sendNotice(context, added ? 'Duty week added' : 'Already set',
        `Duty week ${weekLabel(parsed.data.dutyWeek)}; OSR week ${weekLabel(osrWeek)}.${reached ? ` ${reached}` : ''}`, {
          color: 'Good', actions: [{ title: 'Show rota', data: { verb: 'booking.rota' } }, { title: 'Add another', data: { verb: 'booking.duty.start' } }],
        });
    } catch (err) {
      const problems = err instanceof UseCaseError ? fieldProblem(err) : undefined;
      if (problems) return sendCard(context, 'booking-duty', await dutyForm(deps, actor, problems, values));
      throw err;
    }
  }));
}
