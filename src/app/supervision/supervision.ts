// Owns staff supervision for services that set a supervision timescale
// (Plymouth Early Help and Targeted Support offer, 6: "All staff should have
// supervisions every 2 months … The frequency of the supervision will be
// dependent on the level of risk in the families"). A hub manager sees their
// practitioners with the last and next supervision, records one (choosing a
// shorter interval when risk is higher, never a longer one), and the next is
// scheduled. The first reminder of a practitioner with none recorded asks the
// managers to record the last one: planFirstSupervisions runs at start-up and
// daily, so a practitioner added to the directory is picked up.
import { z } from 'zod';
import { withTransaction, type Db, type Queryable } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import { insertSupervision, latestSupervisions, staffWithOpenSupervisionReminders, type SupervisionRow } from '../../store/supervision-store.js';
import type { Directory, Hub, Person } from '../../domain/directory/schema.js';
import { findHub, findPerson } from '../../domain/directory/lookup.js';
import { isHubManager } from '../../domain/access/roles.js';
import type { Period, Policy } from '../../domain/policy/index.js';
import { planSupervisionReminders } from '../../domain/reminders/staff-supervision.js';
import { addPeriodToDate, periodWords } from '../../domain/reminders/service-timescales.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';
import { instantAt, isIsoDate, localDateOf, parseIsoDate, toIsoDate } from '../../domain/time/zoned-clock.js';
import type { FieldProblem } from '../../domain/request/field-rules.js';
import type { AppConfig } from '../../config/env.js';
import type { Clock } from '../clock.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import { reminderContext } from '../reminders/context.js';
import { resolveReminders, scheduleReminders } from '../reminders/schedule.js';
import { serviceOfHub } from '../request/form-context.js';

export const SUPERVISION_CAUSE = 'staff-supervision';

export interface SupervisionDeps { db: Db; directory: Directory; policy: Policy; clock: Clock; config: Pick<AppConfig, 'WORKING_DAY_START_HOUR' | 'WORKING_DAY_END_HOUR' | 'DIGEST_WEEKDAY' | 'DIGEST_HOUR'> }

/** The service's supervision interval for a hub's staff, or undefined when its service sets none. */
export function supervisionIntervalOf(policy: Policy, hub: Hub | undefined): Period | undefined {
  return serviceOfHub(policy, hub)?.timescales.find((t) => t.event === 'staff-supervision')?.period;
}

/** Intervals a manager may choose: the service's own, and shorter ones for higher-risk caseloads. */
export function intervalChoices(max: Period): Period[] {
  const shorter: Period[] = max.unit === 'months' && max.amount >= 2 ? [{ amount: 4, unit: 'weeks' }, { amount: 6, unit: 'weeks' }] : [];
  return [...shorter, max];
}

export interface SupervisedPractitioner { person: Person; last: SupervisionRow | undefined; nextDueOn: string | undefined }

export interface SupervisionOverview { hub: Hub; every: Period; practitioners: SupervisedPractitioner[] }

async function managedSupervisionHub(deps: SupervisionDeps, actorId: string, action: string): Promise<{ hub: Hub; every: Period }> {
  const person = findPerson(deps.directory, actorId);
  const hub = person?.hubId && isHubManager(person, person.hubId) ? findHub(deps.directory, person.hubId) : undefined;
  if (!hub) {
    await writeAudit(deps.db, { actor: actorId || 'anonymous', action, outcome: 'refused', recordType: 'hub', detail: { reason: 'not-hub-manager' } }, deps.clock.now());
    throw new AccessDeniedError('NOT_A_HUB_MANAGER', 'Staff supervision is recorded by hub team managers for the practitioners in their hub.');
  }
  const every = supervisionIntervalOf(deps.policy, hub);
  if (!every) throw new UseCaseError('NO_SUPERVISION_TIMESCALE', `${hub.name}'s service sets no supervision timescale, so supervision is not tracked here.`);
  return { hub, every };
}

const practitionersOf = (directory: Directory, hubId: string) => directory.people.filter((p) => p.hubId === hubId && p.roles.includes('hub-practitioner'));

const periodOf = (row: SupervisionRow): Period => ({ amount: row.every_amount, unit: row.every_unit });

export async function supervisionOverview(deps: SupervisionDeps, actorId: string): Promise<SupervisionOverview> {
  const { hub, every } = await managedSupervisionHub(deps, actorId, 'supervision.view');
  const people = practitionersOf(deps.directory, hub.id);
  const latest = await latestSupervisions(deps.db, people.map((p) => p.aadObjectId));
  return {
    hub, every,
    practitioners: people.map((person) => {
      const last = latest.get(person.aadObjectId);
      return { person, last, nextDueOn: last ? toIsoDate(addPeriodToDate(parseIsoDate(last.held_on), periodOf(last))) : undefined };
    }),
  };
}

const RecordInput = z.object({
  supervisionKey: z.string().uuid('That button came from an older card: type "supervision" to open it again.'),
  practitioner: z.string().min(1, 'Choose the practitioner'),
  heldOn: z.string().refine(isIsoDate, 'Enter the date the supervision was held, for example 2026-03-02'),
  every: z.string().regex(/^\d{1,2}-(weeks|months)$/, 'Choose when the next supervision is due'),
});

