// Owns the shape of the threshold rules file (policies/levels.json): the four
// levels of need with their i-THRIVE grouping and what to do when no service
// fits, the configurable escalation rules (none shipped), the suggestions
// (e.g. "consider a Team Around the Family"), and the wording (with sources)
// of the hard rules and level reasons.
import { z } from 'zod';
import { placeholdersIn } from './template.js';
import { LEVELS, LevelSchema, SourceSchema, StableIdSchema, TextSchema, ThriveSchema } from './vocabulary.js';

export const LevelDefinitionSchema = z
  .object({
    level: LevelSchema,
    name: TextSchema,
    meaning: TextSchema,
    usualResponse: TextSchema,
    thrive: ThriveSchema,
    /** Level 1 spans two i-THRIVE groupings: a family with no indicator at all is "thriving". */
    thriveWithoutNeeds: ThriveSchema.optional(),
    /** What to do at this level when no configured service fits; may use {frontDoor} and {area}. */
    noServiceAdvice: TextSchema,
  })
  .strict()
  .superRefine((definition, ctx) => checkPlaceholders(definition.noServiceAdvice, ['frontDoor', 'area'], ['noServiceAdvice'], ctx));

/** Fills each placeholder an escalation rule's text may use. */
export const ESCALATION_PLACEHOLDERS = ['count', 'domains', 'countLevel', 'level', 'levelName'] as const;

export const EscalationRuleSchema = z
  .object({
    id: StableIdSchema,
    /** Counts indicators whose default level is exactly this one. */
    countIndicatorsAtLevel: LevelSchema,
    minIndicators: z.number().int().min(1),
    minDomains: z.number().int().min(1).max(3),
    raiseTo: LevelSchema,
    text: TextSchema,
    source: SourceSchema,
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.raiseTo <= rule.countIndicatorsAtLevel) {
      ctx.addIssue({ code: 'custom', path: ['raiseTo'], message: 'raiseTo must be above countIndicatorsAtLevel' });
    }
    // The bot never puts a family at level 4 by itself (a product rule, see
    // docs/ENGINE.md): level 4 can only come from an indicator the practitioner recorded.
    if (rule.raiseTo === 4) {
      ctx.addIssue({ code: 'custom', path: ['raiseTo'], message: 'escalation may not raise to level 4: level 4 only comes from a level-4 indicator' });
    }
    checkPlaceholders(rule.text, ESCALATION_PLACEHOLDERS, ['text'], ctx);
  });

/** Fills each placeholder a suggestion's text may use. */
export const SUGGESTION_PLACEHOLDERS = ['count', 'domains'] as const;

/**
 * A prompt for the practitioner's judgement, never a change of level: when at
 * least `minNeeds` needs of level `countFromLevel` or above span `minDomains`
 * domains, and the suggested level is at most `whenLevelAtMost`.
 */
export const SuggestionRuleSchema = z
  .object({
    id: StableIdSchema,
    countFromLevel: LevelSchema,
    minNeeds: z.number().int().min(2),
    minDomains: z.number().int().min(1).max(3),
    whenLevelAtMost: LevelSchema,
    text: TextSchema,
    source: SourceSchema,
  })
  .strict()
  .superRefine((rule, ctx) => checkPlaceholders(rule.text, SUGGESTION_PLACEHOLDERS, ['text'], ctx));

const MessageSchema = z.object({ id: StableIdSchema, text: TextSchema, source: SourceSchema }).strict();

/** Which placeholders each message receives from the engine. */
export const MESSAGE_PLACEHOLDERS = {
  immediateRisk: ['frontDoor', 'area'],
  alreadyOpen: ['involvement', 'frontDoor', 'area'],
  allocatedWorkerContinues: ['involvement'],
  noNeeds: ['level', 'levelName'],
  highestIndicator: ['level', 'levelName', 'indicators'],
  specialistAdvice: ['indicators', 'frontDoor', 'area'],
  noServiceFits: ['area', 'level', 'levelName', 'advice'],
} as const satisfies Record<string, readonly string[]>;

type MessageKey = keyof typeof MESSAGE_PLACEHOLDERS;

const MessagesSchema = z
  .object({
    immediateRisk: MessageSchema,
    alreadyOpen: MessageSchema,
    allocatedWorkerContinues: MessageSchema,
    noNeeds: MessageSchema,
    highestIndicator: MessageSchema,
    specialistAdvice: MessageSchema,
    noServiceFits: MessageSchema,
  } satisfies Record<MessageKey, typeof MessageSchema>)
  .strict()
  .superRefine((messages, ctx) => {
    for (const key of Object.keys(MESSAGE_PLACEHOLDERS) as MessageKey[]) {
      checkPlaceholders(messages[key].text, MESSAGE_PLACEHOLDERS[key], [key, 'text'], ctx);
    }
  });

export const LevelsPolicySchema = z
  .object({
    source: SourceSchema,
    levels: z.array(LevelDefinitionSchema),
    /** Raising the level by counting needs is possible but none is shipped: see docs/ENGINE.md. */
    escalations: z.array(EscalationRuleSchema).default([]),
    suggestions: z.array(SuggestionRuleSchema).default([]),
    messages: MessagesSchema,
  })
  .strict()
  .superRefine((policy, ctx) => {
    const defined = policy.levels.map((definition) => definition.level);
    const inOrder = defined.length === LEVELS.length && LEVELS.every((level, i) => defined[i] === level);
    if (!inOrder) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: `define levels 1, 2, 3 and 4 once each, in order (found ${defined.join(', ') || 'none'})` });
    }
  });

export type LevelDefinition = z.infer<typeof LevelDefinitionSchema>;
export type EscalationRule = z.infer<typeof EscalationRuleSchema>;
export type SuggestionRule = z.infer<typeof SuggestionRuleSchema>;
export type PolicyMessage = z.infer<typeof MessageSchema>;
export type LevelsPolicy = z.infer<typeof LevelsPolicySchema>;

function checkPlaceholders(text: string, allowed: readonly string[], path: (string | number)[], ctx: z.RefinementCtx): void {
  for (const name of placeholdersIn(text)) {
    if (!allowed.includes(name)) {
      ctx.addIssue({ code: 'custom', path, message: `unknown placeholder {${name}}; this text may use ${allowed.map((p) => `{${p}}`).join(', ')}` });
    }
  }
}
