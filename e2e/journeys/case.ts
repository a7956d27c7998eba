// Journey (d): the case card (issue 12). The social worker types
// `case LCS-…` and sees where the family is on its journey, who is involved
// and what is due next; "Open the case" on the request's card shows the same
// case; the hub manager sees it too.
import type { Journey, People } from '../lib/journey.js';
import { says, Skip } from '../lib/journey.js';
import { CASE_REF, requestJourney } from './request.js';
import { bookingJourney } from './booking.js';

export const caseJourney: Journey = {
  name: 'case card',
  async run(people: People) {
    if (!people.recorder.passed(requestJourney.name) && !people.recorder.passed(bookingJourney.name)) {
      throw new Skip(`there is no case ${CASE_REF} yet: run it with the request or booking journey`);
    }
    const sw = await people.as('social worker');
    await sw.openConversation('Personal Chat');
    const card = await sw.say(`case ${CASE_REF}`, `Case ${CASE_REF}`);
    await sw.shoot('case', card);
    const text = await card.innerText();
    // The journey stage and the path to it.
    says('the case card', text, /Where the family is: \S/);
    says('the case card', text, /Checked\s*(Done|Now)/);
    // Who is involved.
    says('the case card', text, /Social worker\s*Demo Social Worker/);
    if (people.recorder.passed(requestJourney.name)) says('the case card', text, /Allocated practitioner\s*Demo Lead Practitioner/);
    if (people.recorder.passed(bookingJourney.name)) says('the case card', text, /Joint visit with\s*Demo Lead Practitioner/);
    // What is due.
    says('the case card', text, /Due next: \S/);

    // "Open the case" on the request's own card opens the same case.
    if (people.recorder.passed(requestJourney.name)) {
      const requests = await sw.say('my requests', CASE_REF);
      const details = await sw.press(requests, /^Open/, 'official: sensitive');
      const opened = await sw.press(details, 'Open the case', `Case ${CASE_REF}`);
      says('the case opened from the request', await opened.innerText(), /Where the family is: \S/);
    }

    const hub = await people.as('hub manager');
    await hub.openConversation('Personal Chat');
    const hubView = await hub.say(`case ${CASE_REF}`, `Case ${CASE_REF}`);
    says('the hub manager\'s case card', await hubView.innerText(), /Who is involved/);
    if (people.recorder.passed(requestJourney.name)) says('the hub manager\'s case card', await hubView.innerText(), 'Demo Lead Practitioner');
  },
};
