// Owns what the form's rules are given besides the values: today in London,
// the level the check suggested, the Menu of Interventions of the hub that
// covers the postcode typed so far (among the chosen service's hubs, if a
// service was chosen), and that service's terms for filing.
import type { Directory, Hub } from '../../domain/directory/schema.js';
import type { RequestForm } from '../../domain/request/form.js';
import type { SectionContext } from '../../domain/request/field-rules.js';
import { routeByPostcode } from '../../domain/request/routing.js';
import type { Policy, ServicePack } from '../../domain/policy/index.js';
import { localDateOf, toIsoDate } from '../../domain/time/zoned-clock.js';
import { LONDON_TIME_ZONE } from '../../domain/time/london-weeks.js';

export interface FormServices { directory: Directory; policy: Policy }

export function londonToday(now: Date): string {
  return toIsoDate(localDateOf(now, LONDON_TIME_ZONE));
}

export function hubOfForm(directory: Directory, form: RequestForm): Hub | undefined {
  const postcode = form.sections.address?.postcode;
  if (typeof postcode !== 'string' || !postcode.trim()) return undefined;
  const route = routeByPostcode(directory, postcode, form.service);
  return route.ok ? route.hub : undefined;
}

/** The service pack a hub delivers, if the directory names one. */
export function serviceOfHub(policy: Policy, hub: Pick<Hub, 'service'> | undefined): ServicePack | undefined {
  return hub?.service === undefined ? undefined : policy.services.find((pack) => pack.id === hub.service);
}

export function sectionContext(services: FormServices, form: RequestForm, now: Date): SectionContext {
  const hub = hubOfForm(services.directory, form);
  const pack = serviceOfHub(services.policy, hub);
  const mustAgree = pack?.requestTerms.familyMustAgree;
  return {
    today: londonToday(now),
    suggestedLevel: form.fromCheck?.level ?? null,
    menu: hub ? { hubName: hub.name, interventions: hub.interventions } : null,
    familyMustAgree: pack && mustAgree ? { serviceName: pack.name, text: mustAgree.text } : null,
  };
}
