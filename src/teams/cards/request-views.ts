// Owns drawing requests once they exist: the details card (family details,
// so only ever sent to the referrer or a hub member in a private chat), and
// the lists: my requests, drafts, the hub queue and my cases. Buttons offered
// follow the status machine for this viewer; the server checks again on use.
import type { Attachment } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { renderCard, escapeCardText } from './render.js';
import type { CardAction } from './request-cards.js';
import type { RequestRow } from '../../store/request-store.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findHub, findPerson } from '../../domain/directory/lookup.js';
import { availableActions, canRecordTasks, STATUS_LABELS, type RequestAction } from '../../domain/request/status.js';
import { VULNERABILITY_FACTORS, type VulnerabilityFactor } from '../../domain/request/priority.js';
import { CC_REGISTRATION, CLOSE_OUTCOMES, PARTNER_INVOLVEMENT, WITHDRAW_REASONS } from '../../domain/request/action-forms.js';
import { formatCardDate, formatCardDateTime } from '../../domain/time/london-format.js';
import { levelLabel } from '../../app/request/notify.js';
import { personName } from '../../app/request/access.js';
import { summariseForm, ukDate } from '../../app/request/summary.js';
import { moreForCaseWords } from '../../app/cases/case-lines.js';
import type { RequestView } from '../../app/request/views.js';
import { canRecordFeedback, FEEDBACK_GIVERS, FEEDBACK_MOMENTS, FEEDBACK_QUESTIONS, FEEDBACK_SCALE } from '../../domain/reports/feedback.js';

const ACTION_BUTTONS: Record<Exclude<RequestAction, 'submit'>, { title: string; verb: string; style?: CardAction['style'] }> = {
  allocate: { title: 'Allocate', verb: 'request.allocate.show', style: 'positive' },
  decline: { title: 'Decline', verb: 'request.decline.show' },
  start: { title: 'Record start date', verb: 'request.begin.show', style: 'positive' },
  review: { title: 'Start a plan review', verb: 'request.review.open' },
  continue: { title: 'Review done: continue', verb: 'request.review.done', style: 'positive' },
  close: { title: 'Close', verb: 'request.close.show' },
  withdraw: { title: 'Withdraw', verb: 'request.withdraw.show', style: 'destructive' },
};

const label = <T extends Record<string, string>>(labels: T, value: string | null) => (value ? labels[value as keyof T] ?? value : '');

/**
 * One section per feedback record, in plain words: when, who gave it, each
 * score and the family's own words (escaped: typed text is data). Family
 * data, so only on this card, which goes to the people who may see the
 * request's details in a private chat; never on a channel card or a report.
 */
function feedbackSections(view: RequestView, directory: Directory): Array<{ title: string; facts: Array<{ title: string; value: string }> }> {
  const sections = view.feedback.map((f) => ({
    title: `Family feedback, ${formatCardDate(f.recordedAt)}`,
    facts: [
      { title: 'Given by', value: `${FEEDBACK_GIVERS[f.givenBy]}, ${FEEDBACK_MOMENTS[f.moment].toLowerCase()}` },
      ...(Object.keys(FEEDBACK_QUESTIONS) as Array<keyof typeof FEEDBACK_QUESTIONS>).map((q) => ({
        title: FEEDBACK_QUESTIONS[q], value: FEEDBACK_SCALE[String(f[q]) as keyof typeof FEEDBACK_SCALE] ?? String(f[q]),
      })),
      { title: 'In their words', value: f.comment.trim() === '' ? 'No comment' : escapeCardText(f.comment) },
      { title: 'Recorded by', value: personName(directory, f.recordedBy) },
    ],
  }));
  const earlier = view.feedbackCount - view.feedback.length;
  if (earlier > 0) sections.push({ title: 'Earlier family feedback', facts: [{ title: 'Not shown', value: `${earlier} earlier ${earlier === 1 ? 'record' : 'records'}` }] });
  return sections;
}

