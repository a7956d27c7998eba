// Owns routing a request to the hub that covers the family's postcode, from
// the coverage configured in the directory (each hub's postcodePrefixes; the
// longest matching prefix wins). A postcode no hub covers gets words that say
// what to do instead.
import type { Directory, Hub } from '../directory/schema.js';
import { hubForPostcode, normalisePostcode } from '../directory/lookup.js';
import { POSTCODE_MESSAGE } from './address-section.js';

export type RouteResult =
  | { ok: true; hub: Hub; postcode: string }
  | { ok: false; code: 'INVALID_POSTCODE' | 'NOT_COVERED'; message: string };

export function routeByPostcode(directory: Directory, postcode: string): RouteResult {
  const normalised = normalisePostcode(postcode);
  if (!normalised) return { ok: false, code: 'INVALID_POSTCODE', message: POSTCODE_MESSAGE };
  const hub = hubForPostcode(directory, normalised);
  if (!hub) {
    return {
      ok: false,
      code: 'NOT_COVERED',
      message: `No hub in this service covers ${normalised}. Check the postcode; if it is right, the family lives outside the areas we serve: send the request to the children's services front door of the council for that area, and ask your team manager if you are unsure. Your draft is kept.`,
    };
  }
  return { ok: true, hub, postcode: normalised };
}
