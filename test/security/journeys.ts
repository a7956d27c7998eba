// Every journey the bot has, driven over HTTP as its users would, with a
// chosen value typed into every free-text field. The personal-data test types
// a distinctive synthetic family; the input-hardening test types markup and
// oversize text. Add a journey: write it here and add one line to JOURNEYS.
import { expect } from 'vitest';
import { onlyCard, action, inputsOf, type Card, type TestBot } from '../support/harness.js';
import { DEMO_TENANT, admin, datManager, gradeIPractitioner, hubManager, leadPractitioner, socialWorker, type DemoUser } from '../support/people.js';
import type { ManualClock } from '../../src/app/clock.js';
import { waitForQuiescence } from '../support/quiescence.js';
import { walkToResult, press as pressCheck } from '../check/walk.js';
import { fileRequest, MON_2_MAR_2099_1000 } from '../request/support.js';
import { book, bookingId, lastCardFor, press as pressBooking, setDutyWeek, setHubWeek } from '../booking/helpers.js';

/** What gets typed: a name, a date of birth, a postcode (must be a real-looking N11 postcode), and free text per field. */
export interface Typed {
  child: string; carer: string; dob: string; postcode: string; address: string; town: string; phone: string;
  note: string; goals: string; risks: string; reason: string; purpose: string; override: string; decline: string; professionals: string;
}

export type Journey = { name: string; run: (bot: TestBot, clock: ManualClock, t: Typed) => Promise<void> };

export const JOURNEYS: Journey[] = [
  { name: 'OSR joint-visit booking: book, accept, decline, cancel, lists', run: bookingJourney },
  { name: 'threshold check with an override', run: checkJourney },
  { name: '0–19 request: file, view, allocate, start; a second declined; a draft', run: requestJourney },
  { name: 'reminders and my lists', run: listsJourney },
  { name: 'privacy: export and erase by case reference', run: privacyJourney },
  { name: 'a family described in words: understood, a pre-filled check, the needs step in own words, risk words', run: wordsJourney },
];

/** Issue 14: free text about a family is family data, typed where a practitioner would type it. */
async function wordsJourney(bot: TestBot, _clock: ManualClock, t: Typed): Promise<void> {
  const said = `${t.child} (7) is missing school and ${t.carer} drinks heavily, DOB ${t.dob}, ${t.address}, ${t.town} ${t.postcode}, phone ${t.phone}. ${t.note}`;
  const understood = onlyCard(await bot.say(socialWorker, said));
  const involvement = await pressCheck(bot, socialWorker, understood, 'Start the check with these', { area: 'barnet', immediateRisk: 'no' });
  const family = await pressCheck(bot, socialWorker, involvement, 'Continue', { existingInvolvement: 'none', allocatedWorker: 'false' });
  const needs = await pressCheck(bot, socialWorker, family, 'Continue', { caseRef: 'LCS-PD-0014' });
  const ticked = await pressCheck(bot, socialWorker, needs, 'Tick needs from my words', { description: `${said} ${t.reason}` });
  await pressCheck(bot, socialWorker, ticked, 'Continue');
  // Risk words: the answer "yes" keeps nothing.
  const risk = onlyCard(await bot.say(socialWorker, `${t.carer} hit ${t.child} with a belt at ${t.address} last night`));
  await pressCheck(bot, socialWorker, risk, 'Start the check with these', { area: 'barnet', immediateRisk: 'yes' });
  const stored = await bot.db.query(`SELECT count(*)::int AS n FROM checks WHERE strpos(answers->>'description', $1) > 0`, [t.child]);
  expect(stored.rows[0].n).toBe(1);
}

async function checkJourney(bot: TestBot, _clock: ManualClock, t: Typed): Promise<void> {
  const result = await walkToResult(bot, socialWorker, { area: 'barnet', children: '4, unborn', postcode: t.postcode, caseRef: 'LCS-PD-0001', needs: ['pc.routines-boundaries', 'cd.emotional-wellbeing'], note: t.note });
  await pressCheck(bot, socialWorker, result, 'Save override', { overrideLevel: '3', overrideReason: t.override });
  await bot.say(socialWorker, 'my checks');
}

