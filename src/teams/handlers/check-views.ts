// Owns drawing the threshold-check journey: each FlowView becomes a card.
// Everything a user typed is escaped; no names are ever asked for or shown.
import type { Attachment } from 'botbuilder';
import { renderCard, escapeCardText } from '../cards/render.js';
import type { FlowView } from '../../app/check/check-flow.js';
import type { CheckRow } from '../../store/check-store.js';
import { moreForCaseWords } from '../../app/cases/case-lines.js';
import { packServesArea, type Policy } from '../../domain/policy/index.js';
import { frontDoorText, hasFrontDoorNumber, missingFrontDoorText } from '../../domain/threshold/index.js';
import type { ServiceResult } from '../../domain/threshold/index.js';
import { periodWords } from '../../domain/reminders/service-timescales.js';
import { formatCardDateTime as formatLondon } from '../../domain/time/london-format.js';

const STEP_CARDS = { involvement: 'check-involvement', family: 'check-family', needs: 'check-needs', context: 'check-context' } as const;
const STEP_NAMES: Record<string, string> = { involvement: 'existing involvement', family: 'family', needs: 'needs', context: 'context', result: 'result' };
const THRIVE: Record<string, string> = { thriving: 'Thriving', 'getting-advice': 'Getting Advice', 'getting-help': 'Getting Help', 'getting-more-help': 'Getting More Help', 'getting-risk-support': 'Getting Risk Support' };
const OUTCOME = {
  eligible: { icon: '✓', text: 'eligible', color: 'Good' },
  conditional: { icon: '◐', text: 'eligible if conditions are met', color: 'Warning' },
  'not-eligible': { icon: '✗', text: 'not eligible', color: 'Default' },
} as const;

const SAFETY_FIELDS = ['area', 'immediateRisk'];
const STEP_FIELDS: Record<keyof typeof STEP_CARDS, string[]> = {
  involvement: ['existingInvolvement', 'allocatedWorker', 'involvementCaseRef'],
  family: ['children', 'multipleBirth', 'postcode', 'caseRef'],
  needs: ['note', 'description'],
  context: ['informationSharingDiscussed', 'teamAroundFamily', 'steppingDown', 'courtProceedings', 'childProtectionPlan', 'interpreterNeeded', 'requestedSupport'],
};

/** Every field present (templating leaves unknown ${…} in place), user text escaped where it is displayed. */
function fieldValues(fields: string[], values: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, values?.[f] ?? '']));
}

function errorData(errors: Record<string, string> | undefined) {
  return { errors: errors ?? {}, hasErrors: !!errors && Object.keys(errors).length > 0 };
}

/** The stored answers as the strings a step card's inputs hold. */
export function storedValues(check: CheckRow): Record<string, string> {
  const a = check.answers;
  const b = (v: boolean | undefined) => (v ? 'true' : 'false');
  const raw = a.raw?.[check.step] ?? {};
  return {
    existingInvolvement: a.existingInvolvement ?? '', allocatedWorker: b(a.referrerIsAllocatedWorker), involvementCaseRef: a.involvementCaseRef ?? '',
    children: a.childrenText ?? '', multipleBirth: b(a.multipleBirth), postcode: a.postcode ?? '', caseRef: a.caseRef ?? '',
    note: a.note ?? '', description: a.description ?? '', informationSharingDiscussed: b(a.informationSharingDiscussed), teamAroundFamily: a.teamAroundFamily ?? 'none',
    steppingDown: b(a.steppingDown), courtProceedings: b(a.courtProceedings), childProtectionPlan: b(a.childProtectionPlan),
    interpreterNeeded: b(a.interpreterNeeded), requestedSupport: a.requestedSupport ?? '',
    ...Object.fromEntries((a.needs ?? []).map((id) => [`need.${id}`, 'true'])),
    ...raw,
  };
}

export function safetyCard(policy: Policy, checkKey: string, values?: Record<string, string>, errors?: Record<string, string>): Attachment {
  return renderCard('check-safety', { checkKey, areas: policy.areas.areas.map((a) => ({ id: a.id, name: a.name })), values: fieldValues(SAFETY_FIELDS, values), ...errorData(errors) });
}

