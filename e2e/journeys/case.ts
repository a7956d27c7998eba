// Journey (d): `case LCS-…` shows the case card: the request, who it is
// allocated to and the accepted joint visit, for the social worker who filed
// it. The case card is being built (issue 12); until the bot has it, `case`
// is answered with help and this journey is skipped, saying so.
import type { Journey, People } from '../lib/journey.js';
import { says, Skip } from '../lib/journey.js';
import { CASE_REF } from './request.js';

export const caseJourney: Journey = {
  name: 'case card',
  async run(people: People) {
    const sw = await people.as('social worker');
    await sw.openConversation('Personal Chat');
    const reply = await sw.say(`case ${CASE_REF}`, /\S/);
    const text = await reply.innerText();
    if (!text.includes(CASE_REF)) {
      throw new Skip(`the bot answers "case ${CASE_REF}" without a case card (it said: "${text.split('\n')[0]}"); the case card (issue 12) is not merged yet`);
    }
    await sw.shoot('case', reply);
    says('the case card', text, 'Demo Lead Practitioner');
    says('the case card', text, /Accepted/);
    says('the case card', text, /Allocated/i);

    const hub = await people.as('hub manager');
    await hub.openConversation('Personal Chat');
    const hubView = await hub.say(`case ${CASE_REF}`, CASE_REF);
    says('the hub manager\'s case card', await hubView.innerText(), 'Demo Lead Practitioner');
  },
};
