// Owns the checks between the directory (hubs, their postcodes and services)
// and the policy (areas, their postcodes, service packs), which neither file
// can make alone: a hub's area and service must exist, the service must serve
// that area, and the hub may only cover postcodes inside its area, so a check
// and a request never disagree about where a family lives.
import { packServesArea, type Policy } from '../policy/index.js';
import type { Directory } from './schema.js';

export function directoryProblemsAgainstPolicy(directory: Directory, policy: Policy): string[] {
  const problems: string[] = [];
  directory.hubs.forEach((hub, i) => {
    const at = `hubs.${i}`;
    const area = policy.areas.areas.find((candidate) => candidate.id === hub.area);
    if (!area) {
      problems.push(`${at}.area: unknown area "${hub.area}" (areas in the policy: ${policy.areas.areas.map((a) => a.id).join(', ')})`);
      return;
    }
    for (const prefix of hub.postcodePrefixes) {
      const letters = /^[A-Z]+/.exec(prefix)?.[0] ?? prefix;
      if (!area.outwardCodes.includes(prefix) && !area.outwardCodes.includes(letters)) {
        problems.push(`${at}.postcodePrefixes: "${prefix}" is not in ${area.name}'s postcodes in the policy areas file; a check would place the family elsewhere`);
      }
    }
    if (hub.service !== undefined) {
      const pack = policy.services.find((candidate) => candidate.id === hub.service);
      if (!pack) problems.push(`${at}.service: unknown service "${hub.service}" (no such pack in the policy)`);
      else if (!packServesArea(policy, pack, hub.area)) problems.push(`${at}.service: "${hub.service}" does not serve ${area.name}`);
    }
    if (hub.onlyWhenChosen && hub.service === undefined) problems.push(`${at}.onlyWhenChosen: a team reached only by choosing its service needs a service`);
    for (const name of hub.parentingInterventions) {
      if (!hub.interventions.includes(name)) problems.push(`${at}.parentingInterventions: "${name}" is not one of the hub's interventions`);
    }
  });
  return problems;
}
