// Owns every report figure (issue 15), computed from plain rows: counts,
// rates and durations only, never a family's details. Each measure is one
// function so its tests can build rows with known answers. Pure: the period,
// `now` and the services' timescales are parameters.
import type { ReportPeriod } from './period.js';
import type { BookingReportRow, CaseMention, CheckReportRow, FeedbackReportRow, HubWeekRow, ReminderReportRow, ReportRows, RequestReportRow } from './rows.js';
import { daysBetween, mean, median, percent, percentile } from './stats.js';
import { addPeriodToDate } from '../reminders/service-timescales.js';
import type { Period } from '../policy/index.js';
import { LONDON_TIME_ZONE } from '../time/london-weeks.js';
import { compareLocalDates, localDateOf, parseIsoDate } from '../time/zoned-clock.js';

export const REQUEST_STATUSES = ['submitted', 'allocated', 'started', 'in-review', 'closed', 'declined', 'withdrawn'] as const;
export type ReportStatus = (typeof REQUEST_STATUSES)[number];
export { BOOKING_TYPES as VISIT_TYPES } from '../booking/schema.js';
import { BOOKING_TYPES as VISIT_TYPES } from '../booking/schema.js';
/** Outcomes counted as a transfer from the DAT to Intervention & Planning (Barnet One Service Response protocol, 5.2). */
export const TRANSFER_OUTCOMES: readonly string[] = ['transferred-i-and-p', 'stepped-up'];
export const STEP_DOWN_OUTCOMES: readonly string[] = ['stepped-down-eha', 'stepped-down-universal-plus', 'stepped-down'];
/** Reminders that are notices, not deadlines: they are never "on time" or "overdue". */
const NOT_DEADLINES: readonly string[] = ['weekly-digest', 'joint-visit'];
/** Most bars or rows one chart shows: a longer period is grouped into blocks of weeks. */
export const MAX_CHART_POINTS = 13;

/** A service's own start timescale, from its policy pack; null when the service sets none. */
export interface ServiceTimescale { serviceId: string; name: string; startWithin: Period | null }

export interface ReportContext {
  period: ReportPeriod;
  previous: ReportPeriod;
  now: Date;
  /** Every hub, in display order, with its configured weekly cap and the service it delivers. */
  hubs: Array<{ id: string; name: string; weeklyCap: number; serviceId: string }>;
  /** The hubs whose OSR places this report counts (the scope's). */
  placeHubIds: string[];
  services: ServiceTimescale[];
}

const inPeriod = (at: Date | null, p: Pick<ReportPeriod, 'startsAt' | 'endsAt'>) => !!at && at.getTime() >= p.startsAt.getTime() && at.getTime() < p.endsAt.getTime();
/** The cases behind a figure, each once (two spellings of one reference are one case), by reference. */
function casesOf(rows: Array<{ caseId: string | null; caseRef: string | null }>): CaseMention[] {
  const byKey = new Map<string, CaseMention>();
  for (const r of rows) {
    if (!r.caseRef) continue;
    const key = r.caseId ? `id:${r.caseId}` : `ref:${r.caseRef}`;
    if (!byKey.has(key)) byKey.set(key, { caseId: r.caseId, caseRef: r.caseRef });
  }
  return [...byKey.values()].sort((a, b) => a.caseRef.localeCompare(b.caseRef) || (a.caseId ?? '').localeCompare(b.caseId ?? ''));
}
const spread = (values: number[]) => ({ median: median(values), p90: percentile(values, 90) });
export type Spread = ReturnType<typeof spread>;

// ---------------------------------------------------------------- OSR places

export interface PlacesBlock { firstWeek: string; weeks: number; used: number; cap: number }
export interface PlacesFigures {
  used: number; cap: number; usedPercent: number | null;
  hubs: Array<{ hubId: string; used: number; cap: number; fullWeeks: number }>;
  blocks: PlacesBlock[];
}

