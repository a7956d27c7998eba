// Journey (b): the DAT manager sets the team's duty week (so next week is its
// OSR week), the hub manager sets next week's lead responder and places from
// the rota, the social worker books a joint visit, the lead responder accepts
// it, and both get a calendar (.ics) link that downloads the visit.
import type { Locator } from 'playwright-core';
import type { Chat } from '../lib/chat.js';
import type { Journey, People } from '../lib/journey.js';
import { says } from '../lib/journey.js';
import { CASE_REF, requestJourney } from './request.js';

/** Wednesday of next week (UTC date; the visit is at 10:00 London time). */
function wednesdayNextWeek(now = new Date()): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((now.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday + 9 * 86_400_000);
}

/** "w/c Mon 7 Dec 2026" for the week holding `day`, as the rota names weeks. */
function weekLabel(day: Date): string {
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  const month = monday.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `w/c Mon ${monday.getUTCDate()} ${month} ${monday.getUTCFullYear()}`;
}

/** Presses the card's "Add to calendar (.ics)" link and checks what it downloads. */
async function checkCalendarLink(chat: Chat, card: Locator, visit: Date): Promise<void> {
  const context = chat.page.context();
  // The Playground opens the link in a new tab, which downloads the file; we read the same address.
  const opened = context.waitForEvent('page', { timeout: 30_000 });
  const requested = context.waitForEvent('request', { predicate: (r) => r.url().includes('.ics'), timeout: 30_000 });
  await card.getByRole('link', { name: /Add to calendar/ }).click();
  const url = (await requested).url();
  await (await opened).close();
  // The bot listens on 127.0.0.1; "localhost" in the link may resolve to ::1 first for Node.
  const response = await fetch(url.replace('//localhost:', '//127.0.0.1:'));
  const body = await response.text();
  if (!response.ok) throw new Error(`${chat.who}: the calendar link answered ${response.status}`);
  says(`${chat.who}'s calendar file`, body, 'BEGIN:VCALENDAR');
  const day = visit.toISOString().slice(0, 10).replace(/-/g, '');
  says(`${chat.who}'s calendar file`, body, new RegExp(`DTSTART[^:]*:${day}T`));
  says(`${chat.who}'s calendar file`, body, CASE_REF);
  if (!/text\/calendar/.test(response.headers.get('content-type') ?? '')) throw new Error(`${chat.who}: the calendar link is not served as text/calendar`);
}

