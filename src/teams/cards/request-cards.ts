// Owns drawing the 0–19 request form's cards: a section of the form (values
// kept, each problem next to its field), the check-and-submit review, the
// small status forms (allocate, decline, start, close, withdraw, tasks) and
// notices. Data only flows one way: use-case results in, attachments out.
import type { Attachment } from 'botbuilder';
import { renderCard, escapeCardText } from './render.js';
import { fieldsFor, type FieldView, type Choice } from './request-fields.js';
import { SECTION_IDS, SECTION_TITLES, previousSection, type RequestForm, type SectionId, type SectionProblems } from '../../domain/request/form.js';
import type { FieldProblem, SectionContext } from '../../domain/request/field-rules.js';
import type { RequestRow } from '../../store/request-store.js';
import type { SectionSummary } from '../../app/request/summary.js';

export interface CardAction { title: string; style?: 'default' | 'positive' | 'destructive'; data: Record<string, unknown> }

const actionsOf = (actions: CardAction[]) => actions.map((a) => ({ style: 'default', ...a }));

function noticeParts(notice: string, tone: 'good' | 'attention' | 'none') {
  // The container's style carries the tone; the words stay in the default colour (green or red text on
  // a green or red background is hard to read, and a Good/Attention colour fades on a dark theme).
  return { notice, noticeColor: 'Default', noticeStyle: tone === 'attention' ? 'attention' : tone === 'good' ? 'good' : 'emphasis' };
}

export function problemNotice(count: number): string {
  return count === 1 ? 'Please fix the problem marked below. Your draft is saved.' : `Please fix the ${count} problems marked below. Your draft is saved.`;
}

export function sectionCard(row: RequestRow, section: SectionId, form: RequestForm, context: SectionContext, problems: FieldProblem[], message = ''): Attachment {
  const step = SECTION_IDS.indexOf(section) + 1;
  const nav = (title: string, n: 'back' | 'save' | 'next', style: CardAction['style'] = 'default'): CardAction =>
    ({ title, style, data: { verb: 'request.section.save', requestId: row.id, section, nav: n } });
  const actions: CardAction[] = [
    ...(previousSection(section) ? [nav('Back', 'back')] : []),
    nav('Save draft', 'save'),
    nav(step === SECTION_IDS.length ? 'Continue to check and submit' : 'Continue', 'next', 'positive'),
  ];
  const notice = problems.length > 0 ? noticeParts(problemNotice(problems.length), 'attention') : noticeParts(message, message ? 'good' : 'none');
  return renderCard('request-form', {
    progress: `0–19 request · step ${step} of ${SECTION_IDS.length}`,
    title: SECTION_TITLES[section],
    subtitle: 'Saved as you go. Family details stay in this private chat.',
    ...notice,
    fields: fieldsFor(section, form, context, problems),
    actions: actionsOf(actions),
  });
}

/** What each section's Edit or Fix button says: short enough for one line on a phone. */
const EDIT_BUTTON_WORDS: Record<SectionId, string> = {
  family: 'family and children', address: 'address', need: 'reason and level', work: 'agreed work', consent: 'consent', safety: 'risks and professionals',
};

export function reviewCard(row: RequestRow, summary: SectionSummary[], problems: SectionProblems[], hubName: string | undefined, message = ''): Attachment {
  const count = problems.reduce((n, s) => n + s.problems.length, 0);
  const sections = summary.map((s) => {
    const own = problems.find((p) => p.section === s.id)?.problems ?? [];
    return {
      title: s.title,
      facts: s.facts.map((f) => ({ title: f.title, value: escapeCardText(f.value) })),
      problems: own.map((p) => ({ message: p.message })),
      editTitle: `${own.length > 0 ? 'Fix' : 'Edit'} ${EDIT_BUTTON_WORDS[s.id]}`,
      editData: { verb: 'request.section.edit', requestId: row.id, section: s.id },
    };
  });
  const notice = count > 0
    ? noticeParts(`${count === 1 ? '1 problem' : `${count} problems`} to fix before you can submit. Your draft is saved.`, 'attention')
    : noticeParts(message || 'Everything is filled in. Check it, then submit.', 'good');
  return renderCard('request-review', {
    title: `Request ${escapeCardText(row.case_ref ?? '(no case reference yet)')}`,
    hubLine: hubName ? `Goes to: ${hubName}` : 'No hub yet: the postcode decides which hub gets the request.',
    ...notice,
    sections,
    // "Submit to the hub", not the hub's name: a button short enough for a phone; the card says where it goes.
    actions: actionsOf(count === 0
      ? [{ title: 'Submit to the hub', style: 'positive', data: { verb: 'request.submit', requestId: row.id, requestKey: row.idempotency_key } }]
      : [{ title: 'Check again', data: { verb: 'request.form.review', requestId: row.id } }]),
    discardData: { verb: 'request.discard', requestId: row.id },
  });
}

type ActionForm = { title: string; subtitle: string; fields: FieldView[]; problems: FieldProblem[]; submit: CardAction; cancel?: CardAction };

/** A one-section form for a status change, drawn with the same template as the request form. */
export function actionFormCard(o: ActionForm): Attachment {
  const form = actionForm(o);
  return renderCard(form.template, form.data);
}

/** The same form as a template and its data, for a card delivered through the outbox (to someone's personal chat). */
export function actionForm(o: ActionForm): { template: string; data: Record<string, unknown> } {
  const fields = o.fields.map((f) => ({ ...f }));
  for (const p of o.problems) {
    const target = fields.find((f) => f.id === p.field) ?? fields.find((f) => f.kind !== 'info');
    if (target) target.error = target.error ? `${target.error} ${p.message}` : p.message;
  }
  return {
    template: 'request-form',
    data: {
      progress: '', title: o.title, subtitle: o.subtitle,
      ...(o.problems.length > 0 ? noticeParts(problemNotice(o.problems.length).replace(' Your draft is saved.', ''), 'attention') : noticeParts('', 'none')),
      fields,
      actions: actionsOf([o.submit, ...(o.cancel ? [o.cancel] : [])]),
    },
  };
}

export const formField = (kind: FieldView['kind'], id: string, label: string, value = '', choices: Choice[] = [], maxLength = 0): FieldView =>
  ({ kind, id, label, value, placeholder: '', maxLength, error: '', choices });


/** Re-exported: one notice card for every feature (src/teams/card-actions.ts). */
export { noticeCard } from '../card-actions.js';
