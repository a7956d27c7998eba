// Owns linking a hub's Teams channel (where new-request cards are posted) and
// pointing a hub member from the channel to a request's details in private:
// the channel itself never shows family details (docs/SECURITY.md).
import { saveChannelReference, userReference } from '../../store/conversation-refs.js';
import { enqueueNotification } from '../../store/outbox.js';
import { writeAudit } from '../../store/audit-store.js';
import { getRequest, type RequestRow } from '../../store/request-store.js';
import { withTransaction } from '../../store/db.js';
import { isHubManager } from '../../domain/access/roles.js';
import { findHub } from '../../domain/directory/lookup.js';
import type { Hub } from '../../domain/directory/schema.js';
import { canView } from '../../domain/request/status.js';
import { UseCaseError } from '../errors.js';
import { notFound, partiesOf, refuse, type RequestActor, type RequestDeps } from './access.js';
import { STATUS_CARD } from './notify.js';
import { escapeCardText as escapeText } from '../../domain/text/card-text.js';

type ChannelReference = Parameters<typeof saveChannelReference>[2];

/** A channel thread id ends ";messageid=…": kept, cards would land in that one thread instead of as new posts. */
export function channelRoot(reference: ChannelReference): ChannelReference {
  const id = reference.conversation?.id;
  if (!id || !reference.conversation) return reference;
  return { ...reference, conversation: { ...reference.conversation, id: id.split(';messageid=')[0]! } };
}

export async function linkHubChannel(deps: RequestDeps, actor: RequestActor, reference: ChannelReference): Promise<Hub> {
  const hubId = actor.person?.hubId;
  const hub = hubId && isHubManager(actor.person, hubId) ? findHub(deps.directory, hubId) : undefined;
  if (!hub) throw new UseCaseError('NOT_A_HUB_MANAGER', "Only a hub team manager can link their hub's channel. Ask your manager to type 'link channel' here.");
  const now = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    await saveChannelReference(tx, hub.id, channelRoot(reference));
    await writeAudit(tx, { actor: actor.aadObjectId, action: 'hub.channel.link', recordType: 'hub', recordId: hub.id, detail: { conversationType: 'channel' } }, now);
  });
  return hub;
}

/** From a channel button: checks the person may see the request, then sends them a private card to open it. */
export async function sendDetailsPrivately(deps: RequestDeps, actor: RequestActor, requestId: string): Promise<void> {
  const now = deps.clock.now();
  const row = await getRequest(deps.db, requestId);
  if (!row) throw notFound();
  if (!canView(partiesOf(actor, row))) await refuse(deps.db, actor, 'request.view', row, now);
  await enqueueNotification(deps.db, {
    to: { kind: 'user', aadObjectId: actor.aadObjectId },
    template: STATUS_CARD,
    data: { requestId: row.id, caseRef: escapeText(row.case_ref ?? ''), title: 'Request details', message: 'You asked to see this request from the hub channel. Open it here, in private.', status: row.status },
    summary: `Request ${row.case_ref ?? ''}`,
  });
}

/**
 * From a channel button: a form only the presser should see (the allocate
 * form with every practitioner's caseload, the decline form where the reason
 * is typed) goes to their personal chat, never into the card the channel
 * shares. The caller has already checked they may use it. 'no-chat' when they
 * have never opened Right Response, so there is no chat to put it in.
 */
export async function sendFormPrivately(deps: RequestDeps, actor: RequestActor, row: Pick<RequestRow, 'case_ref'>, card: { template: string; data: Record<string, unknown> }): Promise<'sent' | 'no-chat'> {
  if (!(await userReference(deps.db, actor.aadObjectId))) return 'no-chat';
  await enqueueNotification(deps.db, { to: { kind: 'user', aadObjectId: actor.aadObjectId }, template: card.template, data: card.data, summary: `Request ${row.case_ref ?? ''}` });
  return 'sent';
}
