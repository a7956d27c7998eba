// Owns the subject access export, the audit export and erasure for one case
// reference: administrators only, each use audited in the same transaction as
// what it reads or changes. Erasure deletes every row held about the case and
// blanks the before/after/detail of its audit rows, keeping who did what when,
// and clears the case's cards in Teams to a neutral "removed" card.
import { withTransaction } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { enterAuditMaintenance } from '../../store/retention-store.js';
import {
  auditRowsAboutCase, countCaseRows, deleteCaseRows, recordIdsOf, redactCaseAudit, removeJobs, selectCaseRows, type CaseAuditRow,
} from '../../store/privacy-store.js';
import { planClearRemovedCards, type HeldMessage } from '../../store/record-card-store.js';
import { UseCaseError } from '../errors.js';
import { caseRefOrNull, parseCaseRef, requireAdmin, type Place, type PrivacyDeps } from './access.js';

export interface CaseExport {
  caseRef: string;
  exportedAt: string;
  exportedBy: string;
  /** Rows per table, as stored. */
  records: Record<string, Record<string, unknown>[]>;
}

export interface CaseAuditExport { caseRef: string; exportedAt: string; rows: CaseAuditRow[] }

const countsOf = (records: Record<string, unknown[]>) => Object.fromEntries(Object.entries(records).map(([t, rows]) => [t, rows.length]));

export async function exportCase(deps: PrivacyDeps, actor: string, caseRefInput: unknown, format: string): Promise<CaseExport> {
  const admin = await requireAdmin(deps, actor, 'privacy.export', caseRefOrNull(caseRefInput));
  const caseRef = parseCaseRef(caseRefInput);
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const records = await selectCaseRows(tx, caseRef);
    await writeAudit(tx, { actor, action: 'privacy.exported', recordType: 'case', caseRef, detail: { format, counts: countsOf(records) } }, now);
    return { caseRef, exportedAt: now.toISOString(), exportedBy: admin.displayName, records };
  });
}

export async function exportCaseAudit(deps: PrivacyDeps, actor: string, caseRefInput: unknown, format: string): Promise<CaseAuditExport> {
  await requireAdmin(deps, actor, 'privacy.audit-export', caseRefOrNull(caseRefInput));
  const caseRef = parseCaseRef(caseRefInput);
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const records = await selectCaseRows(tx, caseRef);
    const rows = await auditRowsAboutCase(tx, caseRef, recordIdsOf(records));
    await writeAudit(tx, { actor, action: 'privacy.audit-exported', recordType: 'case', caseRef, detail: { format, rows: rows.length } }, now);
    return { caseRef, exportedAt: now.toISOString(), rows };
  });
}

export interface CaseSummary { caseRef: string; counts: Record<string, number>; auditRows: number }

/** What is held about a case, in counts only: the export card and the erasure confirmation show this. */
export async function summariseCase(deps: PrivacyDeps, actor: string, caseRefInput: unknown, action: 'privacy.export' | 'privacy.erase', place?: Place): Promise<CaseSummary> {
  await requireAdmin(deps, actor, action, caseRefOrNull(caseRefInput), place);
  const caseRef = parseCaseRef(caseRefInput);
  return withTransaction(deps.db, async (tx) => {
    const counts = await countCaseRows(tx, caseRef);
    const ids = Object.keys(counts).length > 0 ? recordIdsOf(await selectCaseRows(tx, caseRef)) : [];
    const auditRows = (await auditRowsAboutCase(tx, caseRef, ids)).length;
    await writeAudit(tx, { actor, action: `${action}-viewed`, recordType: 'case', caseRef, detail: { counts } }, deps.clock.now());
    return { caseRef, counts, auditRows };
  });
}

export interface ErasureOutcome { caseRef: string; counts: Record<string, number>; auditRowsRedacted: number }

/** Erases everything held about the case. `confirmation` must repeat the case reference. */
export async function eraseCase(deps: PrivacyDeps, actor: string, caseRefInput: unknown, confirmation: unknown, place?: Place): Promise<ErasureOutcome> {
  await requireAdmin(deps, actor, 'privacy.erase', caseRefOrNull(caseRefInput), place);
  const caseRef = parseCaseRef(caseRefInput);
  if (typeof confirmation !== 'string' || confirmation.trim().toUpperCase() !== caseRef.toUpperCase()) {
    throw new UseCaseError('PRIVACY_CONFIRM_MISMATCH', `Type the case reference ${caseRef} exactly to confirm. Nothing has been erased.`, { field: 'confirm' });
  }
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    await enterAuditMaintenance(tx);
    const rows = await selectCaseRows(tx, caseRef);
    const ids = recordIdsOf(rows);
    // Its cards in Teams (the hub channel's, the responders') are cleared once the erasure commits.
    await planClearRemovedCards(tx, (rows.record_cards ?? []) as unknown as HeldMessage[]);
    const auditRowsRedacted = await redactCaseAudit(tx, caseRef, ids);
    const { counts, jobKeys } = await deleteCaseRows(tx, caseRef);
    await removeJobs(tx, jobKeys);
    await writeAudit(tx, { actor, action: 'privacy.erased', recordType: 'case', caseRef, detail: { counts, auditRowsRedacted, jobsRemoved: jobKeys.length } }, now);
    return { caseRef, counts, auditRowsRedacted };
  });
}