export const bookingJourney: Journey = {
  name: 'rota → booking → accept → .ics',
  async run(people: People) {
    const visit = wednesdayNextWeek();
    const visitLabel = `${visit.toLocaleString('en-GB', { weekday: 'short', timeZone: 'UTC' })} ${visit.getUTCDate()} ${visit.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}, 10:00`;

    const dat = await people.as('dat manager');
    let card = await dat.say('rota', 'OSR rota');
    await dat.shoot('booking-rota', card);
    card = await dat.press(card, 'Set duty weeks', 'DAT duty weeks');
    await dat.shoot('booking-duty', card);
    await dat.choose(card, /DAT team/, 'Barnet DAT Team A (demo)');
    await dat.choose(card, /Duty week/, /^w\/c /); // the first offered: this week, so next week is the OSR week
    card = await dat.press(card, 'Add duty week', 'Duty week added');

    const hub = await people.as('hub manager');
    await hub.openConversation('Personal Chat');
    card = await hub.say('rota', 'OSR rota');
    card = await hub.press(card, 'Set lead responder and places', 'Lead responder and places');
    await hub.shoot('booking-hub-week', card);
    await hub.choose(card, /^Week/, weekLabel(visit));
    await hub.choose(card, /^Lead responder/, 'Demo Lead Practitioner (grade H)');
    await hub.fill(card, /Places/, '2');
    card = await hub.press(card, 'Save', 'Rota saved');
    says('the rota saved card', await card.innerText(), 'with 2 places');
    card = await hub.press(card, 'Show rota', 'OSR rota');
    says('the rota', await card.innerText(), 'Demo Lead Practitioner');

    // The lead responder opens the Playground first, so the bot can reach them.
    const lead = await people.as('lead practitioner');
    await lead.markSeen();

    const sw = await people.as('social worker');
    await sw.openConversation('Personal Chat');
    card = await sw.say('book', 'Book an OSR joint visit');
    await sw.shoot('booking-form', card);
    await sw.choose(card, /^Hub/, /^Barnet North 0-19 Hub \(demo\): 2 of 2 places left/);
    await sw.pick(card, 'Joint home visit');
    await sw.pickDate(card, 0, visit);
    await sw.choose(card, /Select a time|Start/, '10:00 AM');
    await sw.fill(card, /Case reference/, CASE_REF);
    await sw.fill(card, /Purpose of the visit/, 'Joint visit to agree a plan with the family.');
    await sw.fill(card, /Known risks/, 'None known.');
    card = await sw.press(card, 'Send booking request', 'Booking request sent');
    says('the booking card', await card.innerText(), 'Waiting for the lead responder');
    says('the booking card', await card.innerText(), visitLabel);
    await sw.shoot('booking-card', card);

    const asked = await lead.arrives(CASE_REF, 'the lead responder is asked');
    says('the lead responder\'s card', await asked.innerText(), 'New OSR joint-visit request');
    await lead.shoot('booking-request', asked);
    await sw.markSeen();
    const swCards = await sw.cardCount();
    const accepted = await lead.press(asked, 'Accept', 'Visit accepted');
    says('the accepted card', await accepted.innerText(), 'Accepted');
    // When the journey before filed the request for this case, the booking knows it (issue 12).
    if (people.recorder.passed(requestJourney.name)) says('the accepted booking card', await accepted.innerText(), /0–19 request\s*Filed: Allocated/);
    if (await accepted.getByRole('button', { name: /^Accept$/ }).count()) throw new Error('the accepted booking card still offers Accept');
    await lead.shoot('booking-accepted', accepted);
    await checkCalendarLink(lead, accepted, visit);

    // The notice is a card about the booking. The booking's redraw for everyone who holds it leaves a
    // message that already shows the booking as it is (migration 052), so the headline stays.
    await sw.moreCardsThan(swCards, 'the social worker is sent a card');
    const told = await sw.arrives(/accepted the joint home visit|Status\s*Accepted/, 'the social worker is told');
    const toldText = await told.innerText();
    says('the social worker\'s card', toldText, `Demo Lead Practitioner accepted the joint home visit on ${visitLabel}`);
    says('the social worker\'s card', toldText, 'Demo Lead Practitioner');
    if (people.recorder.passed(requestJourney.name)) says('the social worker\'s card', toldText, /0–19 request\s*Filed: Allocated/);
    await sw.shoot('booking-accepted-notice', told);
    await checkCalendarLink(sw, told, visit);

    if (people.recorder.passed(requestJourney.name)) {
      // The hub channel was linked in the journey before: it shows the booking by case reference only.
      await hub.openConversation('Barnet North requests');
      // Newest first in a channel; the request's card there has the same case reference.
      const posted = await hub.latest(new RegExp(`^(?![\\s\\S]*New 0–19 request)[\\s\\S]*${CASE_REF}`), 'the booking in the hub channel');
      if ((await posted.innerText()).includes('Sam Testchild')) throw new Error('the hub channel\'s booking card shows a family member\'s name');
      await hub.shoot('booking-channel', posted);
    }
    // The social worker's living card of the booking (issue 13) is the "accepted" notice, drawn as the booking now is;
    // their older card of it became a "moved down the chat" line, so none still says it is waiting.
    const redrawn = await sw.latest(new RegExp(`${CASE_REF}[\\s\\S]*Status\\s*Accepted`), 'the social worker\'s living booking card says Accepted');
    await sw.shoot('booking-card-accepted', redrawn);
    const stillWaiting = (await sw.lastCardsText(100)).filter((t) => t.includes('Waiting for the lead responder')).length;
    if (stillWaiting > 0) throw new Error(`${stillWaiting} card(s) in the social worker's chat still say "Waiting for the lead responder" after the visit was accepted`);
  },
};
