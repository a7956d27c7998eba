// Owns what the booking use cases are given (database, directory, clock,
// configuration) and the small helpers they share: the working calendar and
// reminder context for "now", the hub-full error, and auditing a refusal.
import type { Actor } from '../../domain/directory/actor.js';
import type { Db } from '../../store/db.js';
import type { Directory, Hub } from '../../domain/directory/schema.js';
import { findHub, findPerson } from '../../domain/directory/lookup.js';
import type { AppConfig } from '../../config/env.js';
import type { Clock } from '../clock.js';
import { UseCaseError } from '../errors.js';
import { writeAudit } from '../../store/audit-store.js';
import { reminderContext, workingCalendarFor } from '../reminders/context.js';
import type { WorkingCalendar } from '../../domain/time/working-hours.js';
import type { ReminderContext } from '../../domain/reminders/reminder-context.js';
import { publishBookingRefusal } from '../ops-events.js';

export type BookingConfig = Pick<AppConfig, 'WORKING_DAY_START_HOUR' | 'WORKING_DAY_END_HOUR' | 'DIGEST_WEEKDAY' | 'DIGEST_HOUR' | 'BOT_DOMAIN' | 'PORT'>;

export interface BookingDeps {
  db: Db;
  directory: Directory;
  clock: Clock;
  config: BookingConfig;
}

/** The person acting, as the directory knows them (the one Actor type, src/domain/directory/actor.ts). */
export type BookingActor = Actor;

export function calendarOf(deps: BookingDeps, now: Date): WorkingCalendar {
  return workingCalendarFor(deps.config, now);
}

export function remindersAt(deps: BookingDeps, now: Date): ReminderContext {
  return reminderContext(deps.config, now);
}

export function hubOrThrow(deps: BookingDeps, hubId: string): Hub {
  const hub = findHub(deps.directory, hubId);
  if (!hub) throw new UseCaseError('HUB_UNKNOWN', 'That hub is not in the directory. Choose one from the list.');
  return hub;
}

export function nameOf(deps: BookingDeps, aad: string | null | undefined): string {
  if (!aad) return 'not set';
  return findPerson(deps.directory, aad)?.displayName ?? 'someone no longer in the directory';
}

/** One other hub's places, shown when the chosen hub is full. */
export interface HubPlaces {
  hubId: string;
  hubName: string;
  weekId: string;
  placesLeft: number;
  cap: number;
}

/** The chosen hub has no place left this week: says so and carries where there are places. */
export class HubFullError extends UseCaseError {
  constructor(
    readonly hubName: string,
    readonly weekLabel: string,
    readonly cap: number,
    readonly otherHubsThisWeek: readonly HubPlaces[],
    readonly nextWeek: readonly HubPlaces[],
  ) {
    super('HUB_FULL', `${hubName} is full for the OSR week ${weekLabel}: ${cap === 1 ? 'its one place is' : `all ${cap} places are`} taken.`);
  }
}

/**
 * Runs a use case and audits a refusal (outcome 'refused', with its code) in
 * its own statement: the refused transaction itself was rolled back.
 */
export async function auditRefusals<T>(
  deps: BookingDeps, actor: BookingActor, action: string, record: { id?: string; caseRef?: string | null },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UseCaseError) {
      await writeAudit(deps.db, {
        actor: actor.aadObjectId || 'unknown', action, outcome: 'refused', recordType: 'booking',
        recordId: record.id, caseRef: record.caseRef ?? null, detail: { code: err.code },
      }, deps.clock.now());
      publishBookingRefusal({ code: err.code });
    }
    throw err;
  }
}
