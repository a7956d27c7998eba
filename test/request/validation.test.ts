// Bad submits in conversation: the same card comes back with every value the
// social worker typed, and each problem next to its own field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot, textOf, inputsOf } from '../support/harness.js';
import { socialWorker } from '../support/people.js';
import { fieldError, fixedClock, saveSection, startBlank, validFamily, type Section } from './support.js';

let bot: TestBot;
let requestId: string;
beforeAll(async () => {
  bot = await TestBot.start({ clock: fixedClock() });
  ({ requestId } = await startBlank(bot, socialWorker));
  // The work section's menu comes from the hub covering the postcode.
  await saveSection(bot, socialWorker, requestId, 'address', validFamily.address, 'save');
});
afterAll(async () => { await bot.stop(); });

const CASES: Array<[Section, Record<string, string>, string, string]> = [
  ['family', { caseRef: 'x' }, 'caseRef', 'Enter the case reference from the case management system (for example an LCS or EHM id): 3 to 30 letters, numbers, - or /'],
  ['family', { 'children.0.dob': '2100-01-01' }, 'children.0.dob', "The date of birth can't be in the future. If the baby is not born yet, enter the expected due date instead"],
  ['family', { 'children.0.dob': '2078-01-01' }, 'children.0.dob', 'This young person is 21: 0–19 hubs work with children and young people up to 19 (their 20th birthday)'],
  ['family', { 'children.0.dob': '', 'children.0.dueDate': '2099-01-01', 'children.0.name': '' }, 'children.0.dueDate', 'The expected due date has passed. If the baby has been born, enter their date of birth instead'],
  ['family', { 'children.0.dob': '', 'children.0.dueDate': '' }, 'children.0.dob', 'Enter the date of birth, or the expected due date if the baby is not born yet'],
  ['family', { 'children.0.gender': '' }, 'children.0.gender', "Choose the child's gender (choose 'Not known yet' for an unborn baby)"],
  ['family', { 'carers.0.name': '', 'carers.0.relationship': '', 'carers.0.language': '' }, 'carers.0.name', 'Add at least one parent or carer'],
  ['address', { postcode: 'ABC' }, 'postcode', 'Enter a full UK postcode, for example N11 1AA'],
  ['address', { line1: '' }, 'line1', 'Enter the first line of the address'],
  ['need', { level: '' }, 'level', 'Choose the level of need (1 to 4)'],
  ['need', { reason: 'help' }, 'reason', 'Say why you are asking for support (at least 10 characters)'],
  ['work', { intervention: 'Court report' }, 'intervention', 'That work is not on the Barnet North 0-19 Hub (demo) Menu of Interventions: choose one from the list'],
  ['work', { timescaleWeeks: '99' }, 'timescaleWeeks', 'Enter the timescale in weeks, a whole number from 1 to 52'],
  ['consent', { familyAgreed: '' }, 'familyAgreed', 'Say whether the family agreed to this request'],
  ['consent', { informationSharingDiscussed: 'false' }, 'informationSharingDiscussed', 'Information sharing must be discussed with the family before you file a request'],
  ['consent', { consentDate: '2099-03-09' }, 'consentDate', "The date the family agreed can't be in the future"],
  ['consent', { familyAgreed: 'no', lawfulBasis: '', lawfulBasisReason: 'Safeguarding concerns need early help now' }, 'lawfulBasis', 'The family has not agreed: choose the lawful basis for sharing (usually public task, UK GDPR Article 6(1)(e))'],
  ['consent', { familyAgreed: 'no', lawfulBasis: 'public-task', lawfulBasisReason: 'because' }, 'lawfulBasisReason', 'The family has not agreed: explain why you are sharing without their agreement (at least 20 characters)'],
  ['safety', { visitRisks: 'yes', riskDetails: '' }, 'riskDetails', 'Describe the risks, for example a dog, a violent adult or access problems'],
  ['safety', { teamAroundFamily: '' }, 'teamAroundFamily', 'Say whether there is a Team Around the Family, and where its lead professional sits'],
  ['safety', { referrerPhone: 'ring me' }, 'referrerPhone', 'Enter a UK phone number: 10 or 11 digits, spaces and brackets allowed'],
];

describe('a bad section submit', () => {
  it.each(CASES)('in %s shows the problem next to the field and keeps every value (%#)', async (section, change, field, message) => {
    const inputs = { ...validFamily[section], ...change };
    const card = await saveSection(bot, socialWorker, requestId, section, inputs);
    expect(fieldError(card, field)).toBe(message);
    expect(textOf(card)).toContain('Please fix the problem marked below. Your draft is saved.');
    const shown = inputsOf(card);
    for (const [id, value] of Object.entries(inputs)) expect(shown[id], id).toBe(value);
  });

  it('keeps the typed values in the draft even when they have problems', async () => {
    await saveSection(bot, socialWorker, requestId, 'need', { level: '2', levelReason: '', reason: 'short' });
    const r = await bot.db.query(`SELECT form->'sections'->'need'->>'reason' AS reason FROM requests WHERE id = $1`, [requestId]);
    expect(r.rows[0].reason).toBe('short');
  });

  it('lets "Back" and "Save draft" through without validating', async () => {
    const back = await saveSection(bot, socialWorker, requestId, 'need', { level: '', levelReason: '', reason: '' }, 'back');
    expect(textOf(back)).toContain('Address and postcode');
    const saved = await saveSection(bot, socialWorker, requestId, 'need', { level: '', levelReason: '', reason: '' }, 'save');
    expect(textOf(saved)).toContain('Draft saved');
  });
});
