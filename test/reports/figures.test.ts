// Every report figure from hand-made rows with known answers (issue 15):
// the period, the statistics, each measure, who sees which scope, and the
// CSV lines made from the same sections as the card.
import { describe, expect, it } from 'vitest';
import { choosePeriod, previousMonth, previousPeriod, standardPeriod } from '../../src/domain/reports/period.js';
import { daysBetween, mean, median, percent, percentile } from '../../src/domain/reports/stats.js';
import { checkFigures, feedbackFigures, outcomeFigures, placesFigures, reminderFigures, reportFigures, requestFigures, visitFigures, type ReportContext } from '../../src/domain/reports/figures.js';
import type { BookingReportRow, RequestReportRow, ReminderReportRow } from '../../src/domain/reports/rows.js';
import { reportScopeFor, scopeFilter } from '../../src/domain/reports/scope.js';
import { reportSections } from '../../src/domain/reports/sections.js';
import { reportCsvLines } from '../../src/domain/reports/csv.js';
import type { Directory, Person } from '../../src/domain/directory/schema.js';

const NOW = new Date('2099-03-02T10:00:00Z'); // Monday 2 March 2099, GMT
const period = standardPeriod('4w', NOW);
const previous = previousPeriod(period);
const at = (iso: string) => new Date(iso);
const refs = (cases: Array<{ caseRef: string }>) => cases.map((c) => c.caseRef);

describe('the period', () => {
  it('is four London weeks up to today, the period before has the same length, and custom dates are checked', () => {
    expect({ from: period.from, to: period.to, weeks: period.weeks }).toEqual({ from: '2099-02-09', to: '2099-03-02', weeks: ['2099-W07', '2099-W08', '2099-W09', '2099-W10'] });
    expect(period.startsAt.toISOString()).toBe('2099-02-09T00:00:00.000Z');
    expect(period.endsAt.toISOString()).toBe('2099-03-03T00:00:00.000Z');
    expect({ from: previous.from, to: previous.to }).toEqual({ from: '2099-01-18', to: '2099-02-08' });
    expect(standardPeriod('52w', NOW).weeks).toHaveLength(52);
    expect(choosePeriod({ period: 'custom', from: '2099-03-01', to: '2099-02-01' }, NOW)).toEqual({ ok: false, problems: [{ field: 'to', message: 'The last date must be on or after the first date' }] });
    expect(choosePeriod({ period: 'custom', from: '1 March', to: '2099-03-09' }, NOW)).toEqual({ ok: false, problems: [
      { field: 'from', message: 'Enter the first date as a date, for example 2026-03-02' }, { field: 'to', message: "The last date can't be in the future" }] });
    expect(choosePeriod({ period: 'custom', from: '', to: '' }, NOW)).toMatchObject({ ok: false, problems: [{ field: 'from', message: 'Enter the first date' }, { field: 'to', message: 'Enter the last date' }] });
    expect(choosePeriod({ period: 'custom', from: '2096-01-01', to: '2099-03-01' }, NOW)).toEqual({ ok: false, problems: [{ field: 'to', message: 'Choose a period of two years or less' }] });
    expect(choosePeriod({ period: 'fortnight' }, NOW)).toEqual({ ok: false, problems: [{ field: 'period', message: 'Choose a period from the list' }] });
    const custom = choosePeriod({ period: 'custom', from: '2099-01-05', to: '2099-01-11' }, NOW);
    expect(custom.ok && { from: custom.period.from, to: custom.period.to, weeks: custom.period.weeks }).toEqual({ from: '2099-01-05', to: '2099-01-11', weeks: ['2099-W02'] });
    const month = previousMonth(NOW);
    expect({ month: month.month, from: month.from, to: month.to }).toEqual({ month: '2099-02', from: '2099-02-01', to: '2099-02-28' });
  });
});

describe('statistics', () => {
  it('uses the nearest rank, whole percent and London days', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 1, 7], 90)).toBe(10);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
    expect(mean([5, 4, 4])).toBe(4.3);
    // 23:30 on 28 March (GMT) to 00:30 on 30 March (BST): two London days.
    expect(daysBetween(at('2099-03-28T23:30:00Z'), at('2099-03-29T23:30:00Z'))).toBe(2);
    expect(daysBetween(at('2099-03-02T10:00:00Z'), '2099-03-30')).toBe(28);
  });
});

