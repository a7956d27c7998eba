// Owns what a service offers a family it can help: the parenting format, the
// sessions before a review and any further period when issues are complex
// (Barnet One Service Response protocol 4.2), the case timescales and the
// request tasks, each selected by its policy condition. Staff timescales
// (e.g. supervision) stay in the pack for reminders and are not shown to referrers.
import { citationOf, type ParentingOffer, type ServicePack } from '../policy/index.js';
import type { CaseContext } from './case-context.js';
import { appliesTo, conditionHolds } from './conditions.js';
import { citedReason } from './policy-reason.js';
import type { OfferResult, ParentingOfferResult } from './result.js';

export function buildOffer(pack: ServicePack, context: CaseContext): OfferResult | undefined {
  const cite = (source: ServicePack['source']) => citationOf(source, context.sources);
  // One parenting offer per service result: the first that applies wins.
  const parentingOffer = pack.offers.find((offer) => offer.kind === 'parenting-programme' && appliesTo(offer.appliesWhen, context));
  const timescales = pack.timescales
    .filter((timescale) => timescale.appliesTo === 'case' && appliesTo(timescale.appliesWhen, context))
    .map(({ id, event, due, period, text, source }) => ({ id, event, due, period, text, ...cite(source) }));
  const tasks = pack.tasks
    .filter((task) => appliesTo(task.appliesWhen, context))
    .map(({ id, text, source }) => ({ id, text, ...cite(source) }));

  const offer: OfferResult = {
    ...(parentingOffer ? { parenting: parentingTerms(parentingOffer, context) } : {}),
    ...(timescales.length > 0 ? { timescales } : {}),
    ...(tasks.length > 0 ? { tasks } : {}),
  };
  return Object.keys(offer).length > 0 ? offer : undefined;
}

function parentingTerms(offer: ParentingOffer, context: CaseContext): ParentingOfferResult {
  const { format, sessions } = offer;
  const oneToOne = format.oneToOne !== undefined && conditionHolds(format.oneToOne.when, context);
  const extended = sessions.extended !== undefined && conditionHolds(sessions.extended.when, context);
  const cite = (text: string) => citedReason(offer.id, text, offer.source, context.sources);
  return {
    format: oneToOne ? 'one-to-one' : format.default,
    sessionsBeforeReview: sessions.beforeReview,
    extension: extended && sessions.extended ? sessions.extended.period : null,
    reasons: [
      cite(oneToOne && format.oneToOne ? format.oneToOne.text : format.defaultText),
      cite(sessions.text),
      ...(extended && sessions.extended ? [cite(sessions.extended.text)] : []),
    ],
  };
}
