// Owns the threshold-check journey as use cases: start, answer each step,
// back, edit, cancel, resume, override and list. It decides what the user sees
// next (a FlowView); the Teams layer only draws it. Every change is written
// with its audit row in one transaction; stale and repeated cards change nothing.
import { oneLinePerCase } from '../cases/case-lines.js';
import { createHash, randomUUID } from 'node:crypto';
import { withTransaction, type Db, type Tx } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import * as store from '../../store/check-store.js';
import type { CheckRow } from '../../store/check-store.js';
import type { Clock } from '../clock.js';
import type { Policy, Area } from '../../domain/policy/index.js';
import { evaluateCase, parseCaseFacts, type CaseFacts } from '../../domain/threshold/index.js';
import { nextStep, previousStep, toCaseFacts, CHECK_STEPS, type CheckAnswers, type CheckStep } from '../../domain/check-flow/answers.js';
import { parseSafety, parseInvolvement, parseFamily, parseNeeds, parseContext, rawInputs, type FieldErrors, type StepParse } from '../../domain/check-flow/step-inputs.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import { refuseAudited } from '../refusal.js';
import { hasReplacedCharacters, UNSTORABLE_TEXT_MESSAGE } from '../../domain/text/typed-text.js';
import { findAllocatedContact, type AllocatedContact } from './allocated-contact.js';
import { answersFromPrefill, withSuggestedNeeds } from '../../understanding/check-prefill.js';
import type { Understanding } from '../../understanding/index.js';
import type { Directory } from '../../domain/directory/schema.js';

export type FlowView =
  | { kind: 'safety'; checkKey: string; values?: Record<string, string>; errors?: FieldErrors }
  | { kind: 'step'; check: CheckRow; values?: Record<string, string>; errors?: FieldErrors; told?: string }
  | { kind: 'describe-risk'; check: CheckRow; riskPhrases: string[]; area: Area }
  | { kind: 'result'; check: CheckRow; values?: Record<string, string>; errors?: FieldErrors }
  | { kind: 'stop-immediate-risk'; area: Area }
  | { kind: 'already-open'; check: CheckRow; contact?: AllocatedContact }
  | { kind: 'resume-offer'; check: CheckRow }
  | { kind: 'stale'; check?: CheckRow }
  | { kind: 'duplicate' }
  | { kind: 'cancelled' }
  | { kind: 'list'; checks: CheckRow[] };

export interface CardRef { checkId: string; version: number }

export interface CheckFlowDeps { db: Db; policy: Policy; clock: Clock; directory: Directory }

