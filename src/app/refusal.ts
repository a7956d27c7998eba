// Owns the one way a refusal is recorded: an audit row with outcome
// 'refused', which must survive the rollback that the refusal causes, and
// must never be written through the pool while a transaction holds its locks
// (a burst of refused presses once deadlocked the app that way). Inside a
// transaction the row is written once the transaction has rolled back and
// given its connection back (withTransaction runs `afterRollback`); outside
// one it is written at once.
import { insideTransaction, type AfterRollback, type Db } from '../store/db.js';
import { writeAudit, type AuditEntry } from '../store/audit-store.js';
import type { UseCaseError } from './errors.js';

export type RefusalEntry = Omit<AuditEntry, 'outcome'>;

/** Records the refusal as described above and throws `error` (an AccessDeniedError or other UseCaseError). */
export async function refuseAudited(db: Db, entry: RefusalEntry, at: Date | undefined, error: UseCaseError): Promise<never> {
  const audit = () => writeAudit(db, { ...entry, outcome: 'refused' }, at);
  if (!insideTransaction()) {
    await audit();
    throw error;
  }
  const carrier = error as UseCaseError & AfterRollback;
  carrier.afterRollback = audit;
  throw carrier;
}
