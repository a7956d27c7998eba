// Generated card submits: wrong types, missing fields, huge strings, unknown
// verbs. Every one gets an answer (never a 5xx, never silence except a true
// double click), and nothing already answered is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TestBot, cardsOf, action } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import { press, startCheck } from './walk.js';

let bot: TestBot;
let checkId: string;
beforeAll(async () => {
  bot = await TestBot.start({ env: { LOG_LEVEL: 'warn' } });
  const safety = await startCheck(bot, socialWorker);
  const involvement = await press(bot, socialWorker, safety, 'Continue', { area: 'barnet', immediateRisk: 'no' });
  checkId = action(involvement, 'Continue').data!.checkId as string;
});
afterAll(async () => { await bot.stop(); });

const RUNS = 200;
const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('true', 'false', 'yes', 'no', '', ' ', 'none', 'barnet', 'social-care', '3, unborn', 'N11 1AA', '${x}', '<script>'),
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  fc.integer({ min: 5_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
);
const FIELDS = ['area', 'immediateRisk', 'existingInvolvement', 'allocatedWorker', 'involvementCaseRef', 'children', 'multipleBirth', 'postcode', 'caseRef',
  'need.cd.behaviour', 'need.no.such-need', 'note', 'informationSharingDiscussed', 'teamAroundFamily', 'requestedSupport', 'overrideLevel', 'overrideReason', 'step', 'fresh'];
const VERBS = ['check.safety', 'check.involvement', 'check.family', 'check.needs', 'check.context', 'check.back', 'check.edit', 'check.cancel', 'check.override', 'check.resume', 'check.start'];

async function areaStillKnown(): Promise<boolean> {
  const r = await bot.db.query(`SELECT status, answers->>'area' AS area FROM checks WHERE id = $1`, [checkId]);
  return r.rows[0]?.status === 'cancelled' || r.rows[0]?.area === 'barnet';
}

describe('fuzzed card submits', () => {
  it.each(VERBS.filter((v) => v !== 'check.cancel'))('%s: every malformed submit gets a card and keeps the check', async (verb) => {
    await fc.assert(fc.asyncProperty(
      fc.dictionary(fc.constantFrom(...FIELDS), junk, { maxKeys: 8 }),
      fc.oneof(fc.constant(checkId), fc.string({ maxLength: 40 }), fc.integer(), fc.constant(undefined)),
      fc.oneof(fc.nat({ max: 50 }), fc.string({ maxLength: 4 }), fc.constant(-1), fc.constant(undefined)),
      async (inputs, id, version) => {
        const res = await bot.post(bot.activityFor(socialWorker, { value: { ...inputs, verb, checkId: id, version } }));
        expect(res.status).toBe(200);
        const replies = ((await res.json()) as { activities?: [] }).activities ?? [];
        expect(cardsOf(replies).length).toBeGreaterThanOrEqual(1);
        expect(await areaStillKnown()).toBe(true);
      }), { numRuns: RUNS });
  });

  it('unknown verbs and non-object values get the help card', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null)), junk, async (verb, value) => {
      const res = await bot.post(bot.activityFor(socialWorker, { value: typeof value === 'object' && value !== null ? { ...value, verb } : value }));
      expect(res.status).toBe(200);
      expect(cardsOf(((await res.json()) as { activities?: [] }).activities ?? []).length).toBe(1);
    }), { numRuns: RUNS });
  });
});
