// Rows for the privacy tests, written straight into the features' tables
// (shapes as in migrations 003–006) so export, erasure and purge can be tested
// against every kind of record whichever journeys a test drives.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../src/store/db.js';

export async function insertRow(q: Queryable, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await q.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => {
    const v = row[c];
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
  }));
}

/** Synthetic, distinctive personal data: nothing like it should ever leave the records it was typed into. */
export const FAMILY = {
  childName: 'Zephyrina Quillfeather',
  carerName: 'Bartholomew Quillfeather',
  dob: '2019-02-28',
  postcode: 'N11 1ZZ',
  addressLine: '7 Imaginary Mews',
  phone: '07700 900731',
  note: 'UNIQUE-NOTE-7731',
};

/** Every record kind a case can have, all with `caseRef`; returns the ids. */
export async function seedCase(q: Queryable, caseRef: string, now: Date, extra: { hostile?: string } = {}) {
  const requestId = randomUUID();
  const bookingId = randomUUID();
  const jobKey = `reminder:${randomUUID()}`;
  await insertRow(q, 'requests', {
    id: requestId, idempotency_key: randomUUID(), referrer_aad: '00000000-0000-0000-0000-0000000000020', hub_id: 'barnet-north', status: 'submitted',
    case_ref: caseRef, level: 2, submitted_at: now, created_at: now, updated_at: now,
    form: { sections: { family: { caseRef, children: [{ name: FAMILY.childName, dob: FAMILY.dob }], carers: [{ name: FAMILY.carerName }] }, address: { line1: FAMILY.addressLine, postcode: FAMILY.postcode }, need: { reason: extra.hostile ?? FAMILY.note } } },
  });
  await insertRow(q, 'request_status_history', { request_id: requestId, from_status: 'draft', to_status: 'submitted', actor: 'sw', at: now, note: FAMILY.note });
  // A week of its own with room for every seeded case (the cap is not what these tests are about).
  await q.query(`INSERT INTO hub_weeks (hub_id, week_id, default_cap) VALUES ('barnet-north', '2027-W02', 50) ON CONFLICT DO NOTHING`);
  await insertRow(q, 'bookings', {
    id: bookingId, idempotency_key: randomUUID(), hub_id: 'barnet-north', week_id: '2027-W02', dat_team_id: 'dat-barnet-a', social_worker_aad: 'sw',
    // A responder per seeded case: one practitioner is never booked twice at once (issue 12, migration 041).
    lead_responder_aad: `lead-${caseRef}`, assignee_aad: `lead-${caseRef}`, visit_type: 'home-visit', visit_at: now, case_ref: caseRef, purpose: FAMILY.note, risks: `Dog at ${FAMILY.addressLine}`,
    status: 'requested', created_at: now, updated_at: now,
  });
  const reminder = await q.query<{ id: string }>(
    `INSERT INTO reminders (job_key, cause, cause_id, recipient, recipient_spec, due_at, case_ref, template, data) VALUES ($1, 'plan-review', $2, 'user=x', '{}', $3, $4, 'reminder', '{}') RETURNING id`,
    [jobKey, requestId, now, caseRef]);
  // A reminder's card (no case reference in it: found through the reminder) and a card that names the case.
  await insertRow(q, 'notifications', { recipient_kind: 'user', recipient_id: 'x', card_template: 'reminder', card_data: { title: 'Plan review due' }, summary: 'Plan review due', reminder_id: reminder.rows[0]!.id });
  await insertRow(q, 'notifications', { recipient_kind: 'user', recipient_id: 'y', card_template: 'notice', card_data: { facts: [{ title: 'Case', value: caseRef }] }, summary: 'A request was allocated' });
  await q.query(`SELECT graphile_worker.add_job('send-reminder', json_build_object('jobKey', $1::text), job_key := $1, run_at := now() + interval '30 days')`, [jobKey]);
  return { requestId, bookingId, jobKey };
}
