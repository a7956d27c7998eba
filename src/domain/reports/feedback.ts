// Owns the family feedback form (Barnet One Service Response protocol, 5.3): who gave it, three short
// questions on a 1–5 scale and an optional comment in the family's words.
// Recorded by the practitioner with the family at a review or at closure.
// Pure: the zod schema and the words on the card.
import { z } from 'zod';
import { addProblem, cardText, runSchema, type SectionResult } from '../request/field-rules.js';
import type { Party } from '../request/status.js';

export const FEEDBACK_COMMENT_MAX = 1000;

export const FEEDBACK_GIVERS = { child: 'The child or young person', parent: 'A parent', carer: 'A carer' } as const;
export type FeedbackGiver = keyof typeof FEEDBACK_GIVERS;

/** The questions, asked in this order; each key is a column of family_feedback. */
export const FEEDBACK_QUESTIONS = {
  listened: 'We listened to you and understood what you needed',
  helped: 'The support helped your family',
  easyToReach: 'It was easy to get help when you needed it',
} as const;
export type FeedbackQuestion = keyof typeof FEEDBACK_QUESTIONS;

export const FEEDBACK_SCALE = { '1': '1 – Not at all', '2': '2 – A little', '3': '3 – Somewhat', '4': '4 – Mostly', '5': '5 – Completely' } as const;

export const FEEDBACK_MOMENTS = { review: 'At a review', closure: 'At closure' } as const;
export type FeedbackMoment = keyof typeof FEEDBACK_MOMENTS;

const score = (question: FeedbackQuestion) => cardText(1, 'Choose a score from 1 to 5').superRefine((v, ctx) => {
  if (!(v in FEEDBACK_SCALE)) addProblem(ctx, [], `Choose a score from 1 to 5 for "${FEEDBACK_QUESTIONS[question]}"`);
}).transform((v) => Number(v));

export const feedbackSchema = z.object({
  givenBy: cardText(10, 'Choose who gave the feedback').superRefine((v, ctx) => {
    if (!(v in FEEDBACK_GIVERS)) addProblem(ctx, [], 'Choose who gave the feedback: the child, a parent or a carer');
  }).transform((v) => v as FeedbackGiver),
  listened: score('listened'),
  helped: score('helped'),
  easyToReach: score('easyToReach'),
  comment: cardText(FEEDBACK_COMMENT_MAX, `Keep the comment under ${FEEDBACK_COMMENT_MAX} characters`),
});
export type FamilyFeedback = z.infer<typeof feedbackSchema>;

export function validateFeedback(raw: unknown): SectionResult<FamilyFeedback> {
  return runSchema(feedbackSchema, raw);
}

/** Feedback is gathered at a review or at closure; the request's status says which. */
export function feedbackMomentOf(status: string): FeedbackMoment | null {
  if (status === 'in-review') return 'review';
  if (status === 'closed') return 'closure';
  return null;
}

/** The practitioner who did the work or the hub's manager records it, at a review or at closure. */
export function canRecordFeedback(status: string, parties: ReadonlySet<Party>): boolean {
  return feedbackMomentOf(status) !== null && (parties.has('allocated-practitioner') || parties.has('hub-manager'));
}
