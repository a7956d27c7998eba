// Owns what the form's rules are given besides the values: today in London,
// the level the check suggested, and the Menu of Interventions of the hub that
// covers the postcode typed so far.
import type { Directory, Hub } from '../../domain/directory/schema.js';
import type { RequestForm } from '../../domain/request/form.js';
import type { SectionContext } from '../../domain/request/field-rules.js';
import { routeByPostcode } from '../../domain/request/routing.js';
import { localDateOf, toIsoDate } from '../../domain/time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';

export function londonToday(now: Date): string {
  return toIsoDate(localDateOf(now, LONDON_TIME_ZONE));
}

export function hubOfForm(directory: Directory, form: RequestForm): Hub | undefined {
  const postcode = form.sections.address?.postcode;
  if (typeof postcode !== 'string' || !postcode.trim()) return undefined;
  const route = routeByPostcode(directory, postcode);
  return route.ok ? route.hub : undefined;
}

export function sectionContext(directory: Directory, form: RequestForm, now: Date): SectionContext {
  const hub = hubOfForm(directory, form);
  return {
    today: londonToday(now),
    suggestedLevel: form.fromCheck?.level ?? null,
    menu: hub ? { hubName: hub.name, interventions: hub.interventions } : null,
  };
}
