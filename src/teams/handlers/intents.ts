// Owns answering a request typed in words (issue 14) on the card of its
// journey, with what was said filled in for the practitioner to confirm:
// the booking form (case, day, time, hub, kind), the reminders due in the
// range asked, what exists for a case reference, a hub's lead responder,
// the referral routes for a service, or a new threshold check.
import type { TurnContext } from 'botbuilder';
import { showCard } from '../card-actions.js';
import type { BotDeps } from '../deps.js';
import { actorOf } from '../deps.js';
import type { CheckFlow } from '../../app/check/check-flow.js';
import type { Intent } from '../../understanding/index.js';
import { UseCaseError } from '../../app/errors.js';
import { bookingForm, bookingWeekFor } from '../../app/booking/book.js';
import { rotaView } from '../../app/booking/views.js';
import { hubPlaces } from '../../app/booking/places.js';
import { nameOf } from '../../app/booking/deps.js';
import { weekDateRange, weekLabel } from '../../app/booking/card-data.js';
import { showCase } from './case.js';
import { LONDON_TIME_ZONE, londonWeekOf, nextWeekId, weekById } from '../../domain/time/london.js';
import { addLocalDays, instantAt, localDateOf, parseIsoDate } from '../../domain/time/zoned-clock.js';
import { formatCardDate } from '../../domain/time/london-format.js';
import { escapeCardText } from '../cards/render.js';
import { bookingActor, sendCard, sendNotice, sendOutsideOsrWeek } from './booking-support.js';
import { sendReminderList } from './reminders.js';
import { draw } from './check.js';

export async function answerIntent(context: TurnContext, deps: BotDeps, flow: CheckFlow, intent: Intent): Promise<void> {
  switch (intent.verb) {
    case 'book-visit': return bookFromWords(context, deps, intent);
    case 'whats-due': return dueFromWords(context, deps, intent.range);
    case 'case-status': return statusFromWords(context, deps, intent.caseRef);
    case 'lead-responder': return leadFromWords(context, deps, intent.hubId, intent.week);
    case 'refer': return referFromWords(context, deps, intent.serviceId);
    case 'start-check': {
      const card = await draw(await flow.begin(actorOf(context, deps.directory).aadObjectId, false), deps);
      if (card) await showCard(context, card);
    }
  }
}

async function bookFromWords(context: TurnContext, deps: BotDeps, intent: Extract<Intent, { verb: 'book-visit' }>): Promise<void> {
  const actor = bookingActor(context, deps);
  let weekId: string;
  try {
    weekId = (await bookingWeekFor(deps, actor, deps.clock.now())).weekId;
  } catch (err) {
    if (err instanceof UseCaseError && err.code === 'OUTSIDE_OSR_WEEK') return sendOutsideOsrWeek(context, err);
    throw err;
  }
  const { weekMonday, weekFriday } = weekDateRange(weekId);
  const values: Record<string, string> = { caseRef: intent.caseRef ?? '', hubId: intent.hubId ?? '', type: intent.visitType ?? '', visitTime: intent.when?.time ?? '' };
  const problems = [];
  const said: string[] = [];
  if (intent.caseRef) said.push(`case ${intent.caseRef}`);
  if (intent.when) {
    const day = formatCardDate(instantAt(parseIsoDate(intent.when.date), 12, 0, LONDON_TIME_ZONE));
    if (intent.when.date >= weekMonday && intent.when.date <= weekFriday) {
      values.visitDate = intent.when.date;
      said.push(`${day}${intent.when.time ? ` at ${intent.when.time}` : ''}`);
    } else {
      problems.push({ field: 'visitDate', message: `You said "${escapeCardText(intent.when.words)}" (${day}), which is not a working day of your OSR week (${weekLabel(weekId)}). Choose a day in the week.` });
    }
  }
  if (intent.hubId) said.push(deps.directory.hubs.find((h) => h.id === intent.hubId)?.name ?? '');
  await context.sendActivity(said.length > 0
    ? `I've filled in the booking form from your message (${escapeCardText(said.filter(Boolean).join(', '))}). Check it, add what is missing and press Book.`
    : "Here is the booking form. I couldn't find a case reference or a day in your message: add them and press Book.");
  await sendCard(context, 'booking-form', await bookingForm(deps, actor, { values, problems }));
}

async function dueFromWords(context: TurnContext, deps: BotDeps, range: 'today' | 'this-week' | 'next-week'): Promise<void> {
  const now = deps.clock.now();
  const today = localDateOf(now, LONDON_TIME_ZONE);
  const thisMonday = weekById(londonWeekOf(now).weekId).monday;
  const end = range === 'today' ? addLocalDays(today, 1) : addLocalDays(thisMonday, range === 'this-week' ? 7 : 14);
  const heading = range === 'today' ? 'Due today' : range === 'this-week' ? 'Due this week' : 'Due by the end of next week';
  await sendReminderList(context, deps, actorOf(context, deps.directory).aadObjectId, instantAt(end, 0, 0, LONDON_TIME_ZONE), heading);
}

// "status of LCS-204518" is the case card (issue 12): the same as typing "case LCS-204518".
async function statusFromWords(context: TurnContext, deps: BotDeps, caseRef: string): Promise<void> {
  try {
    await showCase(context, deps, { caseRef });
  } catch (err) {
    if (!(err instanceof UseCaseError)) throw err;
    await sendNotice(context, `Case ${escapeCardText(caseRef)}`, err.userMessage, { color: 'Default' });
  }
}

async function leadFromWords(context: TurnContext, deps: BotDeps, hubId: string | undefined, week: 'this' | 'next'): Promise<void> {
  const actor = bookingActor(context, deps);
  const hub = deps.directory.hubs.find((h) => h.id === hubId);
  if (!hub) return sendCard(context, 'booking-rota', await rotaView(deps, actor));
  const thisWeek = londonWeekOf(deps.clock.now()).weekId;
  const weekId = week === 'this' ? thisWeek : nextWeekId(thisWeek);
  const place = (await hubPlaces(deps, hub.area, [weekId])).find((p) => p.hubId === hub.id);
  const when = `${week === 'this' ? 'This week' : 'Next week'} (${weekLabel(weekId)})`;
  const message = place?.leadAad
    ? `${when}: ${nameOf(deps, place.leadAad)}${place.coverAad ? `, with ${nameOf(deps, place.coverAad)} as cover` : ''}. ${place.placesLeft} of ${place.cap} places left.`
    : `${when}: no lead responder is set yet. The hub manager sets it on the rota.`;
  await sendNotice(context, `Lead responder: ${hub.name}`, message, {
    color: 'Default', actions: [{ title: 'Show the OSR rota', data: { verb: 'booking.rota' } }, { title: 'Book a joint visit', data: { verb: 'booking.start' } }],
  });
}

async function referFromWords(context: TurnContext, deps: BotDeps, serviceId: string | undefined): Promise<void> {
  const service = deps.policy.services.find((s) => s.id === serviceId);
  const title = service ? `Refer a family to ${service.name}` : 'Make a referral';
  const message = service
    ? `A threshold check tells you first whether the family is eligible for ${service.name}, rule by rule. The referral itself is a 0–19 request to the hub that covers the family.`
    : 'A threshold check shows which services the family is eligible for and why. The referral itself is a 0–19 request to the hub that covers the family.';
  await sendNotice(context, title, message, {
    color: 'Default',
    actions: [{ title: 'Check eligibility first', data: { verb: 'check.start' } }, { title: 'File a 0–19 request', data: { verb: 'request.start' } }],
  });
}
