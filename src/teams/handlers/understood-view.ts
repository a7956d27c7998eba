// Owns drawing what the bot understood from a description of a family: risk
// words first with the front-door route and the safety question, then each
// suggested need with the practitioner's own words, ages, place and facts,
// and the safety answers that start a pre-filled check. Everything quoted
// from the practitioner is escaped; no need ids or codes are shown.
import type { Attachment } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { renderCard, escapeCardText } from '../cards/render.js';
import type { Policy, Area } from '../../domain/policy/index.js';
import { frontDoorText } from '../../domain/threshold/index.js';
import type { Understanding } from '../../understanding/index.js';
import { prefillFrom, type CheckPrefill } from '../../understanding/check-prefill.js';

const FACT_WORDS: Record<string, string> = {
  multipleBirth: 'Multiple birth', openToSocialCare: "Open to children's social care", earlyHelpPlan: 'Early help plan in place',
  childProtectionPlan: 'Child protection plan', interpreterNeeded: 'Interpreter needed', steppingDown: 'Stepping down from specialist services',
  courtProceedings: 'Court proceedings', unborn: 'Pregnancy',
};

const quote = (words: string) => `“${escapeCardText(words)}”`;

export interface UnderstoodCard {
  understanding: Understanding;
  /** Carried on the card's button into the check draft, and nowhere else. */
  prefill: CheckPrefill;
  checkKey?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

export function understoodCardFor(u: Understanding, description: string): UnderstoodCard {
  return { understanding: u, prefill: prefillFrom(u, description) };
}

export function understoodCard(policy: Policy, c: UnderstoodCard): Attachment {
  const u = c.understanding;
  const area = u.area ? policy.areas.areas.find((a) => a.id === u.area!.id) : undefined;
  const doors = area ? [area] : policy.areas.areas;
  const facts = [
    ...(u.ages.length > 0 ? [{ title: u.ages.length === 1 ? 'Age' : 'Ages', value: u.ages.join(', ') }] : []),
    ...(u.area ? [{ title: 'Area', value: `${escapeCardText(u.area.name)} (from ${quote(u.area.words)})` }] : []),
    ...(u.postcode && !u.area ? [{ title: 'Postcode', value: `${escapeCardText(u.postcode)} (not in an area I cover)` }] : []),
    ...Object.entries(u.facts).map(([name, words]) => ({ title: FACT_WORDS[name] ?? name, value: quote(words) })),
  ];
  return renderCard('understood', {
    risk: u.immediateRiskSuspected,
    riskWords: u.riskPhrases.map(quote).join(', '),
    frontDoor: area ? frontDoorText(area) : "your local children's services front door",
    contacts: doors.flatMap(contactsOf),
    heading: u.immediateRiskSuspected ? 'What else I understood (you will confirm it in the check)' : 'Here is what I understood',
    needs: u.needs.map((n) => ({ label: n.label, words: quote(n.phrase) })),
    facts,
    ruledOut: u.ruledOut.length > 0 ? `Left out because you said so: ${u.ruledOut.map((n) => `${n.label} (${quote(n.phrase)})`).join('; ')}.` : '',
    areas: policy.areas.areas.map((a) => ({ id: a.id, name: a.name })),
    // Only values the inputs offer come back onto the card: anything else typed into the submit is dropped.
    values: {
      area: policy.areas.areas.some((a) => a.id === c.values?.area) ? c.values!.area! : u.area?.id ?? '',
      immediateRisk: c.values?.immediateRisk === 'yes' || c.values?.immediateRisk === 'no' ? c.values.immediateRisk : '',
    },
    errors: c.errors ?? {},
    checkKey: c.checkKey ?? randomUUID(),
    prefill: { ...c.prefill, description: encodeURIComponent(c.prefill.description) },
  });
}

/**
 * The pre-fill as the card's button sends it back: the description travels
 * URI-encoded, so nothing the practitioner typed ("${…}", markup) can ever be
 * read as part of the card.
 */
export function prefillFromCard(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return {};
  const p = { ...(raw as Record<string, unknown>) };
  if (typeof p.description === 'string') {
    try { p.description = decodeURIComponent(p.description); } catch { p.description = ''; }
  }
  return p;
}

function contactsOf(area: Area): { name: string; phone: string }[] {
  return [area.frontDoor, ...area.localContacts].filter((x) => x.phone !== '').map((x) => ({ name: x.name || `${area.name} front door`, phone: x.phone }));
}
