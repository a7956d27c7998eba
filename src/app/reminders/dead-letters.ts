// The administrator's dead-letter list: notifications that could not be
// delivered (undeliverable) or failed too often (dead), and Retry, which puts
// one back in its recipient's queue. Admin only; viewing and retrying are
// audited, refusals too.
import { withTransaction } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { clearBackoff, listDeadLetters, requeueDeadLetter, type DeadLetter } from '../../store/delivery-store.js';
import { wakeDelivery } from '../../store/outbox.js';
import { AccessDeniedError } from '../errors.js';
import { isAdmin } from '../../domain/access/roles.js';
import { findPerson } from '../../domain/directory/lookup.js';
import type { ReminderDeps } from './fire.js';

async function requireAdmin(deps: ReminderDeps, actorId: string, action: string, recordId?: string): Promise<void> {
  if (isAdmin(findPerson(deps.directory, actorId))) return;
  await writeAudit(deps.db, { actor: actorId, action, outcome: 'refused', recordType: 'notification', recordId });
  throw new AccessDeniedError('ADMIN_ONLY', 'Only an administrator can see undelivered notifications.');
}

export async function deadLetters(deps: ReminderDeps, actorId: string): Promise<DeadLetter[]> {
  await requireAdmin(deps, actorId, 'deadletters.view');
  const rows = await listDeadLetters(deps.db);
  await writeAudit(deps.db, { actor: actorId, action: 'deadletters.view', detail: { shown: rows.length } });
  return rows;
}

/** True when the notification was dead or undeliverable and is queued again. */
export async function retryDeadLetter(deps: ReminderDeps, actorId: string, notificationId: string): Promise<boolean> {
  await requireAdmin(deps, actorId, 'deadletters.retry', notificationId);
  return withTransaction(deps.db, async (tx) => {
    const row = await requeueDeadLetter(tx, notificationId);
    await writeAudit(tx, {
      actor: actorId, action: 'deadletters.retry', outcome: row ? 'ok' : 'failed', recordType: 'notification', recordId: notificationId,
      before: row ? { status: row.status } : undefined,
    });
    if (!row) return false;
    const key = row.recipient_kind === 'user' ? `user:${row.recipient_id}` : `channel:${row.recipient_id}`;
    // A manual retry should not wait out an old backoff.
    await clearBackoff(tx, key);
    await wakeDelivery(tx, key);
    return true;
  });
}
