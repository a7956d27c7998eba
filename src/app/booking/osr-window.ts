// Owns one question other journeys ask of the rota: can this person book an
// OSR joint visit now (a social worker whose DAT team is in, or about to be
// in, its OSR week)? The check result shows "Book OSR joint visit" only then.
import type { Db } from '../../store/db.js';
import type { Directory } from '../../domain/directory/schema.js';
import { findPerson } from '../../domain/directory/lookup.js';
import { bookableOsrWeek } from '../../domain/booking/osr-week.js';
import { osrWeeksOfTeam } from '../../store/rota-store.js';

export async function canBookOsrNow(db: Db, directory: Directory, aadObjectId: string, now: Date): Promise<boolean> {
  const person = findPerson(directory, aadObjectId);
  if (!person?.roles.includes('social-worker') || !person.datTeamId) return false;
  return bookableOsrWeek(await osrWeeksOfTeam(db, person.datTeamId), now).ok;
}