type StepName = Exclude<CheckStep, 'result'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class CheckFlow {
  constructor(private readonly d: CheckFlowDeps) {}

  async begin(actor: string, fresh: boolean): Promise<FlowView> {
    if (!fresh) {
      const open = await store.latestInProgress(this.d.db, actor);
      if (open) return { kind: 'resume-offer', check: open };
    }
    return { kind: 'safety', checkKey: randomUUID() };
  }

  async answerSafety(actor: string, input: Record<string, unknown>): Promise<FlowView> {
    const parsed = parseSafety(input, this.d.policy);
    // The safety card carries the id the new check will have, so pressing it twice starts one check.
    const checkKey = typeof input.checkKey === 'string' && UUID.test(input.checkKey) ? input.checkKey.toLowerCase() : randomUUID();
    if (!parsed.ok) return { kind: 'safety', checkKey, values: rawInputs(input), errors: parsed.errors };
    const now = this.d.clock.now();
    if (parsed.immediateRisk) {
      // Nothing about the family is stored: only the fact, the area and who.
      await writeAudit(this.d.db, { actor, action: 'check.stopped-immediate-risk', detail: { area: parsed.area } }, now);
      return { kind: 'stop-immediate-risk', area: this.area(parsed.area) };
    }
    const id = checkKey;
    // The check and its audit row in one statement (one round trip, one transaction), shared with other starts under load.
    const created = await store.startCheck(this.d.db, { id, owner: actor, step: 'involvement', answers: { area: parsed.area }, now },
      { actor, action: 'check.started', recordType: 'check', recordId: id, after: { area: parsed.area } });
    if (created) return { kind: 'step', check: created };
    const existing = await store.getCheck(this.d.db, id);
    if (existing?.owner_aad !== actor) throw new AccessDeniedError('CHECK_NOT_YOURS', 'This check belongs to someone else, so I cannot show or change it.');
    return { kind: 'duplicate' };
  }

  async submitStep(actor: string, step: StepName, ref: CardRef, input: Record<string, unknown>): Promise<FlowView> {
    return this.onCard(actor, ref, step, input, async (tx, check) => {
      const parsed = this.parseStep(step, input, check.answers);
      if (!parsed.ok) return { kind: 'step', check, values: rawInputs(input), errors: parsed.errors };
      const raw = { ...(check.answers.raw ?? {}) };
      delete raw[step];
      const answers: CheckAnswers = { ...check.answers, ...parsed.patch, raw };
      const now = this.d.clock.now();
      const submitKey = submitKeyOf(step, ref.version, input);

      if (step === 'involvement' && answers.existingInvolvement !== 'none' && !answers.referrerIsAllocatedWorker) {
        const result = evaluateCase(toCaseFacts(answers) as CaseFacts, this.d.policy);
        await store.completeCheck(tx, check.id, { answers: { area: answers.area, existingInvolvement: answers.existingInvolvement, involvementCaseRef: answers.involvementCaseRef }, result, lastSubmit: submitKey, now });
        await writeAudit(tx, { actor, action: 'check.stopped-already-open', recordType: 'check', recordId: check.id, caseRef: answers.involvementCaseRef ?? null, after: { stop: 'already-open' } }, now);
        const contact = answers.involvementCaseRef ? await findAllocatedContact(tx, this.d.directory, answers.involvementCaseRef) : undefined;
        return { kind: 'already-open', check: (await store.getCheck(tx, check.id))!, contact };
      }

      const next = check.status === 'completed' ? 'result' : nextStep(step);
      if (next === 'result') return this.finish(tx, actor, check, answers, submitKey, now);
      await store.saveProgress(tx, check.id, { step: next, answers, lastSubmit: submitKey, now });
      return { kind: 'step', check: (await store.getCheck(tx, check.id))! };
    });
  }

  async back(actor: string, ref: CardRef, input: Record<string, unknown>): Promise<FlowView> {
    return this.onCard(actor, ref, undefined, input, async (tx, check) => {
      const previous = previousStep(check.step);
      if (!previous || check.status !== 'in-progress') return { kind: 'safety', checkKey: randomUUID() };
      // Keep what was typed on this card, unvalidated, for when the user comes forward again.
      const raw = { ...(check.answers.raw ?? {}), [check.step]: rawInputs(input) };
      await store.saveProgress(tx, check.id, { step: previous, answers: { ...check.answers, raw }, lastSubmit: `back:${ref.version}`, now: this.d.clock.now() });
      return { kind: 'step', check: (await store.getCheck(tx, check.id))! };
    });
  }

  /** Re-open a step of a finished or in-progress check; answers are kept, the override is cleared on finish. */
  async edit(actor: string, ref: CardRef, step: string): Promise<FlowView> {
    const target = CHECK_STEPS.find((s) => s === step);
    if (!target) throw new UseCaseError('CHECK_UNKNOWN_STEP', 'That step does not exist. Use the buttons on the latest card.');
    return this.onCard(actor, ref, undefined, {}, async (tx, check) => {
      if (check.status === 'completed' && check.result?.stop) return { kind: 'stale', check };
      const now = this.d.clock.now();
      await store.reopenCheck(tx, check.id, { step: target, lastSubmit: `edit:${ref.version}`, now });
      await writeAudit(tx, {
        actor, action: 'check.reopened', recordType: 'check', recordId: check.id, caseRef: check.case_ref,
        before: { status: check.status, level: check.override_level ?? check.level }, after: { step: target },
      }, now);
      return { kind: 'step', check: (await store.getCheck(tx, check.id))! };
    });
  }

  async cancel(actor: string, ref: CardRef): Promise<FlowView> {
    return this.onCard(actor, ref, undefined, {}, async (tx, check) => {
      const now = this.d.clock.now();
      await store.cancelCheck(tx, check.id, now);
      await writeAudit(tx, { actor, action: 'check.cancelled', recordType: 'check', recordId: check.id }, now);
      return { kind: 'cancelled' };
    });
  }

  async override(actor: string, ref: CardRef, input: Record<string, unknown>): Promise<FlowView> {
    return this.onCard(actor, ref, 'override', input, async (tx, check) => {
      if (check.status !== 'completed' || check.level === null) return { kind: 'stale', check };
      const errors: FieldErrors = {};
      // Exactly one of the values the card offers: Number() would also take "0x3", "3.0" or " 3".
      const level = (['1', '2', '3', '4'] as const).find((l) => l === input.overrideLevel);
      const reason = typeof input.overrideReason === 'string' ? input.overrideReason.trim() : '';
      if (!level) errors.overrideLevel = 'Choose the level you judge right (1 to 4).';
      else if (Number(level) === (check.override_level ?? check.level)) errors.overrideLevel = 'That is already the level; choose a different one.';
      if (reason.length < 10) errors.overrideReason = 'Give a reason of at least 10 characters: overrides are audited.';
      if (reason.length > 1000) errors.overrideReason = 'Keep the reason under 1,000 characters.';
      if (hasReplacedCharacters(reason)) errors.overrideReason = UNSTORABLE_TEXT_MESSAGE;
      if (Object.keys(errors).length > 0) return { kind: 'result', check, values: rawInputs(input), errors };
      const now = this.d.clock.now();
      await store.overrideLevel(tx, check.id, Number(level), reason, now);
      await writeAudit(tx, {
        actor, action: 'check.level-overridden', recordType: 'check', recordId: check.id, caseRef: check.case_ref,
        before: { level: check.override_level ?? check.level }, after: { level: Number(level), reason },
      }, now);
      return { kind: 'result', check: (await store.getCheck(tx, check.id))! };
    });
  }

  async resume(actor: string, checkId: string): Promise<FlowView> {
    const check = await this.owned(actor, checkId);
    if (check.status === 'cancelled') return { kind: 'cancelled' };
    if (check.status === 'completed') return check.result?.stop === 'already-open' ? { kind: 'already-open', check } : { kind: 'result', check };
    return { kind: 'step', check, values: check.answers.raw?.[check.step] };
  }

  async list(actor: string): Promise<FlowView> {
    // One line per case, with its next date (issue 12); a finished check opens again from the list (resume).
    return { kind: 'list', checks: await oneLinePerCase(this.d.db, await store.listChecks(this.d.db, actor), this.d.clock.now()) };
  }

  /**
   * Issue 14: the safety answers from the "what I understood" card start a
   * check as the safety card does, then the description's suggestions fill
   * it in, for the practitioner to confirm on each step. A risk answer
   * stores nothing, the description included.
   */
  async startPrefilled(actor: string, input: Record<string, unknown>, prefill: unknown): Promise<FlowView> {
    const view = await this.answerSafety(actor, input);
    if (view.kind !== 'step') return view;
    return withTransaction(this.d.db, async (tx) => {
      const check = (await store.getCheck(tx, view.check.id, true))!;
      const answers = { ...answersFromPrefill(prefill, check.answers.area, this.d.policy), ...check.answers };
      const now = this.d.clock.now();
      await store.saveProgress(tx, check.id, { step: check.step, answers, lastSubmit: check.last_submit, now });
      await writeAudit(tx, { actor, action: 'check.prefilled', recordType: 'check', recordId: check.id, after: { suggestedNeeds: answers.needs?.length ?? 0 } }, now);
      return { kind: 'step', check: (await store.getCheck(tx, check.id))! } as FlowView;
    });
  }

  /**
   * Issue 14: the needs step's "in your own words" box. Suggested needs are
   * ticked beside the ones already ticked and the words are kept in the
   * draft; risk words first ask whether a child is in danger now.
   * `understand` runs before the row is locked (it may call a model).
   */
  async describeNeeds(actor: string, ref: CardRef, input: Record<string, unknown>, understand: (text: string) => Promise<Understanding>, riskAnsweredNo = false): Promise<FlowView> {
    const before = await this.owned(actor, ref.checkId);
    const text = riskAnsweredNo ? (before.answers.description ?? '') : typeof input.description === 'string' ? input.description.trim() : '';
    const u = text ? await understand(text) : undefined;
    return this.onCard(actor, ref, undefined, {}, async (tx, check) => {
      if (check.status !== 'in-progress' || check.step !== 'needs') return { kind: 'stale', check };
      let ticked = check.answers.needs ?? [];
      if (!riskAnsweredNo) {
        const parsed = parseNeeds(input, this.d.policy);
        if (!parsed.ok) return { kind: 'step', check, values: rawInputs(input), errors: parsed.errors };
        ticked = parsed.patch.needs ?? [];
      }
      if (!u) return { kind: 'step', check, values: rawInputs(input), errors: { description: 'Write a sentence or two about the family first.' } };
      return this.saveNeeds(tx, check, withSuggestedNeeds(check.answers, ticked, u, text), u, ref, !riskAnsweredNo);
    });
  }

  /** The answer to the risk question the needs step's words raised: "yes" stops the check and keeps nothing. */
  async stopForRisk(actor: string, ref: CardRef): Promise<FlowView> {
    return this.onCard(actor, ref, undefined, {}, async (tx, check) => {
      if (check.status !== 'in-progress') return { kind: 'stale', check };
      const now = this.d.clock.now();
      await store.cancelCheck(tx, check.id, now);
      await writeAudit(tx, { actor, action: 'check.stopped-immediate-risk', recordType: 'check', recordId: check.id, detail: { area: check.answers.area } }, now);
      return { kind: 'stop-immediate-risk', area: this.area(check.answers.area) };
    });
  }

  private async saveNeeds(tx: Tx, check: CheckRow, answers: CheckAnswers, u: Understanding, ref: CardRef, askAboutRisk: boolean): Promise<FlowView> {
    const raw = { ...(answers.raw ?? {}) };
    delete raw.needs;
    const now = this.d.clock.now();
    await store.saveProgress(tx, check.id, { step: 'needs', answers: { ...answers, raw }, lastSubmit: `describe:${ref.version}`, now });
    const saved = (await store.getCheck(tx, check.id))!;
    if (askAboutRisk && u.immediateRiskSuspected) return { kind: 'describe-risk', check: saved, riskPhrases: u.riskPhrases, area: this.area(check.answers.area) };
    const found = u.needs.map((n) => `${n.label} (“${n.phrase}”)`);
    const told = found.length > 0
      ? `From your words I ticked: ${found.join('; ')}. Untick any that are wrong and tick any I missed. I suggest; I do not decide a level.`
      : 'I did not recognise a need in those words. Tick the needs that apply.';
    return { kind: 'step', check: saved, told };
  }

  area(id: string): Area {
    const area = this.d.policy.areas.areas.find((a) => a.id === id);
    if (!area) throw new UseCaseError('CHECK_UNKNOWN_AREA', 'That area is not configured.');
    return area;
  }

  private async finish(tx: Tx, actor: string, check: CheckRow, answers: CheckAnswers, submitKey: string, now: Date): Promise<FlowView> {
    const parsed = parseCaseFacts(toCaseFacts(answers), this.d.policy);
    if (!parsed.ok) {
      // Answers from an older step no longer fit the policy: send the user to the first step that needs fixing.
      const field = parsed.errors[0]?.path ?? '';
      const step: StepName = field.startsWith('children') ? 'family' : field.startsWith('needs') ? 'needs' : 'context';
      await store.saveProgress(tx, check.id, { step, answers, lastSubmit: submitKey, now });
      return { kind: 'step', check: (await store.getCheck(tx, check.id))!, errors: { form: parsed.errors.map((e) => e.message).join(' ') } };
    }
    const result = evaluateCase(parsed.facts, this.d.policy);
    await store.completeCheck(tx, check.id, { answers, result, lastSubmit: submitKey, now });
    await writeAudit(tx, { actor, action: 'check.completed', recordType: 'check', recordId: check.id, caseRef: answers.caseRef ?? null, after: { level: result.level, services: result.services.map((s) => `${s.id}:${s.outcome}`) } }, now);
    return { kind: 'result', check: (await store.getCheck(tx, check.id))! };
  }

  private parseStep(step: StepName, input: Record<string, unknown>, answers: CheckAnswers): StepParse {
    switch (step) {
      case 'involvement': return parseInvolvement(input);
      case 'family': return parseFamily(input, answers.area, this.d.policy);
      case 'needs': return parseNeeds(input, this.d.policy);
      case 'context': return parseContext(input);
    }
  }

  private async owned(actor: string, checkId: string, tx?: Tx): Promise<CheckRow> {
    const check = await store.getCheck(tx ?? this.d.db, checkId, !!tx);
    if (!check) throw new UseCaseError('CHECK_NOT_FOUND', 'I could not find that check. Type "check" to start a new one.');
    if (check.owner_aad !== actor) {
      await refuseAudited(this.d.db, { actor, action: 'check.access', recordType: 'check', recordId: checkId }, this.d.clock.now(),
        new AccessDeniedError('CHECK_NOT_YOURS', 'This check belongs to someone else, so I cannot show or change it.'));
    }
    return check;
  }

  /**
   * Runs a card action under a row lock after the stale-card and double-click
   * checks. `step` is the step the card was drawn for (undefined: any step).
   */
  private async onCard(actor: string, ref: CardRef, step: string | undefined, input: Record<string, unknown>, act: (tx: Tx, check: CheckRow) => Promise<FlowView>): Promise<FlowView> {
    return withTransaction(this.d.db, async (tx) => {
      const check = await this.owned(actor, ref.checkId, tx);
      // The same card pressed twice with the same inputs: the first press already did it.
      if (step && check.last_submit === submitKeyOf(step, ref.version, input) && check.version === ref.version + 1) return { kind: 'duplicate' };
      if (check.version !== ref.version || check.status === 'cancelled') return { kind: 'stale', check };
      if (step && step !== 'override' && check.status === 'in-progress' && check.step !== step) return { kind: 'stale', check };
      return act(tx, check);
    });
  }
}

function submitKeyOf(step: string, version: number, input: Record<string, unknown>): string {
  const inputs = rawInputs(input);
  const canonical = JSON.stringify(Object.keys(inputs).sort().map((k) => [k, inputs[k]]));
  return `${step}:${version}:${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}
