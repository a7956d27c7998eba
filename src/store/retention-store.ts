// Owns the SQL of the retention purge: for each record type, which table,
// which rows and which date their age is counted from. Table and column names
// are fixed here (never from configuration).
import type { Queryable } from './db.js';
import type { RecordType } from '../domain/privacy/retention.js';
import { ident, type SchemaCatalog } from './schema-catalog.js';
import type { HeldMessage } from './record-card-store.js';

export interface PurgeRule {
  table: string;
  /** Which rows are of this record type. */
  where: string;
  /** The date the retention period is counted from. */
  age: string;
}

export const PURGE_RULES: Record<Exclude<RecordType, 'audit.expired'>, PurgeRule> = {
  'check.cancelled': { table: 'checks', where: `status = 'cancelled'`, age: 'updated_at' },
  'check.abandoned': { table: 'checks', where: `status = 'in-progress'`, age: 'updated_at' },
  'check.completed': { table: 'checks', where: `status = 'completed'`, age: 'coalesce(completed_at, updated_at)' },
  'request.draft': { table: 'requests', where: `status = 'draft'`, age: 'updated_at' },
  'request.ended': { table: 'requests', where: `status IN ('closed', 'declined', 'withdrawn')`, age: 'coalesce(ended_at, updated_at)' },
  'booking.past': { table: 'bookings', where: 'true', age: 'greatest(visit_at, updated_at)' },
  'reminder.closed': { table: 'reminders', where: `status IN ('sent', 'resolved', 'undeliverable')`, age: 'updated_at' },
  'notification.finished': { table: 'notifications', where: `status <> 'pending'`, age: 'created_at' },
  'activity.dedupe': { table: 'processed_activities', where: 'true', age: 'received_at' },
};

/** The rule's rows past their period (the cut-off date is $1): one condition for the rows and for their cards. */
function expired(rule: PurgeRule): string {
  return `(${rule.where}) AND ${rule.age} < $1`;
}

/** Record cards show requests and bookings: their messages in Teams go with the records they show. */
const CARD_RECORD_TYPE: Readonly<Record<string, 'request' | 'booking'>> = { requests: 'request', bookings: 'booking' };

/**
 * The messages in Teams that show records this rule is about to purge: their
 * rows are deleted and returned, for the caller to clear those cards in the
 * same transaction (planClearRemovedCards), as erasing a case does.
 */
export async function purgeRecordCardsOf(q: Queryable, rule: PurgeRule, before: Date): Promise<HeldMessage[]> {
  const recordType = CARD_RECORD_TYPE[rule.table];
  if (!recordType) return [];
  const r = await q.query<HeldMessage>(
    `DELETE FROM record_cards WHERE record_type = $2
        AND record_id IN (SELECT id FROM ${ident(rule.table)} WHERE ${expired(rule)})
     RETURNING recipient_kind, recipient_id, conversation_id, activity_id`, [before, recordType]);
  return r.rows;
}

export async function purgeRows(q: Queryable, rule: PurgeRule, before: Date): Promise<number> {
  const r = await q.query(`DELETE FROM ${ident(rule.table)} WHERE ${expired(rule)}`, [before]);
  return r.rowCount ?? 0;
}

/** Tables that hold records about a case: they have a case_ref column (audit_log aside). */
export function caseTables(catalog: SchemaCatalog): string[] {
  return [...catalog.tables.values()].filter((t) => t.name !== 'audit_log' && t.columns.has('case_ref')).map((t) => t.name).sort();
}

/**
 * Deletes audit rows older than `before` whose case reference (if any) no
 * longer has a record in any case table. Needs rr.audit_maintenance = 'on' in
 * the caller's transaction.
 */
export async function purgeAuditRows(q: Queryable, catalog: SchemaCatalog, before: Date): Promise<number> {
  const stillHeld = caseTables(catalog)
    .map((t) => `EXISTS (SELECT 1 FROM ${ident(t)} x WHERE upper(x.case_ref) = upper(audit_log.case_ref))`);
  const orphan = stillHeld.length > 0 ? `(audit_log.case_ref IS NULL OR NOT (${stillHeld.join(' OR ')}))` : 'true';
  const r = await q.query(`DELETE FROM audit_log WHERE at < $1 AND ${orphan}`, [before]);
  return r.rowCount ?? 0;
}

/** Lets this transaction change or delete audit rows (migration 001's trigger). Only purge and erasure call it. */
export async function enterAuditMaintenance(q: Queryable): Promise<void> {
  await q.query(`SET LOCAL rr.audit_maintenance = 'on'`);
}
