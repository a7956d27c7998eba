// Owns answering "status of LCS-204518": what exists about a case reference
// that this person may see. Today that is the 0–19 requests and OSR bookings
// carrying it (issue 12 will add cases as records of their own: this is the
// one function to point at the case card then). Records the person may not
// see are left out silently, and the look-up itself is audited.
import { writeAudit } from '../../store/audit-store.js';
import { getRequest } from '../../store/request-store.js';
import { getBooking } from '../../store/booking-store.js';
import { getHubWeek } from '../../store/rota-store.js';
import { bookingIdsForCase, requestIdsForCase } from '../../store/case-lookup-store.js';
import { partiesOf, type RequestActor } from '../request/access.js';
import { mayView } from '../../domain/booking/permissions.js';
import { STATUS_LABELS } from '../../domain/request/status.js';
import { BOOKING_STATUS_LABELS, BOOKING_TYPE_LABELS } from '../../domain/booking/schema.js';
import { formatCardDate, formatCardDateTime } from '../../domain/time/london-format.js';
import type { Db } from '../../store/db.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { Clock } from '../clock.js';

export interface CaseStatusDeps { db: Db; directory: Directory; clock: Clock }

export interface CaseRecordLine { kind: 'request' | 'booking'; id: string; text: string }

export async function caseStatus(deps: CaseStatusDeps, actor: RequestActor, caseRef: string): Promise<CaseRecordLine[]> {
  const hubName = (id: string | null) => deps.directory.hubs.find((h) => h.id === id)?.name ?? 'the hub';
  const lines: CaseRecordLine[] = [];
  for (const id of await requestIdsForCase(deps.db, caseRef)) {
    const row = await getRequest(deps.db, id);
    if (!row || partiesOf(actor, row).size === 0) continue;
    const when = row.status === 'draft' ? `updated ${formatCardDate(row.updated_at)}` : `sent ${formatCardDate(row.submitted_at ?? row.created_at)}`;
    lines.push({ kind: 'request', id, text: `0–19 request${row.hub_id ? ` to ${hubName(row.hub_id)}` : ''}: ${STATUS_LABELS[row.status]} (${when})` });
  }
  for (const id of await bookingIdsForCase(deps.db, caseRef)) {
    const b = await getBooking(deps.db, id);
    if (!b) continue;
    const hw = await getHubWeek(deps.db, b.hubId, b.weekId);
    if (!mayView(actor.person, b, { leadAad: hw?.leadAad ?? null, coverAad: hw?.coverAad ?? null })) continue;
    lines.push({ kind: 'booking', id, text: `${BOOKING_TYPE_LABELS[b.type]} with ${hubName(b.hubId)}, ${formatCardDateTime(b.visitAt)}: ${BOOKING_STATUS_LABELS[b.status]}` });
  }
  await writeAudit(deps.db, { actor: actor.aadObjectId || 'anonymous', action: 'case.status-viewed', caseRef, detail: { requests: lines.filter((l) => l.kind === 'request').length, bookings: lines.filter((l) => l.kind === 'booking').length } }, deps.clock.now());
  return lines;
}
