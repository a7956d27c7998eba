// Owns the journeys of one case seeing each other (issue 12): a 0–19 request
// filed for a family answers the "file the request" follow-up of every joint
// visit of that case (the social worker's reminder and the DAT manager's
// chase), and a request filed without starting from a visit is linked to the
// latest one, so the visit's card and the request's card name each other.
import type { Queryable } from '../../store/db.js';
import { linkRequestToVisit, visitsAwaitingRequest } from '../../store/case-store.js';
import { writeAudit } from '../../store/audit-store.js';
import { resolveReminders } from '../reminders/schedule.js';
import type { RequestRow } from '../../store/request-store.js';

/** A visit agreed for a family whose request is already filed: the request is linked to it (when it follows up no other visit). */
export async function visitAgreedForCase(tx: Queryable, filed: { id: string } | undefined, bookingId: string, by: string, caseRef: string, now: Date): Promise<void> {
  if (!filed) return;
  if (await linkRequestToVisit(tx, filed.id, bookingId)) {
    await writeAudit(tx, { actor: by, action: 'request.linked-to-visit', recordType: 'request', recordId: filed.id, caseRef, detail: { bookingId } }, now);
  }
}

export async function requestFiledForCase(tx: Queryable, row: RequestRow, now: Date): Promise<void> {
  const visits = row.source_booking_id ? [row.source_booking_id] : [];
  for (const id of await visitsAwaitingRequest(tx, row.id)) if (!visits.includes(id)) visits.push(id);
  for (const bookingId of visits) {
    await resolveReminders(tx, 'request-not-filed', bookingId, { outcome: 'request-filed', by: row.referrer_aad, detail: { requestId: row.id } });
  }
  const latest = visits[0];
  if (!row.source_booking_id && latest) {
    await linkRequestToVisit(tx, row.id, latest);
    await writeAudit(tx, { actor: row.referrer_aad, action: 'request.linked-to-visit', recordType: 'request', recordId: row.id, caseRef: row.case_ref, detail: { bookingId: latest } }, now);
  }
}
