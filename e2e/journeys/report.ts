// Journey (e): the hub manager's report (issue 15). `report` draws the card
// for their hub (charts, or the table each chart falls back to where the
// client cannot draw it); choosing another period and pressing Show report
// draws the report for that period.
import type { Journey, People } from '../lib/journey.js';
import { says } from '../lib/journey.js';

export const reportJourney: Journey = {
  name: 'report',
  async run(people: People) {
    const hub = await people.as('hub manager');
    await hub.openConversation('Personal Chat');
    const card = await hub.say('report', /Report: /);
    const text = await card.innerText();
    says('the report', text, 'The last 4 weeks');
    says('the report', text, 'Joint visits by type and outcome');
    says('the report', text, 'OSR places used against the cap');
    // Each chart is drawn, or its table: something with figures stands under each chart's title.
    const drawn = await card.locator('table, svg, canvas, [role=table], [role=grid]').count();
    if (drawn === 0) throw new Error('the report card drew neither a chart nor a table');
    await hub.shoot('report', card);

    await hub.choose(card, /^Period/, 'The last 13 weeks');
    const again = await hub.press(card, 'Show report', /The last 13 weeks: /);
    says('the report for 13 weeks', await again.innerText(), 'Joint visits by type and outcome');
  },
};