export type RecordOutcome = { kind: 'done'; practitioner: Person; nextDueOn: string; created: boolean } | { kind: 'invalid'; problems: FieldProblem[] };

export async function recordSupervision(deps: SupervisionDeps, actorId: string, raw: Record<string, unknown>): Promise<RecordOutcome> {
  const { hub, every: max } = await managedSupervisionHub(deps, actorId, 'supervision.record');
  const parsed = RecordInput.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', problems: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message })) };
  const { practitioner: staffAad, heldOn, supervisionKey } = parsed.data;
  const person = practitionersOf(deps.directory, hub.id).find((p) => p.aadObjectId === staffAad);
  if (!person) return { kind: 'invalid', problems: [{ field: 'practitioner', message: `Choose a practitioner of ${hub.name}` }] };
  const [amount, unit] = parsed.data.every.split('-') as [string, 'weeks' | 'months'];
  const every: Period = { amount: Number(amount), unit };
  if (!intervalChoices(max).some((p) => p.amount === every.amount && p.unit === every.unit)) {
    return { kind: 'invalid', problems: [{ field: 'every', message: `The next supervision must be due within ${periodWords(max)}` }] };
  }
  const now = deps.clock.now();
  if (heldOn > toIsoDate(localDateOf(now, LONDON_TIME_ZONE))) return { kind: 'invalid', problems: [{ field: 'heldOn', message: "The supervision date can't be in the future" }] };
  const created = await withTransaction(deps.db, (tx) => saveSupervision(tx, deps, { key: supervisionKey, person, hub, heldOn, every, by: actorId, now }));
  return { kind: 'done', practitioner: person, nextDueOn: toIsoDate(addPeriodToDate(parseIsoDate(heldOn), every)), created };
}

/** Writes the supervision, resolves the practitioner's open reminders and schedules the next; false when the key was already used. */
async function saveSupervision(tx: Queryable, deps: SupervisionDeps, s: { key: string; person: Person; hub: Hub; heldOn: string; every: Period; by: string; now: Date }): Promise<boolean> {
  const { created } = await insertSupervision(tx, { key: s.key, staffAad: s.person.aadObjectId, hubId: s.hub.id, heldOn: s.heldOn, every: s.every, by: s.by, at: s.now });
  if (!created) return false;
  await resolveReminders(tx, SUPERVISION_CAUSE, s.person.aadObjectId, { outcome: 'supervision-held', by: s.by, detail: { heldOn: s.heldOn } });
  await scheduleReminders(tx, planSupervisionReminders({
    staffAadId: s.person.aadObjectId, hubId: s.hub.id,
    last: { heldOn: instantAt(parseIsoDate(s.heldOn), deps.config.WORKING_DAY_START_HOUR, 0, LONDON_TIME_ZONE), every: s.every },
  }, reminderContext(deps.config, s.now)));
  await writeAudit(tx, { actor: s.by, action: 'supervision.record', recordType: 'staff', recordId: s.person.aadObjectId, after: { heldOn: s.heldOn, every: periodWords(s.every), hubId: s.hub.id } }, s.now);
  return true;
}

/** Done on a supervision reminder records the supervision on the date given, at the service's own interval. */
export async function supervisionHeldFromReminder(tx: Queryable, deps: SupervisionDeps, reminder: { cause_id: string; occurrence: string; id: string }, heldOn: string, by: string): Promise<void> {
  // The practitioner's own "overdue" copy is for their information: only a manager records the supervision.
  if (reminder.occurrence.startsWith('overdue-')) return;
  const person = findPerson(deps.directory, reminder.cause_id);
  const hub = person?.hubId ? findHub(deps.directory, person.hubId) : undefined;
  const every = supervisionIntervalOf(deps.policy, hub);
  if (!person || !hub || !every) return;
  await saveSupervision(tx, deps, { key: `reminder-${reminder.id}`, person, hub, heldOn, every, by, now: deps.clock.now() });
}

/**
 * Every practitioner of a hub whose service sets a supervision timescale, with
 * no supervision recorded and no open supervision reminder, gets the first one:
 * "record the last supervision". Returns how many were planned.
 */
export async function planFirstSupervisions(deps: SupervisionDeps): Promise<number> {
  const supervised = deps.directory.people.filter((p) => p.roles.includes('hub-practitioner') && p.hubId && supervisionIntervalOf(deps.policy, findHub(deps.directory, p.hubId)));
  if (supervised.length === 0) return 0;
  return withTransaction(deps.db, async (tx) => {
    const latest = await latestSupervisions(tx, supervised.map((p) => p.aadObjectId));
    const busy = await staffWithOpenSupervisionReminders(tx, SUPERVISION_CAUSE, supervised.map((p) => p.aadObjectId));
    const ctx = reminderContext(deps.config, deps.clock.now());
    const planned = supervised
      .filter((p) => !latest.has(p.aadObjectId) && !busy.has(p.aadObjectId))
      .flatMap((p) => planSupervisionReminders({ staffAadId: p.aadObjectId, hubId: p.hubId!, last: null }, ctx));
    return (await scheduleReminders(tx, planned)).scheduled.length;
  });
}