export function detailsCard(view: RequestView, directory: Directory, exportUrl: string | undefined): Attachment {
  const r = view.request;
  const allocated = findPerson(directory, r.allocated_to ?? undefined);
  const overview = [
    { title: 'Hub', value: view.hub?.name ?? '' },
    { title: 'Level of need', value: levelLabel(r.level) },
    { title: 'Agreed work', value: escapeCardText(r.intervention ?? '') },
    { title: 'Children\'s ages', value: r.age_range ?? '' },
    { title: 'Priority factors', value: r.vulnerability_factors.map((f) => VULNERABILITY_FACTORS[f as VulnerabilityFactor] ?? f).join('; ') || 'None' },
    { title: 'Referrer', value: [r.form.referrer?.name ?? personName(directory, r.referrer_aad), r.form.referrer?.team].filter(Boolean).join(', ') },
    { title: 'Submitted', value: r.submitted_at ? formatCardDateTime(r.submitted_at) : '' },
    { title: 'Allocated to', value: allocated ? `${allocated.displayName}${allocated.grade ? ` (grade ${allocated.grade})` : ''}` : '' },
    { title: 'Support started', value: r.start_date ? ukDate(r.start_date) : '' },
    { title: 'Children\'s centre', value: label(CC_REGISTRATION, r.cc_registration) },
    { title: 'Partner involvement', value: label(PARTNER_INVOLVEMENT, r.partner_involvement) },
    { title: 'Declined because', value: escapeCardText(r.decline_reason ?? '') },
    { title: 'Instead, try', value: escapeCardText(r.decline_alternatives ?? '') },
    { title: r.status === 'closed' ? 'Outcome' : 'Ended because', value: label(r.status === 'closed' ? CLOSE_OUTCOMES : WITHDRAW_REASONS, r.end_reason) },
    { title: 'Note', value: escapeCardText(r.end_note ?? '') },
    ...view.records.facts,
  ].filter((f) => f.value !== '');
  const actions: CardAction[] = availableActions(r.status, view.parties).map((a) => {
    const b = ACTION_BUTTONS[a as Exclude<RequestAction, 'submit'>];
    return { title: b.title, style: b.style ?? 'default', data: { verb: b.verb, requestId: r.id } };
  });
  // Case records (missing episodes, parenting sessions) first: they are what the worker comes back to do.
  actions.unshift(...view.records.actions.map((a) => ({ ...a, style: 'default' as const })));
  // The family's feedback (Barnet One Service Response protocol, 5.3), gathered at a review or at closure.
  if (canRecordFeedback(r.status, view.parties)) actions.push({ title: 'Record family feedback', style: 'default', data: { verb: 'feedback.show', requestId: r.id } });
  // Only a service that sets tasks (Home-Start) shows them.
  if (view.serviceTasks.length > 0 && canRecordTasks(r.status, view.parties)) actions.push({ title: 'Record tasks', style: 'default', data: { verb: 'request.tasks.show', requestId: r.id } });
  // The referrer books the family's OSR joint visit from their request, pre-filled from it (issue 12).
  if (view.parties.has('referrer') && ['submitted', 'allocated', 'started', 'in-review'].includes(r.status)) {
    actions.push({ title: 'Book a joint visit', style: 'default', data: { verb: 'booking.start', requestId: r.id } });
  }
  // The whole family's thread: checks, joint visits and requests together (issue 12).
  if (r.case_ref) actions.push({ title: 'Open the case', style: 'default', data: { verb: 'case.open', requestId: r.id } });
  return renderCard('request-details', {
    title: `Request ${escapeCardText(r.case_ref ?? '')}`,
    statusLine: STATUS_LABELS[r.status],
    overview,
    sections: [
      ...summariseForm(r.form, directory).map((s) => ({ title: s.title, facts: s.facts.map((f) => ({ title: f.title, value: escapeCardText(f.value) })) })),
      ...feedbackSections(view, directory),
    ],
    history: view.history.map((h) => ({ title: formatCardDateTime(h.at), value: `${STATUS_LABELS[h.to_status]} (${personName(directory, h.actor)})` })),
    // Teams shows at most six buttons comfortably; the most important come first.
    actions: actions.slice(0, 5).map((a) => ({ style: 'default', ...a })),
    links: exportUrl ? [{ title: 'Printable summary', url: exportUrl }] : [],
  });
}

interface ListItem { title: string; subtitle: string; actions: { title: string; data: Record<string, unknown> }[] }

function listCard(title: string, intro: string, items: ListItem[], actions: CardAction[] = [], links: { title: string; url: string }[] = []): Attachment {
  return renderCard('request-list', { title, intro, items, actions: actions.map((a) => ({ title: a.title, data: a.data })), links });
}

