// Return home interviews (Plymouth Early Help and Targeted Support offer, 7:
// Targeted Support completes "RHIs within 72hrs" of a young person who went
// missing being found). When a missing episode is recorded on a Targeted
// Support case, the allocated practitioner is told at once with the deadline;
// if the interview is still not recorded when the period runs out, the team's
// manager is told that it is overdue. Recording the interview resolves both.
//
// Deliberately NOT moved into working hours, unlike every other reminder: the
// 72 hours are elapsed hours that run through nights, weekends and bank
// holidays. A young person found on Friday at 18:00 must be seen by Monday
// 18:00; holding the reminder until Monday 09:00 would spend 63 of the 72
// hours before anyone was told. A card that arrives at night waits in Teams
// for whoever is on duty.
import type { Period } from '../policy/index.js';
import { hubManagerOf, planReminder, userRecipient, type PlannedReminder } from './planned-reminder.js';
import { laterOf, type ReminderContext } from './reminder-context.js';
import { periodMs, periodWords } from './service-timescales.js';
import { REMINDER_TEMPLATES } from './templates.js';

export interface MissingEpisodeSnapshot {
  readonly episodeId: string;
  readonly caseRef: string;
  /** The Targeted Support team, modelled as a hub with its own manager. */
  readonly hubId: string;
  readonly practitionerAadId: string;
  /** When the young person was found or returned: the period runs from here. */
  readonly foundAt: Date;
  readonly interviewHeldAt: Date | null;
}

export function returnHomeInterviewDeadline(episode: Pick<MissingEpisodeSnapshot, 'foundAt'>, within: Period): Date {
  return new Date(episode.foundAt.getTime() + periodMs(within));
}

export function planReturnHomeInterviewReminders(episode: MissingEpisodeSnapshot, within: Period, ctx: ReminderContext): PlannedReminder[] {
  if (episode.interviewHeldAt) return [];
  const deadline = returnHomeInterviewDeadline(episode, within);
  const data = {
    caseRef: episode.caseRef,
    episodeId: episode.episodeId,
    foundAt: episode.foundAt.toISOString(),
    deadline: deadline.toISOString(),
    within: periodWords(within),
  };
  const common = { cause: 'return-home-interview', causeId: episode.episodeId, occurrence: 'once', data } as const;
  return [
    planReminder({
      ...common,
      recipient: userRecipient(episode.practitionerAadId),
      dueAt: laterOf(episode.foundAt, ctx.now),
      escalation: 0,
      template: REMINDER_TEMPLATES.returnHomeInterviewDue,
    }),
    planReminder({
      ...common,
      recipient: hubManagerOf(episode.hubId),
      dueAt: laterOf(deadline, ctx.now),
      escalation: 1,
      template: REMINDER_TEMPLATES.returnHomeInterviewEscalation,
    }),
  ];
}
