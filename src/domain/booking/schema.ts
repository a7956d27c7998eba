// Owns the vocabulary of OSR joint-visit bookings (Barnet One Service Response protocol, 2.3–4.4): visit
// types, statuses and which of them hold one of the hub's weekly places,
// reassignment reasons, and the booking record as the rules see it.
import { z } from 'zod';
import type { WeekId } from '../time/london.js';

export const BOOKING_TYPES = ['home-visit', 'virtual-visit', 'consultation'] as const;
export type BookingType = (typeof BOOKING_TYPES)[number];
export const BookingTypeSchema = z.enum(BOOKING_TYPES);

export const BOOKING_TYPE_LABELS: Record<BookingType, string> = {
  'home-visit': 'Joint home visit',
  'virtual-visit': 'Virtual joint visit',
  consultation: 'Consultation',
};

export const BOOKING_STATUSES = ['requested', 'accepted', 'time-proposed', 'declined', 'reassign-requested', 'cancelled', 'completed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  requested: 'Waiting for the lead responder',
  accepted: 'Accepted',
  'time-proposed': 'Another time proposed',
  declined: 'Declined',
  'reassign-requested': 'Waiting for the hub manager to reassign',
  cancelled: 'Cancelled',
  completed: 'Visit done',
};

// Which statuses are open and which hold a weekly place is defined once, in the
// database (booking_is_open() and booking_holds_place(), migrations 005 and 015),
// because the database enforces the cap.

// Barnet One Service Response protocol, 4.4: "better suited (e.g., in terms of gender or area of specialism, workload or Annual leave)".
export const REASSIGN_REASONS = ['gender', 'specialism', 'workload', 'leave'] as const;
export type ReassignReason = (typeof REASSIGN_REASONS)[number];
export const ReassignReasonSchema = z.enum(REASSIGN_REASONS);

export const REASSIGN_REASON_LABELS: Record<ReassignReason, string> = {
  gender: 'Gender: another practitioner would suit the family better',
  specialism: 'Specialism: another practitioner has the right expertise',
  workload: 'Workload',
  leave: 'Annual leave',
};

// Product: a calendar entry needs an end; an hour is a usual joint home visit,
// and the visit must fit inside the working day.
export const VISIT_DURATION_MINUTES = 60;

/** A case reference from the case management system (e.g. LCS or EHM id), upper-cased. */
export const CaseRefSchema = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9/-]{2,29}$/, 'a case reference is 3–30 letters, digits, "-" or "/"'));

// Product: long enough for a paragraph, short enough for a card on a phone.
export const FREE_TEXT_MAX = 1000;

export interface Booking {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly hubId: string;
  readonly weekId: WeekId;
  readonly datTeamId: string;
  readonly socialWorkerAad: string;
  readonly leadResponderAad: string;
  readonly assigneeAad: string;
  readonly type: BookingType;
  readonly visitAt: Date;
  readonly counterAt: Date | null;
  readonly caseRef: string;
  readonly checkId: string | null;
  readonly purpose: string;
  readonly risks: string;
  readonly status: BookingStatus;
  readonly reassignReason: ReassignReason | null;
  readonly statusNote: string | null;
  readonly cancelledBy: string | null;
  readonly awaitingAnswerSince: Date | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly acceptedAt: Date | null;
  readonly followUpSentAt: Date | null;
}

export function visitEnd(visitAt: Date): Date {
  return new Date(visitAt.getTime() + VISIT_DURATION_MINUTES * 60_000);
}
