// Vignettes for the hard rules (in order) and the suggested level with its
// i-THRIVE grouping. Levels are product defaults calibrated to the worked cases
// of the Hertfordshire "The Right Response" presentation: domestic abuse,
// sexualised behaviour and parental alcohol misuse were met by early help.
import { describe, expect, it } from 'vitest';
import { family, policy, runVignette, type Vignette } from './fixtures.js';

const HERTS_FRONT_DOOR = '01438 737511'; // Hertfordshire "The Right Response" presentation: TAS duty desk & child protection

const hardRules: Vignette[] = [
  {
    name: 'immediate risk in Hertfordshire stops with 999 and the TAS number',
    facts: family({ immediateRisk: true, needs: ['pc.significant-harm'] }),
    stop: 'immediate-risk',
    level: null,
    thrive: null,
    reasons: ['stop.immediate-risk'],
    reasonText: ['999', HERTS_FRONT_DOOR],
    suggestions: [],
    instead: null,
  },
  {
    name: 'immediate risk in Plymouth (no public number) names the local front door',
    facts: family({ area: 'plymouth', immediateRisk: true }),
    stop: 'immediate-risk',
    reasonText: ['999', "your local children's services front door"],
  },
  {
    name: 'immediate risk stops even when only universal needs are recorded',
    facts: family({ immediateRisk: true, needs: ['cd.universal-advice'] }),
    stop: 'immediate-risk',
    level: null,
  },
  {
    name: 'immediate risk comes before "already open"',
    facts: family({ immediateRisk: true, existingInvolvement: 'social-care' }),
    stop: 'immediate-risk',
  },
  {
    name: 'open to social care and the referrer is not the allocated worker: route to them',
    facts: family({ existingInvolvement: 'social-care', needs: ['cd.behaviour'] }),
    stop: 'already-open',
    level: null,
    reasons: ['stop.already-open'],
    reasonText: ["children's social care", 'allocated worker'],
  },
  {
    name: 'an early help plan with a lead professional is "already open" too',
    facts: family({ existingInvolvement: 'early-help-plan' }),
    stop: 'already-open',
    reasonText: ['an early help plan with a lead professional'],
  },
  {
    name: 'the allocated DAT social worker may continue the check',
    facts: family({ existingInvolvement: 'social-care', referrerIsAllocatedWorker: true, needs: ['cd.behaviour'] }),
    stop: null,
    level: 2,
    reasons: ['stop.already-open.allocated-worker', 'level.highest-indicator'],
  },
  {
    name: 'the lead professional of an early help plan may continue the check',
    facts: family({ existingInvolvement: 'early-help-plan', referrerIsAllocatedWorker: true }),
    stop: null,
    level: 1,
  },
];

const levels: Vignette[] = [
  {
    name: 'no needs at all: level 1, thriving',
    facts: family(),
    level: 1,
    thrive: 'thriving',
    reasons: ['level.no-needs'],
    suggestions: [],
  },
  {
    name: 'only universal (level-1) needs: level 1, getting advice',
    facts: family({ needs: ['pc.parenting-advice', 'fe.childcare-information'] }),
    level: 1,
    thrive: 'getting-advice',
    reasons: ['level.highest-indicator'],
  },
  {
    name: 'one level-2 need: level 2, getting help',
    facts: family({ needs: ['cd.behaviour'] }),
    level: 2,
    thrive: 'getting-help',
  },
  {
    name: 'two level-2 needs across two domains stay at level 2, with no prompt',
    facts: family({ needs: ['pc.routines-boundaries', 'fe.social-isolation'] }),
    level: 2,
    suggestions: [],
  },
  {
    name: 'three level-2 needs in one domain stay at level 2, with no prompt (one domain)',
    facts: family({ needs: ['cd.behaviour', 'cd.emotional-wellbeing', 'cd.school-attendance-low'] }),
    level: 2,
    suggestions: [],
  },
  {
    name: 'three level-2 needs across two domains stay at level 2: the check prompts a Team Around the Family instead',
    facts: family({ needs: ['cd.behaviour', 'cd.emotional-wellbeing', 'fe.financial-hardship'] }),
    level: 2,
    thrive: 'getting-help',
    suggestions: ['level.consider-team-around-family'],
  },
  {
    name: 'four level-2 needs across all three domains still stay at level 2, with the prompt',
    facts: family({ needs: ['cd.behaviour', 'pc.parent-mental-health', 'fe.parental-conflict', 'fe.housing-unsuitable'] }),
    level: 2,
    suggestions: ['level.consider-team-around-family'],
  },
  {
    name: 'a level-3 indicator: level 3, getting more help, and no TAF prompt (level 3 already means one)',
    facts: family({ needs: ['cd.self-harm', 'cd.behaviour', 'fe.financial-hardship'] }),
    level: 3,
    thrive: 'getting-more-help',
    reasonText: ['self-harm'],
    suggestions: [],
  },
  {
    name: 'a level-4 indicator is reported as advice: discuss with the front door now',
    facts: family({ needs: ['fe.domestic-abuse-high-risk', 'cd.behaviour'] }),
    level: 4,
    thrive: 'getting-risk-support',
    reasons: ['level.specialist-discuss-front-door'],
    reasonText: ['discuss with the front door now', HERTS_FRONT_DOOR, 'advice, not a decision'],
  },
  {
    name: 'level 4 in Barnet, where no public number is configured',
    facts: family({ area: 'barnet', needs: ['pc.significant-harm'] }),
    level: 4,
    reasonText: ["discuss with the front door now (your local children's services front door)"],
  },
];

