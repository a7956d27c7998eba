// Owns how the report figures read: one section per measure, each with a
// chart (drawn natively by Teams) and the plain table a client without charts
// shows instead, a few facts in words, and the case lists a manager may open.
// The card and the CSV are both made from these tables, so they always agree.
// Pure.
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import type { ReportFigures, Spread } from './figures.js';
import type { CaseMention } from './rows.js';
import { REQUEST_STATUSES } from './figures.js';
import { BOOKING_TYPE_LABELS } from '../booking/schema.js';
import { CLOSE_OUTCOMES, WITHDRAW_REASONS } from '../request/action-forms.js';
import { STATUS_LABELS } from '../request/status.js';
import { FEEDBACK_GIVERS, FEEDBACK_QUESTIONS } from './feedback.js';
import { periodWords } from '../reminders/service-timescales.js';
import { LONDON_TIME_ZONE, weekById } from '../time/london-weeks.js';
import { instantAt, parseIsoDate } from '../time/zoned-clock.js';

export type ChartKind = 'Chart.VerticalBar' | 'Chart.Donut' | 'Chart.Line' | 'Chart.Gauge';

export interface ReportTable {
  columns: string[];
  rows: string[][];
  /** The card shows only this many rows (the largest first) and says how many more the CSV has. */
  cardRows?: number;
}

/** Across many hubs (or kinds of deadline) the card lists the largest; the CSV has them all. */
export const CARD_HUB_ROWS = 6;

export type ReportChart =
  | { kind: 'Chart.VerticalBar'; title: string; bars: Array<{ x: string; y: number }> }
  | { kind: 'Chart.Donut'; title: string; slices: Array<{ legend: string; value: number }> }
  | { kind: 'Chart.Line'; title: string; lines: Array<{ legend: string; values: Array<{ x: string; y: number }> }> }
  | { kind: 'Chart.Gauge'; title: string; value: number; segments: Array<{ legend: string; size: number; color: string }> };

/** A drill-down: the case references behind a figure. */
export interface ReportDrill { measure: DrillMeasure; title: string; cases: CaseMention[] }
export type DrillMeasure = 'visits-not-filed' | 'declined' | 'overdue' | 'overrides' | 'transferred' | 'no-feedback';

export interface ReportSection {
  id: string;
  title: string;
  /** What the section shows and where the numbers come from, in a sentence. */
  about: string;
  facts: Array<{ title: string; value: string }>;
  chart: ReportChart;
  table: ReportTable;
  drills: ReportDrill[];
}

const n = (v: number | null, unit = '') => (v === null ? 'none' : `${v}${unit}`);
const pc = (v: number | null) => (v === null ? 'no figures' : `${v}%`);
const days = (v: number | null) => (v === null ? 'none' : `${v} ${v === 1 ? 'day' : 'days'}`);
const spreadWords = (s: Spread) => (s.median === null ? 'none yet' : `${days(s.median)} (90% within ${days(s.p90)})`);
/** "12 (30)": the median, then the 90th percentile, in whole days; a dash when there are none. */
const spreadCell = (s: Spread) => (s.median === null ? '–' : `${s.median} (${s.p90})`);
const shortDate = (iso: string) => format(instantAt(parseIsoDate(iso), 12, 0, LONDON_TIME_ZONE), 'd MMM yyyy', { in: tz(LONDON_TIME_ZONE) });
const weekLabel = (weekId: string, weeks: number) => {
  const monday = weekById(weekId).monday;
  const label = format(instantAt(monday, 12, 0, LONDON_TIME_ZONE), 'd MMM', { in: tz(LONDON_TIME_ZONE) });
  return weeks === 1 ? `w/c ${label}` : `from ${label}`;
};
const drill = (measure: DrillMeasure, title: string, cases: CaseMention[]): ReportDrill[] => (cases.length > 0 ? [{ measure, title: `${title} (${cases.length})`, cases }] : []);

