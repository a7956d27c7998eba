// Owns routing a request to the hub that covers the family's postcode, from
// the coverage configured in the directory (each hub's postcodePrefixes; the
// longest matching prefix wins). A request for a chosen service (from a check
// result) goes only to that service's hubs; otherwise only hubs reached by
// postcode are candidates. A postcode no hub covers gets words that say what
// to do instead.
import type { Directory, Hub } from '../directory/schema.js';
import { hubForPostcode, normalisePostcode } from '../directory/lookup.js';
import { POSTCODE_MESSAGE } from './address-section.js';

export type RouteResult =
  | { ok: true; hub: Hub; postcode: string }
  | { ok: false; code: 'INVALID_POSTCODE' | 'NOT_COVERED'; message: string };

/** The service the referrer chose, by id and by the name they saw. */
export interface ChosenService { id: string; name: string }

export function routeByPostcode(directory: Directory, postcode: string, service?: ChosenService): RouteResult {
  const normalised = normalisePostcode(postcode);
  if (!normalised) return { ok: false, code: 'INVALID_POSTCODE', message: POSTCODE_MESSAGE };
  const hub = hubForPostcode(directory, normalised, service?.id);
  if (!hub) {
    const who = service ? `No ${service.name} team covers ${normalised}` : `No hub in this service covers ${normalised}`;
    return {
      ok: false,
      code: 'NOT_COVERED',
      message: `${who}. Check the postcode; if it is right, the family lives outside the areas we serve: send the request to the children's services front door of the council for that area, and ask your team manager if you are unsure. Your draft is kept.`,
    };
  }
  return { ok: true, hub, postcode: normalised };
}