// The worked cases of the Hertfordshire "The Right Response" presentation ("Outcomes for children").
const workedCases: Vignette[] = [
  {
    name: 'a domestic violence incident with a young child, met by the health visitor: level 2',
    facts: family({ children: [{ age: 1 }], needs: ['fe.domestic-abuse'] }),
    level: 2,
    thrive: 'getting-help',
  },
  {
    name: "a child's sexualised behaviour, met with a CAF for transition: level 2",
    facts: family({ children: [{ age: 11 }], needs: ['cd.sexualised-behaviour'] }),
    level: 2,
  },
  {
    name: 'a mother with MS and alcohol issues, young person between homes, met with a CAF: level 2',
    facts: family({ children: [{ age: 15 }], needs: ['pc.parent-substance-misuse', 'cd.young-carer'] }),
    level: 2,
  },
  {
    name: 'the high-risk variant of domestic abuse is level 4',
    facts: family({ needs: ['fe.domestic-abuse-high-risk'] }),
    level: 4,
  },
  {
    name: 'a child suffering significant harm from sexualised behaviour or a parent\'s drinking is recorded as significant harm: level 4',
    facts: family({ needs: ['cd.sexualised-behaviour', 'pc.parent-substance-misuse', 'pc.significant-harm'] }),
    level: 4,
  },
  {
    name: 'risk of exploitation defaults to level 3 (discuss with the front door if harm is happening now)',
    facts: family({ children: [{ age: 14 }], needs: ['cd.exploitation-risk'] }),
    level: 3,
  },
];

describe('hard rules, in order', () => {
  it.each(hardRules)('$name', (vignette) => {
    runVignette(vignette);
  });
});

describe('suggested level and i-THRIVE grouping', () => {
  it.each(levels)('$name', (vignette) => {
    runVignette(vignette);
  });

  it.each(workedCases)('worked case: $name', (vignette) => {
    runVignette(vignette);
  });

  it('lists the indicators in catalogue order, whatever order they were entered in', () => {
    const forwards = runVignette({ name: 'forwards', facts: family({ needs: ['cd.behaviour', 'fe.social-isolation'] }) });
    const backwards = runVignette({ name: 'backwards', facts: family({ needs: ['fe.social-isolation', 'cd.behaviour'] }) });
    expect(backwards).toEqual(forwards);
  });

  it('says why it prompts a Team Around the Family, in plain words, and that the practitioner decides', () => {
    const result = runVignette({ name: 'prompt', facts: family({ needs: ['cd.behaviour', 'pc.routines-boundaries', 'fe.financial-hardship'] }) });
    const [prompt] = result.suggestions;
    expect(prompt?.text).toContain('3 needs across');
    expect(prompt?.text).toContain('Team Around the Family');
    expect(prompt?.text).toContain('raise the level with a reason');
    expect(prompt?.source).toBe('Right Response product default (configurable)');
  });

  it('labels every default level a configurable product default and never names an id in the words', () => {
    const result = runVignette({ name: 'labels', facts: family({ needs: ['fe.domestic-abuse'] }) });
    const level = result.reasons.find((r) => r.rule === 'level.highest-indicator')!;
    expect(level.source).toBe('Right Response product default (configurable)');
    expect(level.text).toContain('domestic abuse');
    expect(level.text).not.toMatch(/fe\.domestic/);
    expect(policy.levels.escalations).toEqual([]);
  });
});
