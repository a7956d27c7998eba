// Owns the data behind the booking cards (cards/booking-*.json): what each
// person sees of a booking and which buttons they get. Buttons follow the
// same permission rules the use cases enforce, so a card never offers what
// would be refused; the use cases still decide from the stored record.
import type { Person } from '../../domain/directory/schema.js';
import { findHub, findPerson } from '../../domain/directory/lookup.js';
import { formatCardDateTime, formatWeekCommencing, weekById } from '../../domain/time/london.js';
import { addLocalDays, toIsoDate } from '../../domain/time/zoned-clock.js';
import { BOOKING_STATUS_LABELS, BOOKING_TYPE_LABELS, REASSIGN_REASONS, REASSIGN_REASON_LABELS, VISIT_DURATION_MINUTES, type Booking } from '../../domain/booking/schema.js';
import { canTransition, isBookingSocialWorker, mayReassign, mayRespond, type HubWeekRoles } from '../../domain/booking/permissions.js';
import type { FieldProblem } from '../../domain/booking/form.js';
import type { FiledRequest } from '../../store/booking-store.js';
import { STATUS_LABELS, type RequestStatus } from '../../domain/request/status.js';
import type { Directory } from '../../domain/directory/schema.js';

/**
 * Text a person typed (purpose, risks, reasons) goes into the cards as a
 * RichTextBlock TextRun, which Teams shows literally (no markdown), so it
 * needs no markdown escaping; only "${" is broken up so that nothing typed
 * ever reads as a template expression.
 */
