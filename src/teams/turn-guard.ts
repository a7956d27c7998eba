// Owns what happens to every activity before any handler: the tenant
// allow-list, refusing an activity from no identifiable person,
// de-duplication of Teams resends, and remembering where to reach the user
// proactively.
import { TurnContext, type Activity } from 'botbuilder';
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import { releaseTurn, type TurnClaims } from '../store/turn-claims.js';
import { recipientKey, wakeDelivery } from '../store/outbox.js';

export interface TurnGuardOptions {
  db: Db;
  /** Claims activity ids (batched under load). */
  claims: TurnClaims;
  log: Logger;
  allowedTenants: ReadonlySet<string>;
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? activity.conversation?.tenantId;
}

/**
 * Runs `next` unless the activity is from a tenant we do not serve or is a
 * resend of an activity already being handled. Returns what happened.
 */
export async function guardTurn(context: TurnContext, o: TurnGuardOptions, next: () => Promise<void>): Promise<'ran' | 'refused-tenant' | 'refused-identity' | 'duplicate'> {
  const activity = context.activity;
  const tenant = tenantOf(activity);
  if (o.allowedTenants.size > 0 && (!tenant || !o.allowedTenants.has(tenant))) {
    // Logged without content: only the fact and the tenant id.
    o.log.warn({ tenant: tenant ?? null, activityType: activity.type }, 'activity from a tenant not on the allow-list refused');
    return 'refused-tenant';
  }

  // Everyone is known by their Entra (AAD) object id: without one there is no
  // one to authorise, so nothing runs and nothing is stored. (The Agents
  // Playground sends the mock users' ids from .m365agentsplayground.yml.)
  if (!activity.from?.aadObjectId) {
    o.log.warn({ activityType: activity.type, channelId: activity.channelId ?? null }, 'activity without an AAD object id refused');
    return 'refused-identity';
  }

  const dedupeKey = activity.type === 'message' && activity.id ? `${activity.conversation?.id ?? ''}|${activity.id}` : undefined;
  const aadObjectId = activity.from.aadObjectId;
  const personal = activity.conversation?.conversationType !== 'channel' && activity.conversation?.conversationType !== 'groupChat';
  // Without the activity id, which changes every turn and proactive sends do not use: the reference is then rewritten only when it changes.
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  const user = personal ? { aadObjectId, reference } : undefined;
  const claim = await o.claims.claim({ dedupeKey, user });
  if (!claim.claimed) {
    o.log.info({ activityId: activity.id }, 'duplicate activity ignored (Teams resend)');
    return 'duplicate';
  }
  // teams-ai's submit selector reads value.verb and throws on null (typeof null is 'object').
  if (activity.value === null) delete activity.value;

  try {
    // Cards held until this person first opened Right Response go out now, in order (issue 12). On a first
    // contact their delivery is woken even when none was released here: a card being held at this very
    // moment is not. Inside the try: if the wake fails, Teams' resend of this activity runs again.
    if (claim.released > 0 || claim.firstContact) {
      await wakeDelivery(o.db, recipientKey({ kind: 'user', aadObjectId }));
      if (claim.released > 0) o.log.info({ released: claim.released }, 'held cards released: the person can be reached now');
    }
    await next();
    return 'ran';
  } catch (err) {
    // Let a resend of a failed turn try again.
    if (dedupeKey) {
      await releaseTurn(o.db, dedupeKey).catch((releaseError: unknown) => {
        // The turn's own error is the one to report; a claim left behind only means Teams' resend is dropped.
        o.log.warn({ activityId: activity.id, code: (releaseError as { code?: string }).code }, 'could not release a failed activity for its resend');
      });
    }
    throw err;
  }
}