export const REMINDER_KIND_WORDS: Record<string, string> = {
  'plan-review': 'Support plan reviews', 'support-not-started': 'Support starts', 'needs-not-met': 'Needs met targets',
  'request-not-filed': 'Requests filed after a visit', 'booking-not-answered': 'Bookings answered', 'parenting-sessions': 'Parenting reviews',
  'return-home-interview': 'Return home interviews', 'staff-supervision': 'Staff supervisions', 'family-feedback': 'Family feedback',
};

/** Up to this many hubs, the places section lists each hub's figures. */
export const PER_HUB_FACTS = 4;

export interface SectionNames { hubName: (hubId: string) => string }

export function reportSections(f: ReportFigures, names: SectionNames): ReportSection[] {
  return [places(f, names), visits(f), requestsByStatus(f, names), timescales(f), reminders(f), checks(f), transfers(f), involvement(f), feedback(f)];
}

function places(f: ReportFigures, names: SectionNames): ReportSection {
  const p = f.places;
  return {
    id: 'osr-places', title: 'OSR places used against the cap',
    about: "Visits holding one of a hub's weekly places (requested, accepted or held) against each week's cap.",
    facts: [
      { title: 'Places used', value: `${p.used} of ${p.cap} (${pc(p.usedPercent)})` },
      // Hub by hub while it fits a card; across many hubs, how many ever filled a week.
      ...(p.hubs.length <= PER_HUB_FACTS
        ? p.hubs.map((h) => ({ title: names.hubName(h.hubId), value: `${h.used} of ${h.cap}; ${h.fullWeeks} full ${h.fullWeeks === 1 ? 'week' : 'weeks'}` }))
        : [{ title: 'Hubs that had a full week', value: `${p.hubs.filter((h) => h.fullWeeks > 0).length} of ${p.hubs.length}` }]),
    ],
    chart: { kind: 'Chart.Line', title: 'Places used, week by week (the cap is in the table)', lines: [
      { legend: 'Places used', values: p.blocks.map((b) => ({ x: weekLabel(b.firstWeek, b.weeks), y: b.used })) },
    ] },
    table: { columns: ['Weeks', 'Places used of the cap'], rows: p.blocks.map((b) => [weekLabel(b.firstWeek, b.weeks), `${b.used} of ${b.cap}`]) },
    drills: [],
  };
}

function visits(f: ReportFigures): ReportSection {
  const v = f.visits;
  return {
    id: 'joint-visits', title: 'Joint visits by type and outcome',
    about: 'OSR joint visits due in the period. A visit led to a request when a 0–19 request was filed from it.',
    facts: [
      { title: 'Joint visits', value: String(v.total) },
      { title: 'Completed visits that led to a request', value: `${v.ledToRequest} of ${v.completed} (${pc(v.ledToRequestPercent)})` },
      { title: 'Visit to request filed', value: spreadWords(v.daysToRequest) },
    ],
    chart: { kind: 'Chart.VerticalBar', title: 'Joint visits by type', bars: v.byType.map((t) => ({ x: BOOKING_TYPE_LABELS[t.type], y: t.total })) },
    table: {
      columns: ['Type', 'Completed', 'Cancelled', 'Declined', 'Not yet held', 'Total'],
      rows: v.byType.map((t) => [BOOKING_TYPE_LABELS[t.type], String(t.completed), String(t.cancelled), String(t.declined), String(t.open), String(t.total)]),
    },
    drills: drill('visits-not-filed', 'Visits with no request filed', v.notFiledCases),
  };
}

function requestsByStatus(f: ReportFigures, names: SectionNames): ReportSection {
  const r = f.requests;
  const withdrawn = Object.entries(r.withdrawnByReason).map(([reason, count]) => ({ title: `Withdrawn: ${(WITHDRAW_REASONS[reason as keyof typeof WITHDRAW_REASONS] ?? 'Other').replace(' (say why)', '')}`, value: String(count) }));
  return {
    id: 'requests', title: 'Requests by status and hub',
    about: 'Requests submitted in the period, by where each is now. Decline reasons stay on each request.',
    facts: [{ title: 'Requests submitted', value: String(r.total) }, { title: 'Declined', value: String(r.declined) }, ...withdrawn],
    chart: { kind: 'Chart.Donut', title: 'Requests by status', slices: REQUEST_STATUSES.map((s) => ({ legend: STATUS_LABELS[s], value: r.byStatus[s] })).filter((s) => s.value > 0) },
    table: {
      columns: ['Hub', 'Requests', 'Waiting', 'In support', 'Closed', 'Declined or withdrawn'],
      rows: [...r.byHub].sort((a, b) => b.total - a.total)
        .map((h) => [names.hubName(h.hubId), String(h.total), String(h.submitted), String(h.allocated + h.started + h['in-review']), String(h.closed), String(h.declined + h.withdrawn)]),
      cardRows: CARD_HUB_ROWS,
    },
    drills: drill('declined', 'Declined requests', r.declinedCases),
  };
}