const open = (r: RequestRow) => ({ title: 'Open', data: { verb: 'request.view', requestId: r.id } });
const caseLabel = (r: RequestRow) => escapeCardText(r.case_ref ?? '(no case reference yet)');
const waiting = (r: RequestRow, now: Date) => {
  const days = Math.floor((now.getTime() - (r.submitted_at ?? r.created_at).getTime()) / 86_400_000);
  return days === 0 ? 'submitted today' : `waiting ${days} ${days === 1 ? 'day' : 'days'}`;
};
const newRequest: CardAction = { title: 'New request', data: { verb: 'request.start', fresh: true } };

const nextOf = (r: RequestRow) => ('nextDate' in r && typeof r.nextDate === 'string' ? r.nextDate : '');
const moreOf = (r: RequestRow) => moreForCaseWords(r);

export function myRequestsCard(rows: RequestRow[], directory: Directory): Attachment {
  const items = rows.map((r): ListItem => r.status === 'draft'
    ? { title: `${caseLabel(r)} · Draft`, subtitle: `Last saved ${formatCardDateTime(r.updated_at)}`, actions: [
      { title: 'Resume', data: { verb: 'request.resume', requestId: r.id } },
      { title: 'Discard', data: { verb: 'request.discard', requestId: r.id } },
    ] }
    : { title: `${caseLabel(r)} · ${STATUS_LABELS[r.status]}`, subtitle: [findHub(directory, r.hub_id ?? '')?.name ?? '', `updated ${formatCardDate(r.updated_at)}`, nextOf(r), moreOf(r)].filter(Boolean).join(' · '), actions: [open(r)] });
  return listCard('My requests', rows.length === 0 ? 'You have no requests yet.' : 'Your drafts and the requests you have filed, most recent first.', items, [{ ...newRequest, data: { ...newRequest.data, requestKey: randomUUID() } }]);
}

export function draftsChooserCard(rows: RequestRow[]): Attachment {
  const items = rows.map((r): ListItem => ({
    title: `${caseLabel(r)} · Draft`, subtitle: `Last saved ${formatCardDateTime(r.updated_at)}`,
    actions: [{ title: 'Resume', data: { verb: 'request.resume', requestId: r.id } }, { title: 'Discard', data: { verb: 'request.discard', requestId: r.id } }],
  }));
  // The key makes a double click on "Start a new request" one draft.
  return listCard('You have unfinished requests', 'Carry on with a draft, or start a new request.', items, [{ title: 'Start a new request', data: { verb: 'request.start', fresh: true, requestKey: randomUUID() } }]);
}

export function hubQueueCard(hubName: string, rows: RequestRow[], now: Date, csvUrl: string): Attachment {
  const items = rows.slice(0, 20).map((r): ListItem => ({
    title: `${caseLabel(r)} · ${levelLabel(r.level)}`,
    subtitle: [escapeCardText(r.intervention ?? ''), `ages ${r.age_range ?? ''}`, `${r.vulnerability} vulnerability ${r.vulnerability === 1 ? 'factor' : 'factors'}`, waiting(r, now), nextOf(r)].filter(Boolean).join(' · '),
    actions: [open(r), { title: 'Allocate', data: { verb: 'request.allocate.show', requestId: r.id } }, { title: 'Decline', data: { verb: 'request.decline.show', requestId: r.id } }],
  }));
  const intro = rows.length === 0 ? 'Nothing is waiting for allocation.'
    : `${rows.length} waiting for allocation, highest priority first: level of need, then vulnerability, then the oldest request.${rows.length > 20 ? ' Showing the first 20; download the CSV for all.' : ''}`;
  return listCard(`Hub queue: ${hubName}`, intro, items, [], [{ title: 'Download as CSV', url: csvUrl }]);
}

export function myCasesCard(rows: RequestRow[]): Attachment {
  const items = rows.map((r): ListItem => ({
    title: `${caseLabel(r)} · ${STATUS_LABELS[r.status]}`,
    subtitle: [levelLabel(r.level), escapeCardText(r.intervention ?? ''), r.start_date ? `started ${ukDate(r.start_date)}` : 'not started yet', nextOf(r), moreOf(r)].filter(Boolean).join(' · '),
    actions: [open(r)],
  }));
  return listCard('My cases', rows.length === 0 ? 'No cases are allocated to you.' : 'Cases allocated to you, highest priority first.', items);
}
