// Parenting interventions (seed 004 §4.2): "a maximum of 6 sessions and can
// then be reviewed, however more sessions (up to a further 6 …) can be
// considered if there are more complex issues". The practitioner is reminded
// to hold the review once session 6 is recorded, and told when an extended
// programme reaches the cap of 12.
import { planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { dueInWorkingHours, type ReminderContext } from './reminder-context.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface ParentingProgrammeSnapshot {
  readonly interventionId: string;
  readonly caseRef: string;
  readonly hubId: string;
  readonly practitionerAadId: string;
  readonly sessionsHeld: number;
  /** When the latest session was recorded; null before the first. */
  readonly lastSessionAt: Date | null;
  /** The review after the first block: extend (complex needs) or end. */
  readonly review: { readonly heldAt: Date; readonly outcome: 'extend' | 'end' } | null;
  readonly closedAt: Date | null;
}

export function planParentingSessionReminders(
  programme: ParentingProgrammeSnapshot,
  ctx: ReminderContext,
): PlannedReminder[] {
  const { parentingReviewAfterSessions, parentingSessionCap } = ctx.timescales;
  if (programme.closedAt || !programme.lastSessionAt) return [];
  if (programme.review?.outcome === 'end') return [];

  const needsReview = !programme.review && programme.sessionsHeld >= parentingReviewAfterSessions;
  const capReached = programme.review?.outcome === 'extend' && programme.sessionsHeld >= parentingSessionCap;
  if (!needsReview && !capReached) return [];

  const [occurrence, template] = needsReview
    ? ([`review-after-${parentingReviewAfterSessions}`, REMINDER_TEMPLATES.parentingReviewDue] as const)
    : ([`cap-${parentingSessionCap}`, REMINDER_TEMPLATES.parentingCapReached] as const);
  return [
    planReminder({
      cause: 'parenting-sessions',
      causeId: programme.interventionId,
      occurrence,
      recipient: userRecipient(programme.practitionerAadId),
      // Straight after the triggering session is recorded (in working hours):
      // the practitioner has the family's progress fresh in mind.
      dueAt: dueInWorkingHours(programme.lastSessionAt, ctx),
      escalation: 0,
      template,
      data: {
        caseRef: programme.caseRef,
        interventionId: programme.interventionId,
        sessionsHeld: programme.sessionsHeld,
        sessionCap: parentingSessionCap,
        lastSessionAt: programme.lastSessionAt.toISOString(),
      },
    }),
  ];
}
