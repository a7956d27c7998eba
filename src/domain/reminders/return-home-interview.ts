// Return home interviews (seed 003: targeted support completes "RHIs within
// 72hrs" of a young person who went missing being found). The targeted
// support team's channel and the allocated worker hear at once; the team's
// manager hears if the interview is still not held well before the deadline.
//
// Deliberately NOT moved into working hours, unlike every other reminder: the
// 72 hours are elapsed hours that run through nights, weekends and bank
// holidays. A young person found on Friday at 18:00 must be seen by Monday
// 18:00; holding the reminder until Monday 09:00 would spend 63 of the 72
// hours before anyone was told. A card that arrives at night waits in Teams
// for whoever is on duty.
import {
  hubChannel,
  hubManagerOf,
  planReminder,
  userRecipient,
  type PlannedReminder,
  type ReminderRecipient,
} from './planned-reminder.js';
import { laterOf, type ReminderContext } from './reminder-context.js';
import { REMINDER_TEMPLATES } from './templates.js';

const MS_PER_HOUR = 3_600_000;

export interface MissingEpisodeSnapshot {
  readonly episodeId: string;
  readonly caseRef: string;
  /** The targeted support team, modelled as a hub with its own channel and manager. */
  readonly targetedSupportHubId: string;
  readonly allocatedWorkerAadId: string | null;
  /** When the young person was found or returned: the 72 hours run from here. */
  readonly foundAt: Date;
  readonly interviewHeldAt: Date | null;
}

export function returnHomeInterviewDeadline(episode: MissingEpisodeSnapshot, ctx: ReminderContext): Date {
  return new Date(episode.foundAt.getTime() + ctx.timescales.returnHomeInterviewWithinHours * MS_PER_HOUR);
}

export function planReturnHomeInterviewReminders(
  episode: MissingEpisodeSnapshot,
  ctx: ReminderContext,
): PlannedReminder[] {
  if (episode.interviewHeldAt) return [];
  const deadline = returnHomeInterviewDeadline(episode, ctx);
  const escalateAt = new Date(episode.foundAt.getTime() + ctx.timescales.returnHomeInterviewEscalateAfterHours * MS_PER_HOUR);
  const data = {
    caseRef: episode.caseRef,
    episodeId: episode.episodeId,
    foundAt: episode.foundAt.toISOString(),
    deadline: deadline.toISOString(),
  };
  const common = { cause: 'return-home-interview', causeId: episode.episodeId, occurrence: 'once', data } as const;

  const firstRecipients: ReminderRecipient[] = [hubChannel(episode.targetedSupportHubId)];
  if (episode.allocatedWorkerAadId) firstRecipients.push(userRecipient(episode.allocatedWorkerAadId));

  return [
    ...firstRecipients.map((recipient) =>
      planReminder({
        ...common,
        recipient,
        dueAt: laterOf(episode.foundAt, ctx.now),
        escalation: 0,
        template: REMINDER_TEMPLATES.returnHomeInterviewDue,
      }),
    ),
    planReminder({
      ...common,
      recipient: hubManagerOf(episode.targetedSupportHubId),
      dueAt: laterOf(escalateAt, ctx.now),
      escalation: 1,
      template: REMINDER_TEMPLATES.returnHomeInterviewEscalation,
    }),
  ];
}
