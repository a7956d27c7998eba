// Owns the retention purge: for each record type in the policy, delete what is
// past its period, in one transaction per record type with an audit row of
// the count (never of the content). Every table named here is made by a
// migration, and every migration always runs; a record type that fails is
// reported and the others still run.
import { withTransaction, type Db } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { readCatalog } from '../../store/schema-catalog.js';
import { PURGE_RULES, enterAuditMaintenance, purgeAuditRows, purgeRecordCardsOf, purgeRows } from '../../store/retention-store.js';
import { planClearRemovedCards } from '../../store/record-card-store.js';
import { RECORD_TYPES, cutoff, describePeriod, type RecordType, type RetentionPolicy } from '../../domain/privacy/retention.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../../log/logger.js';

export const RETENTION_ACTOR = 'system:retention';

export interface PurgeDeps { db: Db; clock: Clock; log: Logger }

export interface PurgeOutcome {
  at: Date;
  purged: Partial<Record<RecordType, number>>;
  failed: Partial<Record<RecordType, string>>;
}

export async function runRetentionPurge(deps: PurgeDeps, policy: RetentionPolicy): Promise<PurgeOutcome> {
  const now = deps.clock.now();
  const outcome: PurgeOutcome = { at: now, purged: {}, failed: {} };
  const catalog = await readCatalog(deps.db);
  for (const type of RECORD_TYPES) {
    const keep = policy.recordTypes[type]!.keep;
    const before = cutoff(now, keep);
    try {
      const count = await withTransaction(deps.db, async (tx) => {
        let n: number;
        if (type === 'audit.expired') {
          await enterAuditMaintenance(tx);
          n = await purgeAuditRows(tx, catalog, before);
        } else {
          // A purged request's or booking's cards in Teams are cleared with it, as an erased case's are.
          await planClearRemovedCards(tx, await purgeRecordCardsOf(tx, PURGE_RULES[type], before));
          n = await purgeRows(tx, PURGE_RULES[type], before);
        }
        if (n > 0) {
          await writeAudit(tx, {
            actor: RETENTION_ACTOR, action: 'retention.purged', recordType: type,
            detail: { recordType: type, count: n, keep: describePeriod(keep), olderThan: before.toISOString() },
          }, now);
        }
        return n;
      });
      outcome.purged[type] = count;
    } catch (err) {
      // Logged by code and record type only: a database error can quote row values.
      const code = (err as { code?: string }).code ?? 'ERROR';
      outcome.failed[type] = code;
      deps.log.error({ recordType: type, code }, 'retention purge failed for a record type; the others continue');
    }
  }
  await writeAudit(deps.db, {
    actor: RETENTION_ACTOR, action: 'retention.run', outcome: Object.keys(outcome.failed).length > 0 ? 'failed' : 'ok',
    detail: { purged: outcome.purged, failed: outcome.failed },
  }, now);
  deps.log.info({ purged: outcome.purged, failed: Object.keys(outcome.failed) }, 'retention purge finished');
  return outcome;
}
