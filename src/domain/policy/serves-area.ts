// Owns which service packs serve which area, read from their area rules alone:
// a pack "names" an area in an area-in rule; a generic pack (an
// area-without-own-service rule) serves only areas no pack names. The check
// result, the directory check and request routing all ask the same question here.
import type { Policy } from './policy.js';
import type { ServicePack } from './service-pack.js';

export function packNamesArea(pack: ServicePack, areaId: string): boolean {
  return pack.rules.some((rule) => rule.kind === 'area-in' && rule.areas.includes(areaId));
}

/** True when some pack is the council's own for this area (names it in an area-in rule). */
export function areaHasOwnServices(policy: Pick<Policy, 'services'>, areaId: string): boolean {
  return policy.services.some((pack) => packNamesArea(pack, areaId));
}

/** Whether a pack's area rules let it serve families in this area at all. */
export function packServesArea(policy: Pick<Policy, 'services'>, pack: ServicePack, areaId: string): boolean {
  return pack.rules.every((rule) => {
    switch (rule.kind) {
      case 'area-in':
        return rule.areas.includes(areaId);
      case 'area-not-in':
        return !rule.areas.includes(areaId);
      case 'area-without-own-service':
        return !areaHasOwnServices(policy, areaId);
      default:
        return true;
    }
  });
}
