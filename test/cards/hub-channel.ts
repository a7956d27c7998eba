// The Barnet North hub's Teams channel as the card tests use it: messages sent
// in it, the card it shows for a case, and a request filed so that its card
// is posted there.
import { cardsOf, textOf, type Activity, type TestBot } from '../support/harness.js';
import { DEMO_TENANT, socialWorker, type DemoUser } from '../support/people.js';
import { fileRequest, waitFor } from '../request/support.js';

export const CHANNEL = '19:barnet-north@thread.tacv2';

export function hubChannel(bot: () => TestBot) {
  /** A message in the hub channel; a press on a channel card comes from that card's thread. */
  const inChannel = (user: DemoUser, a: Partial<Activity>) =>
    bot().send(user, { ...a, conversation: { id: `${CHANNEL};messageid=${a.replyToId ?? '1700000000000'}`, conversationType: 'channel', tenantId: DEMO_TENANT } });

  /** The hub channel's message showing this case's card, as the channel shows it now. */
  const channelCard = (caseRef: string): Activity | undefined =>
    bot().conversation(CHANNEL).find((m) => cardsOf([m]).some((c) => textOf(c).includes(caseRef)));

  /** A request filed by the social worker, and the channel message its card was posted as. */
  const postedToChannel = async (caseRef: string) => {
    const { requestId } = await fileRequest(bot(), socialWorker, { family: { caseRef } });
    const message = await waitFor('hub card posted to the channel', () => channelCard(caseRef));
    return { requestId, message, messageId: message.id as string };
  };

  return { inChannel, channelCard, postedToChannel };
}
