// Journey (c): reminders. The lead practitioner (who was allocated the request
// and accepted the visit in the journeys before) lists their reminders; their
// next reminder is made due now; its card arrives by itself; they record it
// done from the card, and the list no longer shows it.
import type { Journey, People } from '../lib/journey.js';
import { says, Skip } from '../lib/journey.js';
import { makeNextReminderDue } from '../lib/make-due.js';

export const remindersJourney: Journey = {
  name: 'reminders',
  async run(people: People) {
    const lead = await people.as('lead practitioner');
    await lead.openConversation('Personal Chat');
    const list = await lead.say('my reminders', /Your reminders|reminders/i);
    await lead.shoot('my-reminders', list);

    await lead.markSeen();
    const due = await makeNextReminderDue(people.app, 'Demo Lead Practitioner');
    if (!due) throw new Skip('Demo Lead Practitioner has no pending reminder to bring forward (run the request and booking journeys first)');
    const started = Date.now();
    const card = await lead.arrives(due.case_ref ?? /Due/, 'the reminder made due now arrives');
    people.recorder.timing(lead.who, 'a due reminder arrives (job queue → card drawn)', Date.now() - started);
    const text = await card.innerText();
    if (due.case_ref) says('the reminder card', text, due.case_ref);
    says('the reminder card', text, 'Due');
    await lead.shoot('reminder', card);

    await card.getByRole('button', { name: 'Done', exact: true }).click();
    await lead.pickDate(card, 0, new Date());
    const recorded = await lead.press(card, /^Record: /, 'Recorded');
    says('the recorded card', await recorded.innerText(), 'This reminder is closed');

    await lead.press(recorded, 'My reminders', /reminders/i);
  },
};
