// Owns who sees which report (issue 15): administrators everything, a hub
// manager their hub, a DAT manager their team; anyone else nothing. Decided
// from the directory person only, never from card data. Also what a scope
// means for each kind of row, as plain lists the store filters by.
import type { Directory, Person } from '../directory/schema.js';
import { isAdmin, isDatManager, isRole } from '../access/roles.js';

export type ReportScope = { kind: 'all' } | { kind: 'hub'; hubId: string } | { kind: 'dat-team'; datTeamId: string };

/** The scope this person's report covers, or null when they may not see one. */
export function reportScopeFor(person: Person | undefined): ReportScope | null {
  if (!person) return null;
  if (isAdmin(person)) return { kind: 'all' };
  const { hubId, datTeamId } = person;
  if (hubId && isRole(person, 'hub-manager')) return { kind: 'hub', hubId };
  if (datTeamId && isDatManager(person)) return { kind: 'dat-team', datTeamId };
  return null;
}

/**
 * What the store filters by; null means "no filter" (everything). A DAT team
 * books joint visits with the hubs of its own area, so its OSR places are
 * those hubs'; its requests, checks and reminders are its own people's.
 */
export interface ScopeFilter {
  /** Hubs whose OSR places are counted. */
  placeHubIds: string[] | null;
  bookingHubIds: string[] | null;
  bookingDatTeamIds: string[] | null;
  requestHubIds: string[] | null;
  referrerAads: string[] | null;
  checkOwnerAads: string[] | null;
  /** Reminder recipient keys ('user=…', 'hub-manager=…', 'dat-manager=…', 'channel=…'). */
  reminderRecipients: string[] | null;
  /** Notification recipient ids (people's AAD ids and hub ids for channel cards). */
  notificationRecipients: string[] | null;
}

export function scopeFilter(directory: Directory, scope: ReportScope): ScopeFilter {
  if (scope.kind === 'all') {
    return { placeHubIds: null, bookingHubIds: null, bookingDatTeamIds: null, requestHubIds: null, referrerAads: null, checkOwnerAads: null, reminderRecipients: null, notificationRecipients: null };
  }
  if (scope.kind === 'hub') {
    const members = directory.people.filter((p) => p.hubId === scope.hubId).map((p) => p.aadObjectId);
    return {
      placeHubIds: [scope.hubId], bookingHubIds: [scope.hubId], bookingDatTeamIds: null, requestHubIds: [scope.hubId], referrerAads: null,
      checkOwnerAads: members,
      reminderRecipients: [`hub-manager=${scope.hubId}`, `channel=${scope.hubId}`, ...members.map((a) => `user=${a}`)],
      notificationRecipients: [scope.hubId, ...members],
    };
  }
  const team = directory.datTeams.find((t) => t.id === scope.datTeamId);
  const members = directory.people.filter((p) => p.datTeamId === scope.datTeamId).map((p) => p.aadObjectId);
  return {
    placeHubIds: directory.hubs.filter((h) => team && h.area === team.area).map((h) => h.id),
    bookingHubIds: null, bookingDatTeamIds: [scope.datTeamId], requestHubIds: null, referrerAads: members,
    checkOwnerAads: members,
    reminderRecipients: [`dat-manager=${scope.datTeamId}`, ...members.map((a) => `user=${a}`)],
    notificationRecipients: members,
  };
}

/** "Barnet North 0-19 Hub (demo)", "Barnet DAT Team A (demo)" or "All hubs and teams". */
export function scopeName(directory: Directory, scope: ReportScope): string {
  if (scope.kind === 'all') return 'All hubs and teams';
  if (scope.kind === 'hub') return directory.hubs.find((h) => h.id === scope.hubId)?.name ?? 'Your hub';
  return directory.datTeams.find((t) => t.id === scope.datTeamId)?.name ?? 'Your team';
}