/** Places used against the cap, per hub and per week (a week with no row has the hub's configured cap and nothing used). */
export function placesFigures(rows: HubWeekRow[], ctx: Pick<ReportContext, 'period' | 'hubs' | 'placeHubIds'>): PlacesFigures {
  const placeHubs = ctx.hubs.filter((h) => ctx.placeHubIds.includes(h.id));
  const byKey = new Map(rows.map((r) => [`${r.hubId}/${r.weekId}`, r]));
  const cell = (hub: ReportContext['hubs'][number], weekId: string) => {
    const row = byKey.get(`${hub.id}/${weekId}`);
    return { used: row?.used ?? 0, cap: row?.cap ?? hub.weeklyCap };
  };
  const hubs = placeHubs.map((h) => {
    const cells = ctx.period.weeks.map((w) => cell(h, w));
    return { hubId: h.id, used: sum(cells.map((c) => c.used)), cap: sum(cells.map((c) => c.cap)), fullWeeks: cells.filter((c) => c.cap > 0 && c.used >= c.cap).length };
  });
  const size = Math.max(1, Math.ceil(ctx.period.weeks.length / MAX_CHART_POINTS));
  const blocks: PlacesBlock[] = [];
  for (let i = 0; i < ctx.period.weeks.length; i += size) {
    const weeks = ctx.period.weeks.slice(i, i + size);
    const cells = placeHubs.flatMap((h) => weeks.map((w) => cell(h, w)));
    blocks.push({ firstWeek: weeks[0]!, weeks: weeks.length, used: sum(cells.map((c) => c.used)), cap: sum(cells.map((c) => c.cap)) });
  }
  const used = sum(hubs.map((h) => h.used));
  const cap = sum(hubs.map((h) => h.cap));
  return { used, cap, usedPercent: percent(used, cap), hubs, blocks };
}

// ---------------------------------------------------------------- joint visits

export type VisitOutcome = 'completed' | 'cancelled' | 'declined' | 'open';
export interface VisitFigures {
  total: number;
  byType: Array<{ type: (typeof VISIT_TYPES)[number] } & Record<VisitOutcome, number> & { total: number }>;
  completed: number;
  ledToRequest: number;
  ledToRequestPercent: number | null;
  /** Days from the visit to the filed request. */
  daysToRequest: Spread;
  notFiledCases: CaseMention[];
}

const visitOutcome = (status: string): VisitOutcome =>
  status === 'completed' ? 'completed' : status === 'cancelled' ? 'cancelled' : status === 'declined' ? 'declined' : 'open';

/** Joint visits held (or due) in the period by type and outcome; completed visits that led to a filed request, and how fast. */
export function visitFigures(rows: BookingReportRow[], ctx: Pick<ReportContext, 'period'>): VisitFigures {
  const visits = rows.filter((b) => inPeriod(b.visitAt, ctx.period));
  const byType = VISIT_TYPES.map((type) => {
    const of = visits.filter((v) => v.visitType === type);
    const count = (o: VisitOutcome) => of.filter((v) => visitOutcome(v.status) === o).length;
    return { type, completed: count('completed'), cancelled: count('cancelled'), declined: count('declined'), open: count('open'), total: of.length };
  });
  const completed = visits.filter((v) => v.status === 'completed');
  const filed = completed.filter((v) => v.requestSubmittedAt);
  return {
    total: visits.length, byType, completed: completed.length, ledToRequest: filed.length,
    ledToRequestPercent: percent(filed.length, completed.length),
    // A request filed before the visit was agreed is linked to it by the cases feature: it answers the visit's follow-up at once (0 days), not in minus days.
    daysToRequest: spread(filed.map((v) => Math.max(0, daysBetween(v.visitAt, v.requestSubmittedAt!)))),
    notFiledCases: casesOf(completed.filter((v) => !v.requestSubmittedAt)),
  };
}

// ---------------------------------------------------------------- requests

