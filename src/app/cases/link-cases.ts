// Owns what the case features check at start: the database's copy of which
// area each hub is in follows the directory, records not yet in a case
// (written by the previous version, or before their hub was configured) are
// linked, in one transaction; and which hubs have no linked team channel is
// logged, since through that channel the bot reaches hub staff who have
// never opened it (docs/DEPLOY.md, "Reaching people who never opened the bot").
import { withTransaction, type Db } from '../../store/db.js';
import { linkedHubIds, syncHubAreasAndLink } from '../../store/case-store.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Logger } from '../../log/logger.js';

export async function linkRecordsToCases(db: Db, directory: Directory, log: Logger): Promise<void> {
  const cases = await withTransaction(db, (tx) => syncHubAreasAndLink(tx, directory.hubs));
  log.info({ cases }, 'records linked to their cases');
  const status = await hubChannelStatus(db, directory);
  const unlinked = status.filter((h) => !h.linked).map((h) => h.hubId);
  if (unlinked.length > 0) {
    log.warn({ unlinked, linked: status.length - unlinked.length }, 'hub channels not linked: staff of these hubs who never opened Right Response get their cards only when they first do');
  }
}

export interface HubChannelStatus { hubId: string; hubName: string; linked: boolean }

export async function hubChannelStatus(db: Db, directory: Directory): Promise<HubChannelStatus[]> {
  const linked = await linkedHubIds(db);
  return directory.hubs.map((h) => ({ hubId: h.id, hubName: h.name, linked: linked.has(h.id) }));
}
