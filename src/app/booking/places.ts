// Owns reading places left per hub and week (for the hub choice, the rota
// and the hub-full answer). A read without locks: it informs people, while
// the booking itself re-counts under the hub-week lock.
import { hubWeekKey, hubWeeksIn, placesTakenIn } from '../../store/rota-store.js';
import { UseCaseError } from '../errors.js';
import { effectiveCap, placesLeft } from '../../domain/booking/capacity.js';
import type { DatTeam, Hub } from '../../domain/directory/schema.js';
import type { BookingDeps, HubPlaces } from './deps.js';

export interface HubWeekPlaces extends HubPlaces {
  hasLead: boolean;
  leadAad: string | null;
  coverAad: string | null;
  taken: number;
  capOverride: number | null;
}

export function hubsInArea(deps: BookingDeps, area: string | undefined): Hub[] {
  const hubs = deps.directory.hubs.filter((h) => !area || h.area === area);
  return hubs.length > 0 ? hubs : deps.directory.hubs;
}

/** Every hub of the area for every week asked, in directory order, week by week. */
export async function hubPlaces(deps: BookingDeps, area: string | undefined, weekIds: readonly string[]): Promise<HubWeekPlaces[]> {
  const [rows, taken] = await Promise.all([hubWeeksIn(deps.db, weekIds), placesTakenIn(deps.db, weekIds)]);
  const byKey = new Map(rows.map((r) => [hubWeekKey(r.hubId, r.weekId), r]));
  return weekIds.flatMap((weekId) => hubsInArea(deps, area).map((hub) => {
    const row = byKey.get(hubWeekKey(hub.id, weekId));
    const cap = effectiveCap(hub.weeklyCap, row?.capOverride);
    const used = taken.get(hubWeekKey(hub.id, weekId)) ?? 0;
    return {
      hubId: hub.id, hubName: hub.name, weekId, cap, taken: used, placesLeft: placesLeft(cap, used),
      hasLead: !!row?.leadAad, leadAad: row?.leadAad ?? null, coverAad: row?.coverAad ?? null, capOverride: row?.capOverride ?? null,
    };
  }));
}

export function osrTeamOf(deps: BookingDeps, datTeamId: string): DatTeam {
  const team = deps.directory.datTeams.find((t) => t.id === datTeamId);
  if (!team) throw new UseCaseError('DAT_TEAM_UNKNOWN', 'Your DAT team is not in the directory. Ask your administrator to add it.');
  return team;
}
