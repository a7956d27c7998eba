// Vignettes for DOMAIN.md §3: the hard rules (in order) and the suggested
// level with its i-THRIVE grouping.
import { describe, expect, it } from 'vitest';
import { family, runVignette, type Vignette } from './fixtures.js';

const HERTS_FRONT_DOOR = '01438 737511'; // seed 001: TAS duty desk & child protection

const hardRules: Vignette[] = [
  {
    name: 'immediate risk in Hertfordshire stops with 999 and the TAS number',
    facts: family({ immediateRisk: true, needs: ['pc.significant-harm'] }),
    stop: 'immediate-risk',
    level: null,
    thrive: null,
    reasons: ['stop.immediate-risk'],
    reasonText: ['999', HERTS_FRONT_DOOR],
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
    name: 'two level-2 needs across two domains stay at level 2',
    facts: family({ needs: ['pc.routines-boundaries', 'fe.social-isolation'] }),
    level: 2,
  },
  {
    name: 'three level-2 needs in one domain stay at level 2',
    facts: family({ needs: ['cd.behaviour', 'cd.emotional-wellbeing', 'cd.school-attendance-low'] }),
    level: 2,
  },
  {
    name: 'three level-2 needs across two domains rise to level 3',
    facts: family({ needs: ['cd.behaviour', 'cd.emotional-wellbeing', 'fe.financial-hardship'] }),
    level: 3,
    thrive: 'getting-more-help',
    reasons: ['level.several-additional-needs'],
    reasonText: ['3 level-2 needs', "Child's developmental needs, Family and environmental factors"],
  },
  {
    name: 'four level-2 needs across all three domains rise to level 3, not beyond',
    facts: family({ needs: ['cd.behaviour', 'pc.parent-mental-health', 'fe.parental-conflict', 'fe.housing-unsuitable'] }),
    level: 3,
  },
  {
    name: 'a level-3 indicator: level 3, getting more help',
    facts: family({ needs: ['fe.domestic-abuse'] }),
    level: 3,
    thrive: 'getting-more-help',
    reasonText: ['Domestic abuse (fe.domestic-abuse)'],
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
    facts: family({ area: 'barnet', needs: ['cd.exploitation-risk'] }),
    level: 4,
    reasonText: ["discuss with the front door now (your local children's services front door)"],
  },
];

describe('hard rules, in order (DOMAIN.md §3)', () => {
  it.each(hardRules)('$name', (vignette) => {
    runVignette(vignette);
  });
});

describe('suggested level and i-THRIVE grouping (DOMAIN.md §3)', () => {
  it.each(levels)('$name', (vignette) => {
    runVignette(vignette);
  });

  it('lists the indicators in catalogue order, whatever order they were entered in', () => {
    const forwards = runVignette({ name: 'forwards', facts: family({ needs: ['cd.behaviour', 'fe.social-isolation'] }) });
    const backwards = runVignette({ name: 'backwards', facts: family({ needs: ['fe.social-isolation', 'cd.behaviour'] }) });
    expect(backwards).toEqual(forwards);
  });
});