const HUBS: ReportContext['hubs'] = [
  { id: 'north', name: 'North Hub', weeklyCap: 3, serviceId: 'home-start' },
  { id: 'south', name: 'South Hub', weeklyCap: 3, serviceId: 'barnet' },
];
const SERVICES: ReportContext['services'] = [
  { serviceId: 'home-start', name: 'Home-Start', startWithin: { amount: 4, unit: 'weeks' } },
  { serviceId: 'barnet', name: 'Barnet 0–19', startWithin: null },
];
const ctx: ReportContext = { period, previous, now: NOW, hubs: HUBS, placeHubIds: ['north', 'south'], services: SERVICES };

describe('OSR places', () => {
  it('counts places used against each week\'s cap, the hub\'s own where a week was never set up', () => {
    const f = placesFigures([
      { hubId: 'north', weekId: '2099-W07', cap: 2, used: 2 },
      { hubId: 'north', weekId: '2099-W09', cap: null, used: 1 },
      { hubId: 'south', weekId: '2099-W10', cap: 4, used: 4 },
    ], ctx);
    expect(f.hubs).toEqual([{ hubId: 'north', used: 3, cap: 11, fullWeeks: 1 }, { hubId: 'south', used: 4, cap: 13, fullWeeks: 1 }]);
    expect({ used: f.used, cap: f.cap, usedPercent: f.usedPercent }).toEqual({ used: 7, cap: 24, usedPercent: 29 });
    expect(f.blocks).toEqual([
      { firstWeek: '2099-W07', weeks: 1, used: 2, cap: 5 }, { firstWeek: '2099-W08', weeks: 1, used: 0, cap: 6 },
      { firstWeek: '2099-W09', weeks: 1, used: 1, cap: 6 }, { firstWeek: '2099-W10', weeks: 1, used: 4, cap: 7 },
    ]);
    const hubOnly = placesFigures([], { ...ctx, placeHubIds: ['south'] });
    expect(hubOnly.hubs.map((h) => h.hubId)).toEqual(['south']);
    const year = placesFigures([], { ...ctx, period: standardPeriod('52w', NOW) });
    expect(year.blocks).toHaveLength(13);
    expect(year.blocks.every((b) => b.weeks === 4 && b.cap === 24)).toBe(true);
  });
});

const booking = (o: Partial<BookingReportRow>): BookingReportRow => ({ id: 'b', caseId: null, caseRef: 'C', hubId: 'north', datTeamId: 'dat-a', visitType: 'home-visit', status: 'completed', visitAt: at('2099-02-10T10:00:00Z'), requestSubmittedAt: null, ...o });

describe('joint visits', () => {
  it('counts visits in the period by type and outcome, and those that led to a request and how fast', () => {
    const f = visitFigures([
      booking({ caseRef: 'V1', requestSubmittedAt: at('2099-02-12T09:00:00Z') }),
      booking({ caseRef: 'V2', requestSubmittedAt: at('2099-02-20T09:00:00Z') }),
      booking({ caseRef: 'V3' }),
      booking({ caseRef: 'V4', visitType: 'virtual-visit', status: 'cancelled' }),
      booking({ caseRef: 'V5', visitType: 'consultation', status: 'accepted' }),
      booking({ caseRef: 'V6', visitType: 'consultation', status: 'declined' }),
      booking({ caseRef: 'OLD', visitAt: at('2099-02-08T23:59:00Z') }),
    ], ctx);
    expect(f.total).toBe(6);
    expect(f.byType).toEqual([
      { type: 'home-visit', completed: 3, cancelled: 0, declined: 0, open: 0, total: 3 },
      { type: 'virtual-visit', completed: 0, cancelled: 1, declined: 0, open: 0, total: 1 },
      { type: 'consultation', completed: 0, cancelled: 0, declined: 1, open: 1, total: 2 },
    ]);
    expect({ completed: f.completed, ledToRequest: f.ledToRequest, ledToRequestPercent: f.ledToRequestPercent }).toEqual({ completed: 3, ledToRequest: 2, ledToRequestPercent: 67 });
    expect(f.daysToRequest).toEqual({ median: 2, p90: 10 });
    // A request filed before the visit and linked to it (the cases feature) followed it at once, not in minus days.
    const early = visitFigures([booking({ caseRef: 'E1', requestSubmittedAt: at('2099-02-05T10:00:00Z') })], ctx);
    expect({ ledToRequest: early.ledToRequest, daysToRequest: early.daysToRequest }).toEqual({ ledToRequest: 1, daysToRequest: { median: 0, p90: 0 } });
    expect(refs(f.notFiledCases)).toEqual(['V3']);
  });
});