function timescales(f: ReportFigures): ReportSection {
  const s = f.requests.services;
  return {
    id: 'timescales', title: 'Time to allocation and to start',
    about: 'Whole days from request to allocation and to start: the middle request, and the time 9 in 10 took.',
    facts: s.filter((x) => x.startWithin).map((x) => ({ title: x.name, value: `${x.startedWithin} of ${x.started} started within ${periodWords(x.startWithin!)} (${pc(x.startedWithinPercent)})` })),
    chart: { kind: 'Chart.VerticalBar', title: 'Median days from request to start, by service', bars: s.map((x) => ({ x: x.name, y: x.daysToStart.median ?? 0 })) },
    table: {
      columns: ['Service', 'Days to allocation (9 in 10 within)', 'Days to start (9 in 10 within)', 'Start timescale'],
      rows: s.map((x) => [x.name, spreadCell(x.daysToAllocation), spreadCell(x.daysToStart), x.startWithin ? periodWords(x.startWithin) : 'None set']),
    },
    drills: [],
  };
}

function reminders(f: ReportFigures): ReportSection {
  const r = f.reminders;
  return {
    id: 'reviews-reminders', title: 'Reviews and reminders: on time or overdue',
    about: 'Deadlines due in the period: on time if done before the reminder went, overdue if it went.',
    facts: [
      { title: 'On time', value: `${r.onTime} (${pc(r.onTimePercent)})` },
      { title: 'Overdue', value: String(r.overdue) },
      { title: 'Escalated to a manager', value: String(r.escalations) },
      { title: 'Messages that could not be delivered', value: String(r.undeliverable) },
    ],
    // Nothing due in the period: no segments, so the card draws no gauge rather than a red 0%.
    chart: { kind: 'Chart.Gauge', title: 'Deadlines met on time', value: r.onTimePercent ?? 0, segments: r.onTimePercent === null ? [] : [
      { legend: 'Overdue', size: 100 - r.onTimePercent, color: 'attention' }, { legend: 'On time', size: r.onTimePercent, color: 'good' },
    ] },
    table: {
      columns: ['Deadline', 'On time', 'Overdue'],
      rows: [...r.byCause].sort((a, b) => b.overdue - a.overdue || b.onTime - a.onTime).map((c) => [REMINDER_KIND_WORDS[c.cause] ?? 'Other reminders', String(c.onTime), String(c.overdue)]),
      cardRows: CARD_HUB_ROWS,
    },
    drills: drill('overdue', 'Cases with an overdue deadline', r.overdueCases),
  };
}

function checks(f: ReportFigures): ReportSection {
  const c = f.checks;
  return {
    id: 'thresholds', title: 'Threshold checks and overrides',
    about: 'Checks finished in the period by suggested level, and overrides up or down by the change made.',
    facts: [
      { title: 'Checks finished', value: String(c.total) },
      { title: 'Overridden to a higher level', value: String(c.overriddenUp) },
      { title: 'Overridden to a lower level', value: String(c.overriddenDown) },
      ...c.changes.slice(0, 6).map((x) => ({ title: `Level ${x.from} changed to level ${x.to}`, value: String(x.count) })),
    ],
    chart: { kind: 'Chart.VerticalBar', title: 'Checks by suggested level', bars: c.byLevel.map((l) => ({ x: `Level ${l.level}`, y: l.checks })) },
    table: { columns: ['Suggested level', 'Checks', 'Overridden up', 'Overridden down'], rows: c.byLevel.map((l) => [`Level ${l.level}`, String(l.checks), String(l.up), String(l.down)]) },
    drills: drill('overrides', 'Checks with an override', c.overrideCases),
  };
}

