// Journey (e): the remaining card types, each shown once and photographed:
// the social worker's lists, help, free text, a check left in progress and the
// stop card for a child at risk; the administrator's dead letters and the
// privacy export and erase confirmations (nothing is erased).
import type { Journey, People } from '../lib/journey.js';
import { says } from '../lib/journey.js';
import { CASE_REF } from './request.js';

export const tourJourney: Journey = {
  name: 'every other card',
  async run(people: People) {
    const sw = await people.as('social worker');
    await sw.openConversation('Personal Chat');
    await sw.shoot('check-list', await sw.say('my checks', 'Your checks'));
    const requests = await sw.say('my requests', CASE_REF);
    await sw.shoot('request-list', requests);
    const details = await sw.press(requests, /^Open/, 'official: sensitive');
    says('the request details', await details.innerText(), 'Sam Testchild');
    await sw.shoot('request-details', details);
    await sw.shoot('booking-list', await sw.say('my bookings', CASE_REF));
    await sw.shoot('help', await sw.say('help', /call 999/));
    await sw.shoot('understood', await sw.say('mum has been low since the baby and the 7-year-old is missing school', /\S/, 'free text'));

    // A check left after its first step, then asked for again: resume or start again.
    let card = await sw.say('check', 'Safety first');
    await sw.choose(card, /Where does the family live/, 'Barnet');
    await sw.pick(card, 'No');
    await sw.press(card, 'Continue', 'already open to a service');
    card = await sw.say('check', 'You have a check in progress');
    await sw.shoot('check-resume', card);
    card = await sw.press(card, /Start a new check/, 'Safety first');
    await sw.choose(card, /Where does the family live/, 'Barnet');
    await sw.pick(card, 'Yes');
    card = await sw.press(card, 'Continue', 'Call 999 now');
    await sw.shoot('check-stop-risk', card);

    const admin = await people.as('administrator');
    await admin.shoot('dead-letters', await admin.say('dead letters', 'Undelivered notifications'));
    await admin.shoot('privacy-export', await admin.say(`export case ${CASE_REF}`, 'Subject access export'));
    await admin.shoot('privacy-erase', await admin.say(`erase case ${CASE_REF}`, `Erase case ${CASE_REF}?`));
  },
};