const request = (o: Partial<RequestReportRow>): RequestReportRow => ({
  id: 'r', caseId: null, caseRef: 'R', hubId: 'north', status: 'submitted', submittedAt: at('2099-02-10T10:00:00Z'), allocatedAt: null, startDate: null, endedAt: null, endReason: null,
  allocatedTo: null, continuedFromRequestId: null, continuedFromAllocatedTo: null, osrCase: false, feedbackCount: 0, ...o,
});

describe('requests', () => {
  it('counts requests by status and hub, times to allocation and start against each service\'s timescale, declined and withdrawn', () => {
    const f = requestFigures([
      request({ caseRef: 'A', status: 'submitted' }),
      request({ caseRef: 'B', status: 'started', allocatedAt: at('2099-02-11T10:00:00Z'), startDate: '2099-03-01' }), // 19 days: within 4 weeks
      request({ caseRef: 'C', status: 'closed', allocatedAt: at('2099-02-13T10:00:00Z'), startDate: '2099-02-14' }), // 4 days
      request({ caseRef: 'D', status: 'declined' }),
      request({ caseRef: 'E', hubId: 'south', status: 'withdrawn', endReason: 'consent-withdrawn' }),
      request({ caseRef: 'F', hubId: 'south', status: 'allocated', allocatedAt: at('2099-02-20T10:00:00Z') }),
      request({ caseRef: 'LATE', status: 'started', submittedAt: at('2099-01-01T10:00:00Z'), startDate: '2099-02-20' }),
    ], ctx);
    expect(f.total).toBe(6);
    expect(f.byStatus).toEqual({ submitted: 1, allocated: 1, started: 1, 'in-review': 0, closed: 1, declined: 1, withdrawn: 1 });
    expect(f.byHub).toEqual([
      { hubId: 'north', total: 4, submitted: 1, allocated: 0, started: 1, 'in-review': 0, closed: 1, declined: 1, withdrawn: 0 },
      { hubId: 'south', total: 2, submitted: 0, allocated: 1, started: 0, 'in-review': 0, closed: 0, declined: 0, withdrawn: 1 },
    ]);
    expect(f.services).toEqual([
      { serviceId: 'home-start', name: 'Home-Start', requests: 4, allocated: 2, daysToAllocation: { median: 1, p90: 3 }, started: 2, daysToStart: { median: 4, p90: 19 },
        startWithin: { amount: 4, unit: 'weeks' }, startedWithin: 2, startedWithinPercent: 100 },
      { serviceId: 'barnet', name: 'Barnet 0–19', requests: 2, allocated: 1, daysToAllocation: { median: 10, p90: 10 }, started: 0, daysToStart: { median: null, p90: null },
        startWithin: null, startedWithin: 0, startedWithinPercent: null },
    ]);
    expect({ declined: f.declined, refs: refs(f.declinedCases), withdrawn: f.withdrawnByReason }).toEqual({ declined: 1, refs: ['D'], withdrawn: { 'consent-withdrawn': 1 } });
  });

  it('counts a start one day past the service\'s timescale as late', () => {
    const f = requestFigures([request({ status: 'started', startDate: '2099-03-11' }), request({ status: 'started', startDate: '2099-03-10' })], ctx);
    expect(f.services[0]).toMatchObject({ started: 2, startedWithin: 1, startedWithinPercent: 50 });
  });
});

const reminder = (o: Partial<ReminderReportRow>): ReminderReportRow => ({
  cause: 'plan-review', causeId: o.caseRef ?? 'M', occurrence: 'once', caseId: null, caseRef: 'M', dueAt: at('2099-02-20T09:00:00Z'), status: 'resolved', escalation: 0, sentAt: null, ...o,
});

