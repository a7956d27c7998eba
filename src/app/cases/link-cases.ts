// Owns keeping every record in its case at start: the database's copy of
// which area each hub is in follows the directory, and records not yet in a
// case (written by the previous version, or before their hub was configured)
// are linked, in one transaction.
import { withTransaction, type Db } from '../../store/db.js';
import { syncHubAreasAndLink } from '../../store/case-store.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Logger } from '../../log/logger.js';

export async function linkRecordsToCases(db: Db, directory: Directory, log: Logger): Promise<void> {
  const cases = await withTransaction(db, (tx) => syncHubAreasAndLink(tx, directory.hubs));
  log.info({ cases }, 'records linked to their cases');
}
