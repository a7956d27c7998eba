// Owns understanding free text with the optional language model (issue 14).
// Safety and facts never depend on it: risk words, ages, place and case
// facts always come from the offline engine, and the model can only add a
// risk, never remove one. Before anything leaves the process the text is
// redacted; what comes back is checked against the catalogue, the journeys
// and the text itself. On an error, a refusal (429 included), a timeout or an
// answer that does not check out, the offline engine answers. Nothing about
// the family is logged: only which prompt, how it went, and counts.
import type { ActionPlanner, TurnState } from '@microsoft/teams-ai';
import type { Policy } from '../../domain/policy/index.js';
import type { Logger } from '../../log/logger.js';
import { OfflineUnderstander, type Understander } from '../../app/understanding/understander.js';
import { interpret, readCaseRef, type Intent, type Interpretation, type Understanding } from '../../understanding/index.js';
import { IntentAnswerSchema, NeedsAnswerSchema, ModelAnswerError, checkNeedsAnswer, parseAnswer, type IntentAnswer } from '../../understanding/model-answers.js';
import { readWhen } from '../../understanding/when.js';
import { currentCall, type CallRecord } from './chat-model.js';
import { OneCallMemory, promptContext } from './prompt-memory.js';

const JOURNEYS = [
  'book-visit: book an OSR joint home visit, virtual visit or consultation (may name a case reference, a day and time, a hub)',
  'whats-due: what is due or overdue for the user (today, this week or next week)',
  'case-status: the status or progress of a case, by its case reference',
  "lead-responder: who is a hub's lead responder, or who is on OSR (this week or next)",
  'refer: refer a family to a service',
  'start-check: start a threshold (level of need) check',
  'describe-family: the message describes a family, a child or their needs',
  'unknown: none of these',
].join('\n');

type Completion = { ok: true; content: string } | { ok: false };

export class ModelUnderstander implements Understander {
  readonly engine = 'language-model' as const;
  private readonly needsList: string;

  constructor(
    private readonly offline: OfflineUnderstander,
    private readonly planner: ActionPlanner<TurnState>,
    private readonly policy: Policy,
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {
    this.needsList = policy.catalogue.needs.map((n) => `${n.id}: ${n.label} (${n.help})`).join('\n');
  }

  warm(): void {
    this.offline.warm();
  }

  async understand(text: string): Promise<Understanding> {
    const offline = await this.offline.understand(text);
    const redacted = this.offline.words.redact(text);
    const answer = await this.complete('suggest-needs', redacted.text, { needs: this.needsList });
    if (!answer.ok) return offline;
    try {
      const checked = checkNeedsAnswer(parseAnswer(NeedsAnswerSchema, answer.content), redacted.text, redacted.restore, this.policy.catalogue.needs);
      this.log.debug({ prompt: 'suggest-needs', needs: checked.needs.length, dropped: checked.dropped }, 'language model answered');
      return {
        ...offline,
        needs: checked.needs,
        ruledOut: offline.ruledOut.filter((r) => !checked.needs.some((n) => n.id === r.id)),
        immediateRiskSuspected: offline.immediateRiskSuspected || checked.immediateRiskSuspected,
        riskPhrases: [...new Set([...offline.riskPhrases, ...checked.riskPhrases])],
      };
    } catch (err) {
      return this.fallback('suggest-needs', err, offline);
    }
  }

  async interpret(text: string, now: Date): Promise<Interpretation> {
    // Risk words never wait for a model: the safety question comes first.
    const offline = await this.offline.understand(text);
    if (offline.immediateRiskSuspected) return { kind: 'family', understanding: offline };
    const redacted = this.offline.words.redact(text);
    const answer = await this.complete('route-intent', redacted.text, { verbs: JOURNEYS });
    if (!answer.ok) return this.offline.interpret(text, now);
    let routed: IntentAnswer;
    try {
      routed = parseAnswer(IntentAnswerSchema, answer.content);
    } catch (err) {
      return this.fallback('route-intent', err, await this.offline.interpret(text, now));
    }
    if (routed.intent === 'describe-family') return interpret(await this.understand(text), undefined);
    const intent = routed.intent === 'unknown' ? undefined : this.intentFrom(routed, text, redacted.restore, now);
    // The model saw nothing it knows, or named a journey without what it needs: the offline reading stands.
    return intent ? { kind: 'intent', intent } : this.offline.interpret(text, now);
  }

  /** The journey with its slots read by our own code from the practitioner's words, the model's hints first. */
  private intentFrom(a: IntentAnswer, text: string, restore: (s: string) => string, now: Date): Intent | undefined {
    const router = this.offline.router;
    const caseRef = (a.caseRef ? readCaseRef(restore(a.caseRef)) : undefined) ?? readCaseRef(text);
    switch (a.intent) {
      case 'book-visit': {
        const intent: Intent = { verb: 'book-visit' };
        const when = (a.when ? readWhen(restore(a.when), now) : undefined) ?? readWhen(text, now);
        const hubId = router.hubIn(text);
        if (caseRef) intent.caseRef = caseRef;
        if (when) intent.when = when;
        if (hubId) intent.hubId = hubId;
        if (a.visitType) intent.visitType = a.visitType;
        return intent;
      }
      case 'whats-due': return { verb: 'whats-due', range: a.range ?? 'today' };
      case 'case-status': return caseRef ? { verb: 'case-status', caseRef } : undefined;
      case 'lead-responder': {
        const hubId = router.hubIn(text);
        return hubId ? { verb: 'lead-responder', week: a.week ?? 'this', hubId } : { verb: 'lead-responder', week: a.week ?? 'this' };
      }
      case 'refer': {
        const serviceId = router.serviceIn(text);
        return serviceId ? { verb: 'refer', serviceId } : { verb: 'refer' };
      }
      case 'start-check': return { verb: 'start-check' };
      default: return undefined;
    }
  }

  private async complete(prompt: string, input: string, variables: Record<string, string>): Promise<Completion> {
    const call: CallRecord = {};
    const memory = new OneCallMemory({ 'temp.input': input, ...variables });
    const work = currentCall.run(call, () => this.planner.completePrompt(promptContext(), memory, prompt));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), this.timeoutMs); });
    try {
      const result = await Promise.race([work, timeout]);
      if (result === 'timeout') {
        work.catch(() => undefined);
        return this.notUsed(prompt, 'timeout');
      }
      if (result.status !== 'success') return this.notUsed(prompt, call.status === 429 ? 'rate-limited' : call.status && call.status >= 400 ? `http-${call.status}` : result.status);
      const content = result.message?.content;
      return typeof content === 'string' ? { ok: true, content } : this.notUsed(prompt, 'no-text');
    } catch (err) {
      return this.notUsed(prompt, (err as { code?: string }).code ?? 'error');
    } finally {
      clearTimeout(timer);
    }
  }

  private notUsed(prompt: string, reason: string): Completion {
    // Not "reason": the logger redacts that key (it holds family text elsewhere).
    this.log.warn({ prompt, outcome: reason }, 'language model not used; the offline engine answered');
    return { ok: false };
  }

  private fallback<T>(prompt: string, err: unknown, offline: T): T {
    if (!(err instanceof ModelAnswerError)) throw err;
    this.notUsed(prompt, err.code);
    return offline;
  }
}