describe('reviews and reminders', () => {
  it('counts deadlines due so far in the period as on time or overdue, escalations and undeliverable messages', () => {
    const f = reminderFigures([
      // One deadline, a reminder each for the practitioner and the manager: counted once.
      reminder({ caseRef: 'M1' }),
      reminder({ caseRef: 'M1' }),
      reminder({ caseRef: 'M2', status: 'sent', sentAt: at('2099-02-20T09:00:00Z') }),
      reminder({ caseRef: 'M2', status: 'sent', sentAt: at('2099-02-20T09:00:00Z') }),
      // The same case's next review is another deadline.
      reminder({ caseRef: 'M2', occurrence: 'review-2', dueAt: at('2099-02-27T09:00:00Z') }),
      reminder({ caseRef: 'M3', cause: 'support-not-started', status: 'resolved', sentAt: at('2099-02-20T09:00:00Z') }),
      reminder({ caseRef: 'M4', cause: 'support-not-started', status: 'pending' }),
      reminder({ caseRef: 'M4', cause: 'support-not-started', status: 'sent', escalation: 1, sentAt: at('2099-02-21T09:00:00Z') }),
      reminder({ cause: 'weekly-digest', status: 'sent', sentAt: at('2099-02-20T09:00:00Z') }),
      reminder({ caseRef: 'FUTURE', dueAt: at('2099-03-02T15:00:00Z'), status: 'pending' }),
      reminder({ caseRef: 'BEFORE', dueAt: at('2099-02-01T09:00:00Z'), status: 'sent', sentAt: at('2099-02-01T09:00:00Z') }),
    ], 2, ctx);
    expect(f.byCause).toEqual([{ cause: 'plan-review', onTime: 2, overdue: 1 }, { cause: 'support-not-started', onTime: 0, overdue: 2 }]);
    expect({ onTime: f.onTime, overdue: f.overdue, onTimePercent: f.onTimePercent, escalations: f.escalations, undeliverable: f.undeliverable })
      .toEqual({ onTime: 2, overdue: 3, onTimePercent: 40, escalations: 1, undeliverable: 2 });
    expect(refs(f.overdueCases)).toEqual(['M2', 'M3', 'M4']);
  });
});

describe('threshold checks', () => {
  it('counts checks by suggested level and overrides by direction and change', () => {
    const f = checkFigures([
      { caseId: null, caseRef: 'K1', level: 2, overrideLevel: null },
      { caseId: null, caseRef: 'K2', level: 2, overrideLevel: 3 },
      { caseId: null, caseRef: 'K3', level: 2, overrideLevel: 3 },
      { caseId: null, caseRef: 'K4', level: 3, overrideLevel: 2 },
      { caseId: null, caseRef: 'K5', level: 1, overrideLevel: 1 },
      { caseId: null, caseRef: null, level: 4, overrideLevel: null },
    ]);
    expect(f.total).toBe(6);
    expect(f.byLevel).toEqual([{ level: 1, checks: 1, up: 0, down: 0 }, { level: 2, checks: 3, up: 2, down: 0 }, { level: 3, checks: 1, up: 0, down: 1 }, { level: 4, checks: 1, up: 0, down: 0 }]);
    expect({ up: f.overriddenUp, down: f.overriddenDown }).toEqual({ up: 2, down: 1 });
    expect(f.changes).toEqual([{ from: 2, to: 3, count: 2 }, { from: 3, to: 2, count: 1 }]);
    expect(refs(f.overrideCases)).toEqual(['K2', 'K3', 'K4']);
  });
});

describe('the cases behind a figure', () => {
  it('are cases, not references as typed: two spellings of one case are listed once, one reference in two areas twice', () => {
    const f = checkFigures([
      { caseId: 'case-1', caseRef: 'LCS-204518', level: 2, overrideLevel: 3 },
      { caseId: 'case-1', caseRef: 'LCS 204518', level: 2, overrideLevel: 3 },
      { caseId: 'case-2', caseRef: 'LCS-204518', level: 3, overrideLevel: 2 },
    ]);
    expect(f.overrideCases).toEqual([{ caseId: 'case-1', caseRef: 'LCS-204518' }, { caseId: 'case-2', caseRef: 'LCS-204518' }]);
  });
});

