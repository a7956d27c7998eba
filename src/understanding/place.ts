// Owns finding where a family lives in a description: a full UK postcode
// (which decides the area through the policy's outward codes) or the name of
// a configured area or one of its other names from the phrase book.
import { areaForPostcode, type Area } from '../domain/policy/areas.js';

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;

export interface PlaceFound {
  postcode: string | null;
  /** The area and the words that named it (the postcode, or a place name). */
  area: { id: string; name: string; words: string } | null;
}

export function findPostcode(text: string, areas: readonly Area[]): PlaceFound {
  const m = POSTCODE.exec(text);
  if (!m) return { postcode: null, area: null };
  const postcode = `${m[1]!.toUpperCase()} ${m[2]!.toUpperCase()}`;
  const area = areaForPostcode(postcode, areas);
  return { postcode, area: area ? { id: area.id, name: area.name, words: m[0] } : null };
}
