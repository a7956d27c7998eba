// Owns what people are told about a request and how: the no-names card to the
// hub channel when it arrives (case reference, level, agreed work, age range
// only: docs/SECURITY.md), the referrer's card at every status change, and the
// practitioner's card when a case is allocated to them. Written to the outbox
// inside the caller's transaction.
import type { Queryable } from '../../store/db.js';
import { enqueueNotification } from '../../store/outbox.js';
import { channelReference } from '../../store/conversation-refs.js';
import type { RequestRow } from '../../store/request-store.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findHub, hubManagers } from '../../domain/directory/lookup.js';
import { LEVEL_NAMES } from '../../domain/request/need-work-sections.js';
import { STATUS_LABELS } from '../../domain/request/status.js';
import { escapeCardText as escapeText } from '../../domain/text/card-text.js';

export const HUB_CARD = 'request-hub';
export const STATUS_CARD = 'request-status';

export function levelLabel(level: number | null): string {
  return level ? `Level ${level} (${LEVEL_NAMES[level] ?? ''})` : 'Not set';
}

/** The channel card's data: nothing here may identify a family beyond the case reference. */
export function hubCardData(row: RequestRow, directory: Directory): Record<string, unknown> {
  return {
    requestId: row.id,
    caseRef: escapeText(row.case_ref ?? ''),
    hubName: findHub(directory, row.hub_id ?? '')?.name ?? '',
    level: levelLabel(row.level),
    agreedWork: escapeText(row.intervention ?? ''),
    ageRange: row.age_range ?? '',
    priority: row.vulnerability > 0 ? `${row.vulnerability} vulnerability ${row.vulnerability === 1 ? 'factor' : 'factors'}` : 'No extra vulnerability factors',
    // The card is redrawn when the request moves on: it says where it is and offers only what can still be done.
    statusText: hubStatusText(row, directory),
    waiting: row.status === 'submitted',
  };
}

function hubStatusText(row: RequestRow, directory: Directory): string {
  if (row.status === 'submitted') return 'Waiting for allocation';
  const who = directory.people.find((p) => p.aadObjectId === row.allocated_to)?.displayName;
  if (row.status === 'allocated' && who) return `Allocated to ${who}`;
  return STATUS_LABELS[row.status];
}

export async function postToHub(tx: Queryable, row: RequestRow, directory: Directory): Promise<void> {
  const data = hubCardData(row, directory);
  const summary = `New 0–19 request ${row.case_ref ?? ''}: ${levelLabel(row.level)}`;
  await enqueueNotification(tx, { to: { kind: 'channel', hubId: row.hub_id! }, template: HUB_CARD, data, summary, dedupeKey: `request:${row.id}:hub` });
  // No channel linked yet ("link channel"): the hub's managers get the same card personally, so nothing waits unseen.
  if (!(await channelReference(tx, row.hub_id!))) {
    for (const manager of hubManagers(directory, row.hub_id!)) {
      await enqueueNotification(tx, { to: { kind: 'user', aadObjectId: manager.aadObjectId }, template: HUB_CARD, data, summary, dedupeKey: `request:${row.id}:hub:${manager.aadObjectId}` });
    }
  }
}

export interface StatusMessage { title: string; message: string }

/** Tells one person about a change; the history row id makes each change one card, however often it is retried. */
export async function tellPerson(tx: Queryable, aad: string, row: RequestRow, historyId: string, m: StatusMessage): Promise<void> {
  await enqueueNotification(tx, {
    to: { kind: 'user', aadObjectId: aad },
    template: STATUS_CARD,
    data: { requestId: row.id, caseRef: escapeText(row.case_ref ?? ''), status: STATUS_LABELS[row.status], title: m.title, message: m.message },
    summary: `Request ${row.case_ref ?? ''}: ${STATUS_LABELS[row.status]}`,
    dedupeKey: `request:${row.id}:status:${historyId}:${aad}`,
  });
}