describe('the seed 004 measures', () => {
  it('compares transfers of OSR cases with others, involvement with the period before, and step-down continuity', () => {
    const closed = (o: Partial<RequestReportRow>) => request({ status: 'closed', endedAt: at('2099-02-25T10:00:00Z'), ...o });
    const rows = [
      closed({ caseRef: 'O1', osrCase: true, endReason: 'transferred-i-and-p', submittedAt: at('2099-02-15T10:00:00Z') }), // 10 days
      closed({ caseRef: 'O2', osrCase: true, endReason: 'needs-met', submittedAt: at('2099-02-05T10:00:00Z') }), // 20 days
      closed({ caseRef: 'O3', osrCase: true, endReason: 'stepped-down-eha', submittedAt: at('2099-01-26T10:00:00Z'), allocatedTo: 'p1' }), // 30 days
      closed({ caseRef: 'X1', endReason: 'stepped-up', submittedAt: at('2099-01-16T10:00:00Z') }), // 40 days
      closed({ caseRef: 'X2', endReason: 'transferred-i-and-p', submittedAt: at('2099-01-06T10:00:00Z') }), // 50 days
      closed({ caseRef: 'X3', endReason: 'stepped-down-universal-plus', submittedAt: at('2099-02-15T10:00:00Z'), allocatedTo: 'p2' }), // 10 days
      closed({ caseRef: 'X4', endReason: 'moved-away', submittedAt: at('2099-02-24T10:00:00Z') }), // 1 day
      // Closed in the period before: 60 and 70 days.
      closed({ caseRef: 'P1', endedAt: at('2099-02-01T10:00:00Z'), submittedAt: at('2098-12-03T10:00:00Z') }),
      closed({ caseRef: 'P2', endedAt: at('2099-02-01T10:00:00Z'), submittedAt: at('2098-11-23T10:00:00Z') }),
      // Withdrawn, not closed: not a transfer.
      request({ caseRef: 'W1', status: 'withdrawn', endReason: 'other', endedAt: at('2099-02-25T10:00:00Z') }),
      // Step-downs continued in the period: one kept the practitioner, one did not, one is not yet allocated.
      request({ caseRef: 'O3', continuedFromRequestId: 'o3', allocatedTo: 'p1', continuedFromAllocatedTo: 'p1' }),
      request({ caseRef: 'X3', continuedFromRequestId: 'x3', allocatedTo: 'p9', continuedFromAllocatedTo: 'p2' }),
      request({ caseRef: 'Z9', continuedFromRequestId: 'z9', allocatedTo: null, continuedFromAllocatedTo: 'p3' }),
    ];
    const f = outcomeFigures(rows, ctx);
    expect(f.osr).toEqual({ closed: 3, transferred: 1, percent: 33 });
    expect(f.other).toEqual({ closed: 4, transferred: 2, percent: 50 });
    expect(refs(f.transferredCases)).toEqual(['O1', 'X1', 'X2']);
    expect(f.byOutcome).toEqual({ 'transferred-i-and-p': 2, 'needs-met': 1, 'stepped-down-eha': 1, 'stepped-up': 1, 'stepped-down-universal-plus': 1, 'moved-away': 1 });
    expect(f.involvement).toEqual({ current: { closed: 7, median: 20, p90: 50 }, previous: { closed: 2, median: 60, p90: 70 } });
    expect(f.continuity).toEqual({ continuing: 3, samePractitioner: 1, percent: 33 });
    expect(f.steppedDown).toBe(2);
  });
});

describe('family feedback', () => {
  it('counts feedback, by whom, average scores, and cases closed without any', () => {
    const f = feedbackFigures([
      { givenBy: 'parent', listened: 5, helped: 4, easyToReach: 3 },
      { givenBy: 'parent', listened: 4, helped: 4, easyToReach: 2 },
      { givenBy: 'child', listened: 3, helped: 5, easyToReach: 2 },
    ], [
      request({ caseRef: 'F1', status: 'closed', endedAt: at('2099-02-25T10:00:00Z'), feedbackCount: 1 }),
      request({ caseRef: 'F2', status: 'closed', endedAt: at('2099-02-25T10:00:00Z'), feedbackCount: 0 }),
      request({ caseRef: 'F3', status: 'closed', endedAt: at('2099-01-25T10:00:00Z'), feedbackCount: 0 }),
    ], ctx);
    expect(f).toEqual({ count: 3, byGiver: { child: 1, parent: 2, carer: 0 }, averages: { listened: 4, helped: 4.3, easyToReach: 2.3 }, closedWithout: 1, closedWithoutCases: [{ caseId: null, caseRef: 'F2' }] });
  });
});

