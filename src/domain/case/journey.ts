// Owns where a family is in its journey, worked out from the records of its
// case that the viewer may see: checked → requested → allocated → visit
// booked / held → started → reviews → closed, stepped up or stepped down.
// The furthest stage any record has reached is the case's stage. Pure.
import { z } from 'zod';

export const JOURNEY_STAGES = ['checked', 'requested', 'allocated', 'visit-booked', 'visit-held', 'started', 'reviews', 'ended'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

export const JOURNEY_LABELS: Record<Exclude<JourneyStage, 'ended'>, string> = {
  checked: 'Checked',
  requested: 'Requested',
  allocated: 'Allocated',
  'visit-booked': 'Visit booked',
  'visit-held': 'Visit held',
  started: 'Support started',
  reviews: 'Reviews',
};

export const CaseRecordFactsSchema = z.object({
  checks: z.array(z.object({ completed: z.boolean() })),
  requests: z.array(z.object({ status: z.string(), endReason: z.string().nullable() })),
  bookings: z.array(z.object({ status: z.string() })),
});
export type CaseRecordFacts = z.infer<typeof CaseRecordFactsSchema>;

export interface Journey {
  stage: JourneyStage;
  /** The stage in words, e.g. "Allocated", "Stepped down to Universal Plus". */
  label: string;
  /** Each stage with whether it is reached: the card's path. */
  path: { label: string; reached: boolean; current: boolean }[];
}

const OPEN_BOOKING = new Set(['requested', 'accepted', 'time-proposed', 'reassign-requested']);

// The stages a request in each status has passed through (a started request was requested and allocated).
const PASSED: Record<string, readonly JourneyStage[]> = {
  submitted: ['requested'],
  allocated: ['requested', 'allocated'],
  started: ['requested', 'allocated', 'started'],
  'in-review': ['requested', 'allocated', 'started', 'reviews'],
  closed: ['requested', 'allocated', 'started', 'ended'],
  declined: ['requested', 'ended'],
  withdrawn: ['requested', 'ended'],
};
const isEnded = (status: string) => PASSED[status]?.includes('ended') ?? false;

/** How an ended request ended, in words: a step up or down is named as such. */
export function endingLabel(status: string, endReason: string | null, outcomes: Readonly<Record<string, string>>): string {
  if (status === 'declined') return 'Request declined';
  if (status === 'withdrawn') return 'Request withdrawn';
  if (endReason && endReason in outcomes) {
    return endReason.startsWith('stepped-') ? outcomes[endReason]! : `Closed: ${outcomes[endReason]!.toLowerCase()}`;
  }
  return 'Closed';
}

export function journeyOf(facts: CaseRecordFacts, outcomes: Readonly<Record<string, string>>): Journey {
  const reached = new Set<JourneyStage>();
  if (facts.checks.some((c) => c.completed)) reached.add('checked');
  for (const b of facts.bookings) {
    if (OPEN_BOOKING.has(b.status)) reached.add('visit-booked');
    if (b.status === 'completed') { reached.add('visit-booked'); reached.add('visit-held'); }
  }
  // A later request for the same family reopens the journey: a live request decides over an ended one.
  const filed = facts.requests.filter((r) => r.status !== 'draft');
  const ongoing = filed.filter((r) => !isEnded(r.status));
  for (const r of ongoing.length > 0 ? ongoing : filed) for (const s of PASSED[r.status] ?? []) reached.add(s);
  const stage = [...JOURNEY_STAGES].reverse().find((s) => reached.has(s)) ?? 'checked';
  const ended = stage === 'ended' ? filed.find((r) => isEnded(r.status)) : undefined;
  const label = ended ? endingLabel(ended.status, ended.endReason, outcomes) : reached.size === 0 ? 'Nothing recorded yet' : JOURNEY_LABELS[stage as Exclude<JourneyStage, 'ended'>];
  const path = JOURNEY_STAGES.map((s) => ({
    label: s === 'ended' ? (ended ? label : 'Closed') : JOURNEY_LABELS[s],
    reached: reached.has(s),
    current: s === stage && reached.size > 0,
  }));
  return { stage, label, path };
}