async function requestJourney(bot: TestBot, clock: ManualClock, t: Typed): Promise<void> {
  clock.set(MON_2_MAR_2099_1000);
  const family = {
    family: { caseRef: 'LCS-PD-0002', 'children.0.name': t.child, 'children.0.dob': t.dob, 'carers.0.name': t.carer },
    address: { line1: t.address, line2: '', town: t.town, postcode: t.postcode },
    need: { reason: t.reason, levelReason: t.note },
    work: { goals: t.goals },
    safety: { visitRisks: 'yes', riskDetails: t.risks, professionals: t.professionals, referrerPhone: t.phone },
  };
  const { requestId } = await fileRequest(bot, socialWorker, family);
  await bot.submit(hubManager, { verb: 'request.view', requestId });
  await bot.send(leadPractitioner, { value: { verb: 'request.view', requestId }, conversation: { id: '19:barnet-north@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: DEMO_TENANT } });
  await bot.say(hubManager, 'hub queue');
  await bot.submit(hubManager, { verb: 'request.allocate', requestId }, { practitioner: leadPractitioner.aadObjectId });
  await bot.submit(leadPractitioner, { verb: 'request.begin', requestId }, { startDate: '2099-03-02' });
  await bot.submit(socialWorker, { verb: 'request.view', requestId });
  await bot.say(socialWorker, 'my requests');
  const second = await fileRequest(bot, socialWorker, { ...family, family: { ...family.family, caseRef: 'LCS-PD-0003' } });
  await bot.submit(hubManager, { verb: 'request.decline', requestId: second.requestId }, { reason: t.decline, alternatives: t.note });
  // A draft left half-typed.
  // An earlier test may have left a draft: then the chooser comes first.
  let draft = onlyCard(await bot.say(socialWorker, 'request'));
  if (draft.actions?.some((a) => a.title === 'Start a new request')) draft = onlyCard(await bot.submit(socialWorker, action(draft, 'Start a new request').data ?? {}));
  await bot.submit(socialWorker, action(draft, 'Save draft').data ?? {}, { ...inputsOf(draft), 'children.0.name': t.child });
}

async function bookingJourney(bot: TestBot, clock: ManualClock, t: Typed): Promise<void> {
  clock.set(new Date('2027-03-08T09:00:00Z')); // duty week 2027-W10
  await setDutyWeek(bot, '2027-W10', datManager);
  await setHubWeek(bot, '2027-W11', leadPractitioner, { cover: gradeIPractitioner, cap: 10 });
  clock.set(new Date('2027-03-15T08:00:00Z')); // the OSR week
  for (const [i, caseRef] of ['LCS-PD-0004', 'LCS-PD-0005'].entries()) {
    await book(bot, socialWorker, { caseRef, date: '2027-03-16', time: `1${i}:00`, purpose: t.purpose, risks: t.risks });
  }
  const first = await bookingId(bot, 'LCS-PD-0004');
  await pressBooking(bot, leadPractitioner, await lastCardFor(bot, leadPractitioner, first), 'Accept');
  const second = await bookingId(bot, 'LCS-PD-0005');
  await bot.submit(leadPractitioner, { verb: 'booking.decline', bookingId: second }, { declineReason: t.decline });
  await bot.submit(socialWorker, { verb: 'booking.show', bookingId: first });
  await bot.submit(socialWorker, { verb: 'booking.cancel', bookingId: first }, { cancelReason: t.note });
  await bot.say(socialWorker, 'my bookings');
  await bot.say(hubManager, 'rota');
}

async function listsJourney(bot: TestBot): Promise<void> {
  for (const user of [socialWorker, hubManager, leadPractitioner, datManager] as DemoUser[]) await bot.say(user, 'my reminders');
}

async function privacyJourney(bot: TestBot): Promise<void> {
  const card: Card = onlyCard(await bot.say(admin, 'export case LCS-PD-0002'));
  const link = (card.actions as { title: string; url?: string }[]).find((a) => a.title === 'Readable export (HTML)')!.url!;
  const u = new URL(link);
  expect((await fetch(`${bot.url}${u.pathname}${u.search}`)).status).toBe(200);
  await bot.say(admin, 'erase case LCS-PD-0003');
  await bot.submit(admin, { verb: 'privacy.erase', caseRef: 'LCS-PD-0003' }, { confirm: 'LCS-PD-0003' });
}

/** Runs every journey, in order; returns their names as they complete. */
export async function runJourneys(bot: TestBot, clock: ManualClock, t: Typed): Promise<string[]> {
  const ran: string[] = [];
  for (const journey of JOURNEYS) {
    await journey.run(bot, clock, t);
    ran.push(journey.name);
  }
  return ran;
}

/** Waits for the outbox to deliver everything due, so delivery is exercised too; fails if it never does. */
export async function drainOutbox(bot: TestBot): Promise<void> {
  await waitForQuiescence(bot.db);
}