function stepCard(check: CheckRow, policy: Policy, values: Record<string, string> | undefined, errors: Record<string, string> | undefined, told = ''): Attachment {
  const step = check.step as keyof typeof STEP_CARDS;
  const merged = { ...storedValues(check), ...(values ?? {}) };
  // The own-words box shows what was typed as typed; only a template opener is broken, so it is never read as one.
  if (merged.description) merged.description = merged.description.replace(/\$\{/g, '$\u200b{');
  const base = { checkId: check.id, version: check.version, values: fieldValues(STEP_FIELDS[step], merged), ...errorData(errors) };
  if (step === 'needs') {
    // Each of the three domains is collapsed to one line (how many ticked) unless something in it is ticked or has a problem: the first view fits a laptop screen.
    const domains = policy.catalogue.domains.map((d) => {
      const needs = policy.catalogue.needs.filter((n) => n.domain === d.id).map((n) => ({
        inputId: `need.${n.id}`, label: n.label, help: n.help, value: merged[`need.${n.id}`] === 'true' ? 'true' : 'false', error: errors?.[`need.${n.id}`] ?? '',
      }));
      const ticked = needs.filter((n) => n.value === 'true').length;
      return {
        id: d.id, label: d.label, needs,
        // One button per domain opens every explanation in it: a tickbox inside a tappable row cannot be ticked (the row's tap cancels it).
        helpIds: needs.map((n) => `help-${n.inputId}`),
        summary: ticked > 0 ? `${ticked} of ${needs.length} ticked` : `${needs.length} needs, none ticked`,
        expanded: ticked > 0 || needs.some((n) => n.error !== ''),
      };
    });
    return renderCard('check-needs', { ...base, domains, told: escapeCardText(told) });
  }
  const areaName = policy.areas.areas.find((a) => a.id === check.answers.area)?.name ?? check.answers.area;
  return renderCard(STEP_CARDS[step], { ...base, areaName });
}

/** A "Request <service>" button for a service the check offers and some hub delivers: the request then goes to that service's hubs. */
function serviceView(s: ServiceResult, checkId: string, requestable: ReadonlySet<string>) {
  const o = OUTCOME[s.outcome];
  const p = s.offer?.parenting;
  const offerText = p ? `Parenting offer: ${p.format === 'group' ? 'group programme' : '1:1 support'}, ${p.sessionsBeforeReview} sessions then a review${p.extension ? `, then up to a further ${periodWords(p.extension)} when the issues are complex` : ''}.` : '';
  const canRequest = s.outcome !== 'not-eligible' && requestable.has(s.id);
  return {
    name: s.name, outcomeIcon: o.icon, outcomeText: o.text, outcomeColor: o.color,
    namedResponses: s.namedResponses ?? [], reasons: s.reasons, conditions: s.conditions, offerText,
    signpost: s.outcome === 'not-eligible' ? 'Not this service: the reasons above say why. Consider the other services listed, universal services, or your local family hub.' : '',
    requestActions: canRequest ? [{ title: `Request ${s.name}`, data: { verb: 'request.start', checkId, serviceId: s.id } }] : [],
  };
}

/**
 * `requestable`: ids of services some hub in the directory delivers. When no
 * service in the family's area fits, the card leads with what to do instead
 * and offers no request button.
 */
export function resultCard(check: CheckRow, policy: Policy, requestable: ReadonlySet<string>, showBooking: boolean, values?: Record<string, string>, errors?: Record<string, string>): Attachment {
  const result = check.result!;
  const level = result.level ?? 1;
  const levelName = (l: number) => policy.levels.levels.find((x) => x.level === l)?.name ?? String(l);
  const area = policy.areas.areas.find((a) => a.id === check.answers.area);
  const effective = check.override_level ?? level;
  // Services for other areas are one line at the end, so the family's own options stand out.
  const inArea = (s: ServiceResult) => s.inArea ?? servesArea(policy, s.id, check.answers.area);
  const elsewhere = result.services.filter((s) => !inArea(s));
  const local = result.services.filter(inArea).map((s) => serviceView(s, check.id, requestable));
  const anyRequestButton = local.some((s) => s.requestActions.length > 0);
  return renderCard('check-result', {
    checkId: check.id, version: check.version, level, levelName: levelName(level), thrive: THRIVE[result.thrive ?? ''] ?? '',
    caseRefSuffix: check.case_ref ? ` · ${escapeCardText(check.case_ref)}` : '',
    overridden: check.override_level !== null, overrideLevel: check.override_level ?? '', overrideName: check.override_level ? levelName(check.override_level) : '',
    overrideReason: escapeCardText(check.override_reason ?? ''),
    frontDoorNow: effective === 4, frontDoor: area ? frontDoorText(area) : "your local children's services front door",
    reasons: result.reasons, suggestions: result.suggestions ?? [], instead: result.instead?.text ?? '',
    services: local, showBooking,
    // Older results (or a service with no hub set up) still get the general request route, unless nothing fits.
    showGenericRequest: !anyRequestButton && !result.instead,
    elsewhere: elsewhere.length > 0 ? `Not offered in ${area?.name ?? 'this area'}: ${elsewhere.map((s) => s.name).join(', ')}.` : '',
    values: fieldValues(['overrideLevel', 'overrideReason'], values), ...errorData(errors),
  });
}

/** For results stored before services said whether they serve the area. */
function servesArea(policy: Policy, serviceId: string, area: string): boolean {
  const pack = policy.services.find((p) => p.id === serviceId);
  return pack ? packServesArea(policy, pack, area) : true;
}

export function stopRiskCard(view: Extract<FlowView, { kind: 'stop-immediate-risk' }>): Attachment {
  const contacts = [view.area.frontDoor, ...view.area.localContacts].filter((c) => c.phone !== '').map((c) => ({ name: c.name || 'Front door', phone: c.phone }));
  // Production refuses to start without a number; in development the card says who must set it up.
  const missingNumber = hasFrontDoorNumber(view.area) ? '' : missingFrontDoorText(view.area);
  return renderCard('check-stop-risk', { frontDoor: frontDoorText(view.area), contacts, missingNumber });
}

export function alreadyOpenCard(view: Extract<FlowView, { kind: 'already-open' }>): Attachment {
  return renderCard('check-already-open', {
    reason: view.check.result?.reasons[0]?.text ?? 'The family is already open to a service.',
    contactName: view.contact?.name ?? '', contactHub: view.contact?.hub ? ` (${view.contact.hub})` : '',
  });
}

export function resumeCard(check: CheckRow): Attachment {
  return renderCard('check-resume', {
    checkId: check.id, version: check.version, started: formatLondon(check.created_at), updated: formatLondon(check.updated_at),
    stepName: STEP_NAMES[check.step] ?? check.step, caseRefSuffix: check.case_ref ? ` (case ${escapeCardText(check.case_ref)})` : '',
  });
}

export function listCard(checks: CheckRow[], policy: Policy): Attachment {
  return renderCard('check-list', {
    checks: checks.map((c) => {
      const level = c.override_level ?? c.level;
      const what = c.status === 'in-progress' ? `In progress (${STEP_NAMES[c.step] ?? c.step})` : c.result?.stop === 'already-open' ? 'Routed to the allocated worker' : `Level ${level} ${policy.levels.levels.find((l) => l.level === level)?.name ?? ''}${c.override_level ? ' (overridden)' : ''}`;
      const next = 'nextDate' in c && typeof c.nextDate === 'string' ? c.nextDate : '';
      return { checkId: c.id, summary: `${c.case_ref ? escapeCardText(c.case_ref) : 'No case reference'} · ${what}`, detail: [policy.areas.areas.find((a) => a.id === c.area)?.name ?? '', formatLondon(c.updated_at), next, moreForCaseWords(c)].filter(Boolean).join(' · ') };
    }),
  });
}

export function stepOrResultCard(view: Extract<FlowView, { kind: 'step' }>, policy: Policy): Attachment {
  return stepCard(view.check, policy, view.values, view.errors, view.told);
}