function transfers(f: ReportFigures): ReportSection {
  const o = f.outcomes;
  const outcomes = Object.entries(o.byOutcome).sort((a, b) => b[1] - a[1]);
  return {
    id: 'transfers', title: 'Transfers to Intervention and Planning',
    about: 'Closed cases transferred to Intervention and Planning or stepped up, OSR cases against the others.',
    facts: [
      { title: 'Step-downs continued by the same practitioner', value: o.continuity.continuing === 0 ? 'none continued yet' : `${o.continuity.samePractitioner} of ${o.continuity.continuing} (${pc(o.continuity.percent)})` },
      ...outcomes.slice(0, 6).map(([k, v]) => ({ title: (CLOSE_OUTCOMES[k as keyof typeof CLOSE_OUTCOMES] ?? 'Other').replace(' (say why)', ''), value: String(v) })),
    ],
    chart: { kind: 'Chart.VerticalBar', title: 'Share of closed cases transferred (%)', bars: [
      { x: 'OSR cases', y: o.osr.percent ?? 0 }, { x: 'Other cases', y: o.other.percent ?? 0 },
    ] },
    table: { columns: ['Cases', 'Closed', 'Transferred', 'Share'], rows: [
      ['OSR cases', String(o.osr.closed), String(o.osr.transferred), pc(o.osr.percent)],
      ['Other cases', String(o.other.closed), String(o.other.transferred), pc(o.other.percent)],
    ] },
    drills: drill('transferred', 'Cases transferred', o.transferredCases),
  };
}

function involvement(f: ReportFigures): ReportSection {
  const { current, previous } = f.outcomes.involvement;
  return {
    id: 'involvement', title: 'Length of involvement',
    about: 'Whole days from request to close, this period against the same length of time before it.',
    facts: [{ title: 'This period', value: spreadWords(current) }, { title: 'The period before', value: spreadWords(previous) }],
    chart: { kind: 'Chart.VerticalBar', title: 'Median days from request to close', bars: [{ x: 'The period before', y: previous.median ?? 0 }, { x: 'This period', y: current.median ?? 0 }] },
    table: { columns: ['Period', 'Closed', 'Median', '90% within'], rows: [
      ['The period before', String(previous.closed), days(previous.median), days(previous.p90)],
      ['This period', String(current.closed), days(current.median), days(current.p90)],
    ] },
    drills: [],
  };
}

function feedback(f: ReportFigures): ReportSection {
  const b = f.feedback;
  return {
    id: 'feedback', title: 'Family feedback',
    about: 'Feedback recorded with families at a review or at closure, scored 1 to 5: numbers and averages only.',
    facts: [
      { title: 'Feedback recorded', value: String(b.count) },
      ...Object.entries(FEEDBACK_GIVERS).map(([k, label]) => ({ title: `From ${label.replace(/^The |^A /, '').toLowerCase()}`, value: String(b.byGiver[k as keyof typeof b.byGiver]) })),
      { title: 'Cases closed with no feedback', value: String(b.closedWithout) },
    ],
    chart: { kind: 'Chart.VerticalBar', title: 'Average score out of 5', bars: Object.entries(FEEDBACK_QUESTIONS).map(([k, q]) => ({ x: q, y: b.averages[k as keyof typeof b.averages] ?? 0 })) },
    table: { columns: ['Question', 'Average out of 5'], rows: Object.entries(FEEDBACK_QUESTIONS).map(([k, q]) => [q, n(b.averages[k as keyof typeof b.averages])]) },
    drills: drill('no-feedback', 'Closed with no feedback', b.closedWithoutCases),
  };
}

/** "2 Mar 2099 to 29 Mar 2099" */
export function periodWordsOf(from: string, to: string): string {
  return `${shortDate(from)} to ${shortDate(to)}`;
}
