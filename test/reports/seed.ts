// Rows for report tests and the report bench, written straight into the
// database with known values (the journeys that make them are tested in their
// own features). Synthetic data only: case references, ids and dates.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../src/store/db.js';

export interface SeedRequest {
  caseRef: string; hubId: string; referrer: string;
  status: 'submitted' | 'allocated' | 'started' | 'in-review' | 'closed' | 'declined' | 'withdrawn';
  submittedAt: Date; allocatedAt?: Date; allocatedTo?: string; startDate?: string; endedAt?: Date; endReason?: string;
  sourceBookingId?: string; continuedFrom?: string;
}

export async function seedRequest(q: Queryable, r: SeedRequest): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO requests (id, idempotency_key, referrer_aad, hub_id, status, case_ref, level, submitted_at, created_at, updated_at,
                           allocated_at, allocated_to, start_date, ended_at, end_reason, decline_reason, decline_alternatives, source_booking_id, continued_from_request_id)
     VALUES ($1::uuid, $1::text, $2, $3, $4, $5, 2, $6, $6, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14)`,
    [id, r.referrer, r.hubId, r.status, r.caseRef, r.submittedAt, r.allocatedAt ?? null, r.allocatedTo ?? null, r.startDate ?? null, r.endedAt ?? null,
      r.endReason ?? null, r.status === 'declined' ? 'Declined in a test seed' : null, r.sourceBookingId ?? null, r.continuedFrom ?? null]);
  return id;
}

export interface SeedBooking {
  caseRef: string; hubId: string; weekId: string; datTeamId: string; socialWorker: string; lead: string;
  visitType: 'home-visit' | 'virtual-visit' | 'consultation'; status: string; visitAt: Date;
}

export async function seedHubWeek(q: Queryable, hubId: string, weekId: string, cap: number): Promise<void> {
  await q.query(`INSERT INTO hub_weeks (hub_id, week_id, default_cap) VALUES ($1, $2, $3) ON CONFLICT (hub_id, week_id) DO UPDATE SET default_cap = $3`, [hubId, weekId, cap]);
}

export async function seedBooking(q: Queryable, b: SeedBooking): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO bookings (id, idempotency_key, hub_id, week_id, dat_team_id, social_worker_aad, lead_responder_aad, assignee_aad, visit_type, visit_at, case_ref, purpose, risks, status, created_at, updated_at)
     VALUES ($1::uuid, $1::text, $2, $3, $4, $5, $6, $6, $7, $8, $9, 'Joint visit (test seed)', 'None known', $10, $8, $8)`,
    [id, b.hubId, b.weekId, b.datTeamId, b.socialWorker, b.lead, b.visitType, b.visitAt, b.caseRef, b.status]);
  return id;
}

export async function seedCheck(q: Queryable, owner: string, caseRef: string, level: number, overrideLevel: number | null, completedAt: Date): Promise<void> {
  await q.query(
    `INSERT INTO checks (id, owner_aad, status, step, level, override_level, override_reason, case_ref, created_at, updated_at, completed_at)
     VALUES ($1, $2, 'completed', 'result', $3, $4, $5, $6, $7, $7, $7)`,
    [randomUUID(), owner, level, overrideLevel, overrideLevel === null ? null : 'Override reason typed in a test seed', caseRef, completedAt]);
}

export async function seedFeedback(q: Queryable, requestId: string, caseRef: string, hubId: string, scores: [number, number, number], givenBy: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO family_feedback (id, idempotency_key, request_id, case_ref, hub_id, moment, given_by, listened, helped, easy_to_reach, comment, recorded_by, recorded_at)
     VALUES ($1::uuid, $1::text, $2, $3, $4, 'closure', $5, $6, $7, $8, 'A family comment that must never reach a report', 'seed', $9)`,
    [randomUUID(), requestId, caseRef, hubId, givenBy, scores[0], scores[1], scores[2], at]);
}

export async function seedReminder(q: Queryable, r: { cause: string; caseRef: string; recipient: string; dueAt: Date; status: string; escalation?: number; sentAt?: Date }): Promise<void> {
  await q.query(
    `INSERT INTO reminders (job_key, cause, cause_id, recipient, recipient_spec, due_at, status, escalation, case_ref, template, sent_at)
     VALUES ($1, $2, $3, $4, '{}'::jsonb, $5, $6, $7, $8, 'seed', $9)`,
    [randomUUID(), r.cause, randomUUID(), r.recipient, r.dueAt, r.status, r.escalation ?? 0, r.caseRef, r.sentAt ?? null]);
}