export function literalText(input: string): string {
  return input.replace(/\$\{/g, '$\u200b{');
}

export type Tone = 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent';

export interface Headline { title: string; message: string; tone?: Tone }

export interface BookingCardOptions {
  viewer: Person | undefined;
  week: HubWeekRoles;
  now: Date;
  headline: Headline;
  requestFiled?: FiledRequest | undefined;
  calendarUrl?: string;
  problems?: readonly FieldProblem[];
  /** Inputs to show again after a bad submit. */
  values?: Readonly<Record<string, string>>;
}

export function weekLabel(weekId: string): string {
  return formatWeekCommencing(weekById(weekId));
}

export function weekDateRange(weekId: string): { weekMonday: string; weekFriday: string } {
  const monday = weekById(weekId).monday;
  return { weekMonday: toIsoDate(monday), weekFriday: toIsoDate(addLocalDays(monday, 4)) };
}

/** The request's status in words (the stored status is a code). */
const requestStatusWords = (status: string) => STATUS_LABELS[status as RequestStatus] ?? 'in progress';

export function bookingFacts(dir: Directory, b: Booking, filed?: FiledRequest): { title: string; value: string }[] {
  const person = (aad: string) => findPerson(dir, aad);
  const sw = person(b.socialWorkerAad);
  const facts = [
    { title: 'Case reference', value: b.caseRef },
    { title: 'Type', value: BOOKING_TYPE_LABELS[b.type] },
    { title: 'When', value: `${formatCardDateTime(b.visitAt)} (${VISIT_DURATION_MINUTES} minutes)` },
    ...(b.counterAt ? [{ title: 'Proposed instead', value: formatCardDateTime(b.counterAt) }] : []),
    { title: 'Hub', value: findHub(dir, b.hubId)?.name ?? b.hubId },
    { title: 'OSR week', value: weekLabel(b.weekId) },
    { title: 'Social worker', value: `${sw?.displayName ?? 'unknown'}${sw?.team ? `, ${sw.team}` : ''}` },
    { title: 'Practitioner', value: person(b.assigneeAad)?.displayName ?? 'unknown' },
    { title: 'Status', value: BOOKING_STATUS_LABELS[b.status] },
  ];
  if (b.reassignReason && b.status === 'reassign-requested') facts.push({ title: 'Reassign because', value: REASSIGN_REASON_LABELS[b.reassignReason] });
  if (b.status === 'accepted' || b.status === 'completed') {
    facts.push({ title: '0–19 request', value: filed ? `Filed: ${requestStatusWords(filed.status)}` : 'Not filed yet' });
  }
  return facts;
}

const FIELDS = ['proposeDate', 'proposeTime', 'declineReason', 'reassignReason', 'reassignNote', 'practitioner', 'cancelReason'] as const;

export function bookingCardData(dir: Directory, b: Booking, o: BookingCardOptions): Record<string, unknown> {
  const viewer = o.viewer;
  const isSocialWorker = isBookingSocialWorker(viewer, b);
  const isResponder = mayRespond(viewer, b, o.week);
  const isManager = mayReassign(viewer, b);
  const visitPassed = o.now.getTime() >= b.visitAt.getTime();
  const can = {
    accept: isResponder && canTransition('accept', b.status),
    propose: isResponder && canTransition('propose', b.status),
    decline: isResponder && canTransition('decline', b.status),
    askReassign: isResponder && canTransition('ask-reassign', b.status),
    agree: isSocialWorker && canTransition('agree', b.status),
    reassign: isManager && canTransition('reassign', b.status),
    // A practitioner answers a request by declining; cancelling is for a visit already agreed.
    cancel: canTransition('cancel', b.status) && (isSocialWorker || isManager || (isResponder && (b.status === 'accepted' || b.status === 'reassign-requested'))),
    // After the visit the request follows it (Barnet One Service Response protocol, 4.5); a declined booking goes the ordinary route (4.6).
    fileRequest: isSocialWorker && !o.requestFiled && (b.status === 'completed' || b.status === 'declined' || (b.status === 'accepted' && visitPassed)),
    bookAgain: isSocialWorker && (b.status === 'declined' || b.status === 'cancelled'),
    calendar: (isSocialWorker || isResponder) && (b.status === 'accepted' || b.status === 'completed') && !!o.calendarUrl,
  };
  const values = Object.fromEntries(FIELDS.map((f) => [f, o.values?.[f] ?? '']));
  const errors = Object.fromEntries(FIELDS.map((f) => [f, o.problems?.find((p) => p.field === f)?.message ?? '']));
  const practitioners = isManager
    ? dir.people.filter((p) => p.hubId === b.hubId && p.roles.includes('hub-practitioner') && p.aadObjectId !== b.assigneeAad)
      .map((p) => ({ title: `${p.displayName}${p.grade ? ` (grade ${p.grade})` : ''}`, value: p.aadObjectId }))
    : [];
  return {
    title: o.headline.title,
    message: o.headline.message,
    // Teams' Warning colour is yellow, unreadable on a white card: a warning heading is drawn as Attention.
    tone: o.headline.tone === 'Warning' ? 'Attention' : o.headline.tone ?? 'Default',
    bookingId: b.id,
    caseRef: b.caseRef,
    facts: bookingFacts(dir, b, o.requestFiled),
    purpose: literalText(b.purpose),
    risks: literalText(b.risks),
    note: b.statusNote && (b.status === 'declined' || b.status === 'cancelled' || b.status === 'reassign-requested') ? literalText(b.statusNote) : '',
    problems: (o.problems ?? []).map((p) => ({ message: p.message })),
    hasProblems: (o.problems ?? []).length > 0,
    can,
    calendarUrl: o.calendarUrl ?? '',
    ...weekDateRange(b.weekId),
    values,
    errors,
    practitioners,
    reassignReasons: REASSIGN_REASONS.map((r) => ({ title: REASSIGN_REASON_LABELS[r], value: r })),
  };
}

/** The hub channel's card: case reference and timing only, never names or free text (docs/SECURITY.md). */
export function channelCardData(dir: Directory, b: Booking, placesLeft: number, cap: number): Record<string, unknown> {
  return {
    title: 'New OSR joint-visit booking',
    facts: [
      { title: 'Case reference', value: b.caseRef },
      { title: 'Type', value: BOOKING_TYPE_LABELS[b.type] },
      { title: 'When', value: formatCardDateTime(b.visitAt) },
      { title: 'OSR week', value: weekLabel(b.weekId) },
      { title: 'Places left', value: `${placesLeft} of ${cap}` },
    ],
    hubName: findHub(dir, b.hubId)?.name ?? b.hubId,
  };
}
