// Owns two sections of the request: the level of need (with the reason when
// it differs from the threshold check's suggestion, which is audited: Hertfordshire "The Right Response" presentation)
// and the work agreed with the family, chosen from the covering hub's Menu of
// Interventions with goals and a timescale (Barnet One Service Response protocol, 4.1).
import { z } from 'zod';
import { addProblem, cardText, runSchema, type SectionContext, type SectionResult } from './field-rules.js';

export const LEVEL_NAMES: Record<number, string> = { 1: 'Universal', 2: 'Additional', 3: 'Intensive', 4: 'Specialist' };
export const REASON_MIN = 10;
export const REASON_MAX = 2000;
export const GOALS_MAX = 1000;
/** The Home-Start Hertfordshire referral criteria aim to meet needs within nine months; a year is the longest plan a hub accepts up front (product). */
export const TIMESCALE_MAX_WEEKS = 52;

export interface NeedSection { level: 1 | 2 | 3 | 4; levelReason: string; reason: string }
export interface WorkSection { intervention: string; goals: string; timescaleWeeks: number }

export function needSchema(context: SectionContext) {
  return z
    .object({
      level: cardText(1, 'Choose the level of need from the list'),
      levelReason: cardText(1000, 'Keep the reason for the level under 1000 characters'),
      reason: cardText(REASON_MAX, `Keep the reason for the request under ${REASON_MAX} characters`),
    })
    .superRefine((s, ctx) => {
      const level = Number(s.level);
      if (!['1', '2', '3', '4'].includes(s.level)) addProblem(ctx, ['level'], 'Choose the level of need (1 to 4)');
      else if (context.suggestedLevel !== null && level !== context.suggestedLevel && !s.levelReason) {
        addProblem(ctx, ['levelReason'], `The check suggested level ${context.suggestedLevel} and you chose level ${level}: say why (the change is audited)`);
      }
      if (s.reason.length < REASON_MIN) addProblem(ctx, ['reason'], `Say why you are asking for support (at least ${REASON_MIN} characters)`);
    })
    .transform((s): NeedSection => ({ level: Number(s.level) as NeedSection['level'], levelReason: s.levelReason, reason: s.reason }));
}

export function workSchema(context: SectionContext) {
  return z
    .object({
      intervention: cardText(200, "Choose the agreed work from the hub's Menu of Interventions"),
      goals: cardText(GOALS_MAX, `Keep the goals under ${GOALS_MAX} characters`),
      timescaleWeeks: cardText(3, `Enter the timescale in weeks, a whole number from 1 to ${TIMESCALE_MAX_WEEKS}`),
    })
    .superRefine((s, ctx) => {
      if (!context.menu) {
        addProblem(ctx, ['intervention'], "Enter the family's postcode in the Address section first: the hub that covers it decides which interventions you can choose");
      } else if (!s.intervention) {
        addProblem(ctx, ['intervention'], `Choose the work agreed with the family from the ${context.menu.hubName} Menu of Interventions`);
      } else if (!context.menu.interventions.includes(s.intervention)) {
        addProblem(ctx, ['intervention'], `That work is not on the ${context.menu.hubName} Menu of Interventions: choose one from the list`);
      }
      if (!s.goals) addProblem(ctx, ['goals'], 'Describe the goals agreed with the family');
      const weeks = Number(s.timescaleWeeks);
      if (!/^\d{1,2}$/.test(s.timescaleWeeks) || weeks < 1 || weeks > TIMESCALE_MAX_WEEKS) {
        addProblem(ctx, ['timescaleWeeks'], `Enter the timescale in weeks, a whole number from 1 to ${TIMESCALE_MAX_WEEKS}`);
      }
    })
    .transform((s): WorkSection => ({ intervention: s.intervention, goals: s.goals, timescaleWeeks: Number(s.timescaleWeeks) }));
}

export function validateNeed(raw: unknown, context: SectionContext): SectionResult<NeedSection> {
  return runSchema(needSchema(context), raw);
}

export function validateWork(raw: unknown, context: SectionContext): SectionResult<WorkSection> {
  return runSchema(workSchema(context), raw);
}