const person = (p: Partial<Person>): Person => ({ aadObjectId: 'x', displayName: 'X', roles: ['social-worker'], ...p });
const DIRECTORY: Directory = {
  tenantId: 't',
  hubs: [
    { id: 'north', name: 'North Hub', area: 'barnet', postcodePrefixes: ['N11'], weeklyCap: 3, interventions: [], onlyWhenChosen: false, parentingInterventions: [] },
    { id: 'plym', name: 'Plymouth Hub', area: 'plymouth', postcodePrefixes: ['PL4'], weeklyCap: 3, interventions: [], onlyWhenChosen: false, parentingInterventions: [] },
  ],
  datTeams: [{ id: 'dat-a', name: 'DAT A', area: 'barnet' }],
  people: [
    person({ aadObjectId: 'hm', roles: ['hub-manager'], hubId: 'north' }),
    person({ aadObjectId: 'hp', roles: ['hub-practitioner'], hubId: 'north' }),
    person({ aadObjectId: 'dm', roles: ['dat-manager'], datTeamId: 'dat-a' }),
    person({ aadObjectId: 'sw', roles: ['social-worker'], datTeamId: 'dat-a' }),
  ],
};

describe('who sees which report', () => {
  it('gives administrators everything, hub managers their hub, DAT managers their team, and nobody else a report', () => {
    expect(reportScopeFor(person({ roles: ['admin'] }))).toEqual({ kind: 'all' });
    expect(reportScopeFor(DIRECTORY.people[0])).toEqual({ kind: 'hub', hubId: 'north' });
    expect(reportScopeFor(DIRECTORY.people[2])).toEqual({ kind: 'dat-team', datTeamId: 'dat-a' });
    expect(reportScopeFor(DIRECTORY.people[1])).toBeNull();
    expect(reportScopeFor(DIRECTORY.people[3])).toBeNull();
    expect(reportScopeFor(undefined)).toBeNull();

    expect(scopeFilter(DIRECTORY, { kind: 'hub', hubId: 'north' })).toEqual({
      placeHubIds: ['north'], bookingHubIds: ['north'], bookingDatTeamIds: null, requestHubIds: ['north'], referrerAads: null, checkOwnerAads: ['hm', 'hp'],
      reminderRecipients: ['hub-manager=north', 'channel=north', 'user=hm', 'user=hp'], notificationRecipients: ['north', 'hm', 'hp'],
    });
    expect(scopeFilter(DIRECTORY, { kind: 'dat-team', datTeamId: 'dat-a' })).toEqual({
      placeHubIds: ['north'], bookingHubIds: null, bookingDatTeamIds: ['dat-a'], requestHubIds: null, referrerAads: ['dm', 'sw'], checkOwnerAads: ['dm', 'sw'],
      reminderRecipients: ['dat-manager=dat-a', 'user=dm', 'user=sw'], notificationRecipients: ['dm', 'sw'],
    });
  });
});

describe('sections and CSV', () => {
  it('puts every fact and table cell of every section in the CSV, and no case reference', () => {
    const rows = { hubWeeks: [], bookings: [booking({ caseRef: 'SECRET-REF' })], requests: [request({ caseRef: 'SECRET-REF', status: 'declined' })], reminders: [], undeliverable: 0, checks: [], feedback: [] };
    const sections = reportSections(reportFigures(rows, ctx), { hubName: (id) => HUBS.find((h) => h.id === id)!.name });
    expect(sections.map((s) => s.chart.kind)).toEqual(['Chart.Line', 'Chart.VerticalBar', 'Chart.Donut', 'Chart.VerticalBar', 'Chart.Gauge', 'Chart.VerticalBar', 'Chart.VerticalBar', 'Chart.VerticalBar', 'Chart.VerticalBar']);
    const lines = reportCsvLines({ scope: 'North Hub', from: period.from, to: period.to }, sections);
    for (const s of sections) {
      for (const f of s.facts) expect(lines).toContainEqual(['North Hub', period.from, period.to, s.title, f.title, '', f.value]);
      for (const row of s.table.rows) for (let i = 1; i < row.length; i += 1) expect(lines).toContainEqual(['North Hub', period.from, period.to, s.title, row[0], s.table.columns[i], row[i]]);
    }
    expect(JSON.stringify(lines)).not.toContain('SECRET-REF');
    expect(sections.find((s) => s.id === 'requests')!.drills).toEqual([{ measure: 'declined', title: 'Declined requests (1)', cases: [{ caseId: null, caseRef: 'SECRET-REF' }] }]);
  });
});
