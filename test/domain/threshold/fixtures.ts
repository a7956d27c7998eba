// Shared fixtures for threshold tests: the shipped policy, a base family to
// vary, and a vignette runner that checks a result against named expectations
// (and against the output contract, every time).
import { expect } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policies.js';
import type { Level, Thrive } from '../../../src/domain/policy/index.js';
import {
  CheckResultSchema,
  evaluateCase,
  parseCaseFacts,
  type CaseFactsInput,
  type CheckResult,
  type Outcome,
  type ServiceResult,
  type StopCode,
} from '../../../src/domain/threshold/index.js';

export const policy = loadPolicy('policies');

export const SERVICE_IDS = ['barnet-0-19-hub', 'bradford-family-hubs', 'family-hub-0-19', 'home-start-herts', 'plymouth-family-hubs', 'plymouth-targeted-support'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** A Hertfordshire toddler with no needs yet, information sharing discussed: vary from here. */
export function family(overrides: Partial<CaseFactsInput> = {}): CaseFactsInput {
  return { area: 'hertfordshire', children: [{ age: 2 }], needs: [], informationSharingDiscussed: true, ...overrides };
}

export function check(input: CaseFactsInput): CheckResult {
  const parsed = parseCaseFacts(input, policy);
  if (!parsed.ok) throw new Error(`fixture is not valid case facts: ${JSON.stringify(parsed.errors)}`);
  const result = evaluateCase(parsed.facts, policy);
  CheckResultSchema.parse(result);
  return result;
}

export function serviceOf(result: CheckResult, id: ServiceId): ServiceResult {
  const service = result.services.find((candidate) => candidate.id === id);
  if (!service) throw new Error(`service ${id} missing from result`);
  return service;
}

export interface Vignette {
  name: string;
  facts: CaseFactsInput;
  stop?: StopCode | null;
  level?: Level | null;
  thrive?: Thrive | null;
  /** Rule ids that must appear among the check's own reasons. */
  reasons?: string[];
  /** Text that must appear in the check's own reasons. */
  reasonText?: string[];
  outcomes?: Partial<Record<ServiceId, Outcome>>;
  /** Rule ids that must appear among a service's reasons. */
  serviceReasons?: Partial<Record<ServiceId, string[]>>;
  /** Text that must appear in a service's reasons. */
  serviceText?: Partial<Record<ServiceId, string[]>>;
  /** The exact conditions listed for a service. */
  conditions?: Partial<Record<ServiceId, string[]>>;
  /** Barnet's parenting offer, or null when none is expected; `extension` is the further period when complex. */
  parenting?: { format: 'group' | 'one-to-one'; extension: { amount: number; unit: string } | null } | null;
  /** Rule ids of the suggestions (e.g. consider a Team Around the Family); [] for none. */
  suggestions?: string[];
  /** Text the "what to do instead" advice must contain, or null when some service fits. */
  instead?: string | null;
  /** The named-response rule ids a service must report ([] for none). */
  named?: Partial<Record<ServiceId, string[]>>;
}

export function runVignette(vignette: Vignette): CheckResult {
  const result = check(vignette.facts);
  if (vignette.stop !== undefined) expect(result.stop).toBe(vignette.stop);
  if (vignette.level !== undefined) expect(result.level).toBe(vignette.level);
  if (vignette.thrive !== undefined) expect(result.thrive).toBe(vignette.thrive);
  if (result.stop === null) expect(result.services.map((service) => service.id)).toEqual([...SERVICE_IDS]);
  else expect(result.services).toEqual([]);

  const ownRules = result.reasons.map((reason) => reason.rule);
  for (const rule of vignette.reasons ?? []) expect(ownRules).toContain(rule);
  const ownText = result.reasons.map((reason) => reason.text).join('\n');
  for (const text of vignette.reasonText ?? []) expect(ownText).toContain(text);

  for (const [id, outcome] of entries(vignette.outcomes)) expect(serviceOf(result, id).outcome, id).toBe(outcome);
  for (const [id, rules] of entries(vignette.serviceReasons)) {
    expect(serviceOf(result, id).reasons.map((reason) => reason.rule), id).toEqual(expect.arrayContaining(rules));
  }
  for (const [id, texts] of entries(vignette.serviceText)) {
    const text = serviceOf(result, id).reasons.map((reason) => reason.text).join('\n');
    for (const expected of texts) expect(text, id).toContain(expected);
  }
  for (const [id, conditions] of entries(vignette.conditions)) expect(serviceOf(result, id).conditions, id).toEqual(conditions);
  if (vignette.suggestions !== undefined) expect(result.suggestions.map((s) => s.rule)).toEqual(vignette.suggestions);
  if (vignette.instead !== undefined) {
    if (vignette.instead === null) expect(result.instead).toBeNull();
    else expect(result.instead?.text).toContain(vignette.instead);
  }
  for (const [id, rules] of entries(vignette.named)) expect((serviceOf(result, id).namedResponses ?? []).map((r) => r.rule), id).toEqual(rules);
  if (vignette.parenting !== undefined) {
    const parenting = serviceOf(result, 'barnet-0-19-hub').offer?.parenting;
    if (vignette.parenting === null) expect(parenting).toBeUndefined();
    else expect(parenting).toMatchObject({ ...vignette.parenting, sessionsBeforeReview: 6 });
  }
  return result;
}

function entries<V>(record: Partial<Record<ServiceId, V>> | undefined): [ServiceId, V][] {
  return Object.entries(record ?? {}) as [ServiceId, V][];
}