export interface RequestFigures {
  total: number;
  byStatus: Record<ReportStatus, number>;
  byHub: Array<{ hubId: string; total: number } & Record<ReportStatus, number>>;
  services: Array<{
    serviceId: string; name: string; requests: number;
    allocated: number; daysToAllocation: Spread;
    started: number; daysToStart: Spread;
    /** null when the service sets no start timescale. */
    startWithin: Period | null; startedWithin: number; startedWithinPercent: number | null;
  }>;
  declined: number;
  declinedCases: CaseMention[];
  withdrawnByReason: Record<string, number>;
}

const statusCounts = (rows: RequestReportRow[]) =>
  Object.fromEntries(REQUEST_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<ReportStatus, number>;

/** Did support start within the service's own timescale of the request? */
function startedWithin(r: RequestReportRow, within: Period): boolean {
  if (!r.startDate) return false;
  const submitted = localDateOf(r.submittedAt, LONDON_TIME_ZONE);
  const deadline = within.unit === 'hours' ? localDateOf(new Date(r.submittedAt.getTime() + within.amount * 3_600_000), LONDON_TIME_ZONE) : addPeriodToDate(submitted, within);
  return compareLocalDates(parseIsoDate(r.startDate), deadline) <= 0;
}

/** Requests submitted in the period: by status and hub, time to allocation and to start per service, declined and withdrawn. */
export function requestFigures(rows: RequestReportRow[], ctx: Pick<ReportContext, 'period' | 'hubs' | 'services'>): RequestFigures {
  const submitted = rows.filter((r) => inPeriod(r.submittedAt, ctx.period));
  const serviceOf = new Map(ctx.hubs.map((h) => [h.id, h.serviceId]));
  const services = ctx.services.map((s) => {
    const of = submitted.filter((r) => serviceOf.get(r.hubId) === s.serviceId);
    const allocated = of.filter((r) => r.allocatedAt);
    const started = of.filter((r) => r.startDate);
    const within = s.startWithin ? started.filter((r) => startedWithin(r, s.startWithin!)).length : 0;
    return {
      serviceId: s.serviceId, name: s.name, requests: of.length,
      allocated: allocated.length, daysToAllocation: spread(allocated.map((r) => daysBetween(r.submittedAt, r.allocatedAt!))),
      started: started.length, daysToStart: spread(started.map((r) => daysBetween(r.submittedAt, r.startDate!))),
      startWithin: s.startWithin, startedWithin: within, startedWithinPercent: s.startWithin ? percent(within, started.length) : null,
    };
  }).filter((s) => s.requests > 0);
  const declined = submitted.filter((r) => r.status === 'declined');
  const withdrawnByReason: Record<string, number> = {};
  for (const r of submitted.filter((x) => x.status === 'withdrawn')) withdrawnByReason[r.endReason ?? 'other'] = (withdrawnByReason[r.endReason ?? 'other'] ?? 0) + 1;
  return {
    total: submitted.length,
    byStatus: statusCounts(submitted),
    byHub: ctx.hubs.map((h) => {
      const of = submitted.filter((r) => r.hubId === h.id);
      return { hubId: h.id, total: of.length, ...statusCounts(of) };
    }).filter((h) => h.total > 0),
    services, declined: declined.length, declinedCases: casesOf(declined), withdrawnByReason,
  };
}

// ---------------------------------------------------------------- reviews and reminders

export interface ReminderFigures {
  byCause: Array<{ cause: string; onTime: number; overdue: number }>;
  onTime: number; overdue: number; onTimePercent: number | null;
  escalations: number; undeliverable: number;
  overdueCases: CaseMention[];
}

/**
 * Deadlines due in the period (up to now): on time when the thing was done
 * before its reminder had to go (resolved, never sent); overdue when the
 * reminder went out or is still waiting past its time. One deadline (cause,
 * record, occurrence) often has a reminder for each of several people: it is
 * counted once, overdue if any of its first reminders went. Escalations are
 * deadlines whose second-step reminder went out.
 */
export function reminderFigures(rows: ReminderReportRow[], undeliverable: number, ctx: Pick<ReportContext, 'period' | 'now'>): ReminderFigures {
  const due = rows.filter((r) => inPeriod(r.dueAt, ctx.period) && r.dueAt.getTime() <= ctx.now.getTime() && !NOT_DEADLINES.includes(r.cause));
  const deadlines = new Map<string, { cause: string; caseId: string | null; caseRef: string | null; overdue: boolean; escalated: boolean; hasFirst: boolean }>();
  for (const r of due) {
    const key = `${r.cause}\u0000${r.causeId}\u0000${r.occurrence}`;
    const d = deadlines.get(key) ?? { cause: r.cause, caseId: r.caseId, caseRef: r.caseRef, overdue: false, escalated: false, hasFirst: false };
    if (r.escalation === 0) {
      d.hasFirst = true;
      if (!(r.status === 'resolved' && !r.sentAt)) d.overdue = true;
    } else if (r.sentAt) d.escalated = true;
    deadlines.set(key, d);
  }
  const counted = [...deadlines.values()].filter((d) => d.hasFirst);
  const overdue = counted.filter((d) => d.overdue);
  const causes = [...new Set(counted.map((d) => d.cause))].sort();
  return {
    byCause: causes.map((cause) => ({ cause, onTime: counted.filter((d) => d.cause === cause && !d.overdue).length, overdue: overdue.filter((d) => d.cause === cause).length })),
    onTime: counted.length - overdue.length, overdue: overdue.length, onTimePercent: percent(counted.length - overdue.length, counted.length),
    escalations: [...deadlines.values()].filter((d) => d.escalated).length,
    undeliverable,
    overdueCases: casesOf(overdue),
  };
}

// ---------------------------------------------------------------- thresholds

export interface CheckFigures {
  total: number;
  byLevel: Array<{ level: number; checks: number; up: number; down: number }>;
  overriddenUp: number; overriddenDown: number;
  /** Overrides grouped by the change made, e.g. level 2 to level 3, most frequent first. */
  changes: Array<{ from: number; to: number; count: number }>;
  overrideCases: CaseMention[];
}

/** Checks finished in the period by the level the engine suggested; overrides by direction and by change (the Right Response presentation consistency). */
export function checkFigures(rows: CheckReportRow[]): CheckFigures {
  const overrides = rows.filter((c) => c.overrideLevel !== null && c.overrideLevel !== c.level);
  const up = (c: CheckReportRow) => (c.overrideLevel ?? c.level) > c.level;
  const down = (c: CheckReportRow) => (c.overrideLevel ?? c.level) < c.level;
  const changes = new Map<string, { from: number; to: number; count: number }>();
  for (const c of overrides) {
    const k = `${c.level}>${c.overrideLevel}`;
    changes.set(k, { from: c.level, to: c.overrideLevel!, count: (changes.get(k)?.count ?? 0) + 1 });
  }
  return {
    total: rows.length,
    byLevel: [1, 2, 3, 4].map((level) => {
      const of = rows.filter((c) => c.level === level);
      return { level, checks: of.length, up: of.filter(up).length, down: of.filter(down).length };
    }),
    overriddenUp: rows.filter(up).length, overriddenDown: rows.filter(down).length,
    changes: [...changes.values()].sort((a, b) => b.count - a.count || a.from - b.from || a.to - b.to),
    overrideCases: casesOf(overrides),
  };
}

// ---------------------------------------------------------------- Barnet One Service Response protocol, 5

export interface OutcomeFigures {
  /** Requests closed in the period, OSR cases (had a joint visit) against the others. */
  osr: { closed: number; transferred: number; percent: number | null };
  other: { closed: number; transferred: number; percent: number | null };
  transferredCases: CaseMention[];
  byOutcome: Record<string, number>;
  /** Days from request to close, this period against the one before. */
  involvement: { current: { closed: number } & Spread; previous: { closed: number } & Spread };
  /** Step-downs continued by a new request in the period, and how many kept the same practitioner. */
  continuity: { continuing: number; samePractitioner: number; percent: number | null };
  steppedDown: number;
}

/** DAT → I&P transfers of OSR cases against others, length of involvement against the period before, step-down continuity (Barnet One Service Response protocol, 5.2, §3.5). */
export function outcomeFigures(rows: RequestReportRow[], ctx: Pick<ReportContext, 'period' | 'previous'>): OutcomeFigures {
  const closedIn = (p: Pick<ReportPeriod, 'startsAt' | 'endsAt'>) => rows.filter((r) => r.status === 'closed' && inPeriod(r.endedAt, p));
  const closed = closedIn(ctx.period);
  const group = (of: RequestReportRow[]) => {
    const transferred = of.filter((r) => TRANSFER_OUTCOMES.includes(r.endReason ?? '')).length;
    return { closed: of.length, transferred, percent: percent(transferred, of.length) };
  };
  const length = (of: RequestReportRow[]) => ({ closed: of.length, ...spread(of.map((r) => daysBetween(r.submittedAt, r.endedAt!))) });
  const byOutcome: Record<string, number> = {};
  for (const r of closed) byOutcome[r.endReason ?? 'other'] = (byOutcome[r.endReason ?? 'other'] ?? 0) + 1;
  const continuing = rows.filter((r) => r.continuedFromRequestId && inPeriod(r.submittedAt, ctx.period));
  const same = continuing.filter((r) => r.allocatedTo !== null && r.allocatedTo === r.continuedFromAllocatedTo).length;
  return {
    osr: group(closed.filter((r) => r.osrCase)),
    other: group(closed.filter((r) => !r.osrCase)),
    transferredCases: casesOf(closed.filter((r) => TRANSFER_OUTCOMES.includes(r.endReason ?? ''))),
    byOutcome,
    involvement: { current: length(closed), previous: length(closedIn(ctx.previous)) },
    continuity: { continuing: continuing.length, samePractitioner: same, percent: percent(same, continuing.length) },
    steppedDown: closed.filter((r) => STEP_DOWN_OUTCOMES.includes(r.endReason ?? '')).length,
  };
}

// ---------------------------------------------------------------- family feedback

export interface FeedbackFigures {
  count: number;
  byGiver: Record<FeedbackReportRow['givenBy'], number>;
  averages: { listened: number | null; helped: number | null; easyToReach: number | null };
  closedWithout: number;
  closedWithoutCases: CaseMention[];
}

/** Feedback recorded in the period: how many, from whom, average scores; cases closed in the period without any. */
export function feedbackFigures(rows: FeedbackReportRow[], requests: RequestReportRow[], ctx: Pick<ReportContext, 'period'>): FeedbackFigures {
  const without = requests.filter((r) => r.status === 'closed' && inPeriod(r.endedAt, ctx.period) && r.feedbackCount === 0);
  return {
    count: rows.length,
    byGiver: { child: rows.filter((f) => f.givenBy === 'child').length, parent: rows.filter((f) => f.givenBy === 'parent').length, carer: rows.filter((f) => f.givenBy === 'carer').length },
    averages: { listened: mean(rows.map((f) => f.listened)), helped: mean(rows.map((f) => f.helped)), easyToReach: mean(rows.map((f) => f.easyToReach)) },
    closedWithout: without.length, closedWithoutCases: casesOf(without),
  };
}

// ---------------------------------------------------------------- the whole report

export interface ReportFigures {
  places: PlacesFigures;
  visits: VisitFigures;
  requests: RequestFigures;
  reminders: ReminderFigures;
  checks: CheckFigures;
  outcomes: OutcomeFigures;
  feedback: FeedbackFigures;
}

export function reportFigures(rows: ReportRows, ctx: ReportContext): ReportFigures {
  return {
    places: placesFigures(rows.hubWeeks, ctx),
    visits: visitFigures(rows.bookings, ctx),
    requests: requestFigures(rows.requests, ctx),
    reminders: reminderFigures(rows.reminders, rows.undeliverable, ctx),
    checks: checkFigures(rows.checks),
    outcomes: outcomeFigures(rows.requests, ctx),
    feedback: feedbackFigures(rows.feedback, rows.requests, ctx),
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
