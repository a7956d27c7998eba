// Owns two sections of the request. Consent: information sharing discussed
// with the family and the date they agreed, or, when they have not agreed and
// the service allows it, the lawful basis (normally public task, UK GDPR
// Art 6(1)(e)) and the reason. Home-Start, for one, takes no request without
// the family's agreement (Home-Start Hertfordshire referral criteria). Safety: risks for a lone worker visiting, other
// professionals and the Team Around the Family, the referrer's phone.
import { z } from 'zod';
import { TeamAroundFamilySchema, type TeamAroundFamily } from '../policy/index.js';
import { addProblem, cardFlag, cardText, compareIsoDates, isIsoDate, runSchema, type SectionContext, type SectionResult } from './field-rules.js';

export const LAWFUL_BASES = {
  'public-task': 'Public task: UK GDPR Article 6(1)(e)',
  'vital-interests': 'Vital interests: UK GDPR Article 6(1)(d)',
  'legal-obligation': 'Legal obligation: UK GDPR Article 6(1)(c)',
} as const;
export type LawfulBasis = keyof typeof LAWFUL_BASES;
export const LAWFUL_REASON_MIN = 20;

export type ConsentSection =
  | { familyAgreed: true; informationSharingDiscussed: true; consentDate: string }
  | { familyAgreed: false; informationSharingDiscussed: boolean; lawfulBasis: LawfulBasis; lawfulBasisReason: string };

export interface SafetySection {
  visitRisks: boolean;
  riskDetails: string;
  professionals: string;
  teamAroundFamily: TeamAroundFamily;
  referrerPhone: string;
}

export function consentSchema(context: SectionContext) {
  return z
    .object({
      familyAgreed: cardText(3, 'Choose yes or no'),
      informationSharingDiscussed: cardFlag,
      consentDate: cardText(10, 'Enter the date the family agreed as a date'),
      lawfulBasis: cardText(20, 'Choose the lawful basis from the list'),
      lawfulBasisReason: cardText(1000, 'Keep the reason under 1000 characters'),
    })
    .superRefine((s, ctx) => {
      if (s.familyAgreed !== 'yes' && s.familyAgreed !== 'no') {
        addProblem(ctx, ['familyAgreed'], 'Say whether the family agreed to this request');
      } else if (s.familyAgreed === 'yes') {
        if (!s.informationSharingDiscussed) addProblem(ctx, ['informationSharingDiscussed'], 'Information sharing must be discussed with the family before you file a request');
        if (!s.consentDate) addProblem(ctx, ['consentDate'], 'Enter the date the family agreed');
        else if (!isIsoDate(s.consentDate)) addProblem(ctx, ['consentDate'], 'Enter the date the family agreed as a date, for example 2026-03-02');
        else if (compareIsoDates(s.consentDate, context.today) > 0) addProblem(ctx, ['consentDate'], "The date the family agreed can't be in the future");
      } else if (context.familyMustAgree) {
        addProblem(ctx, ['familyAgreed'], `${context.familyMustAgree.text} Discuss information sharing with the family first, or choose another service.`);
      } else {
        if (!(s.lawfulBasis in LAWFUL_BASES)) {
          addProblem(ctx, ['lawfulBasis'], "The family has not agreed: choose the lawful basis for sharing (usually public task, UK GDPR Article 6(1)(e))");
        }
        if (s.lawfulBasisReason.length < LAWFUL_REASON_MIN) {
          addProblem(ctx, ['lawfulBasisReason'], `The family has not agreed: explain why you are sharing without their agreement (at least ${LAWFUL_REASON_MIN} characters)`);
        }
      }
    })
    .transform((s): ConsentSection => s.familyAgreed === 'yes'
      ? { familyAgreed: true, informationSharingDiscussed: true, consentDate: s.consentDate }
      : { familyAgreed: false, informationSharingDiscussed: s.informationSharingDiscussed, lawfulBasis: s.lawfulBasis as LawfulBasis, lawfulBasisReason: s.lawfulBasisReason });
}

// Digits, spaces, brackets, hyphens and a leading +: how UK numbers are written.
const PHONE = /^\+?[0-9 ()-]{10,20}$/;

export const safetySchema = z
  .object({
    visitRisks: cardText(10, 'Choose from the list'),
    riskDetails: cardText(1000, 'Keep the risks under 1000 characters'),
    professionals: cardText(1000, 'Keep the list of professionals under 1000 characters'),
    teamAroundFamily: cardText(20, 'Choose from the list'),
    referrerPhone: cardText(20, 'Enter a phone number of up to 20 characters'),
  })
  .superRefine((s, ctx) => {
    if (s.visitRisks !== 'yes' && s.visitRisks !== 'none') addProblem(ctx, ['visitRisks'], 'Say whether there are known risks for a worker visiting alone');
    if (s.visitRisks === 'yes' && !s.riskDetails) addProblem(ctx, ['riskDetails'], 'Describe the risks, for example a dog, a violent adult or access problems');
    if (!TeamAroundFamilySchema.safeParse(s.teamAroundFamily).success) addProblem(ctx, ['teamAroundFamily'], 'Say whether there is a Team Around the Family, and where its lead professional sits');
    if (s.referrerPhone && !PHONE.test(s.referrerPhone)) addProblem(ctx, ['referrerPhone'], 'Enter a UK phone number: 10 or 11 digits, spaces and brackets allowed');
  })
  .transform((s): SafetySection => ({
    visitRisks: s.visitRisks === 'yes',
    riskDetails: s.visitRisks === 'yes' ? s.riskDetails : '',
    professionals: s.professionals,
    teamAroundFamily: s.teamAroundFamily as TeamAroundFamily,
    referrerPhone: s.referrerPhone,
  }));

export function validateConsent(raw: unknown, context: SectionContext): SectionResult<ConsentSection> {
  return runSchema(consentSchema(context), raw);
}

export function validateSafety(raw: unknown): SectionResult<SafetySection> {
  return runSchema(safetySchema, raw);
}
