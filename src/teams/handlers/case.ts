// Owns the Teams side of the case card: the "case LCS-204518" command, the
// "Open the case" button (carrying the case, or the request, joint visit or
// check the pressed card is about) and the free-text "status of …" answer.
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { openCase, caseOfAnyRecord, CASE_CARD, type CaseKey } from '../../app/cases/case-card.js';
import { AccessDeniedError, UseCaseError } from '../../app/errors.js';
import { hubChannelStatus } from '../../app/cases/link-cases.js';
import { isAdmin } from '../../domain/access/roles.js';
import { noticeCard } from '../cards/request-cards.js';
import { renderCard } from '../cards/render.js';
import { startsNewTask } from '../card-actions.js';
import { actorFrom, guarded, personalOnly, reply, requestDeps } from './request-support.js';
import { continueWithSamePractitioner } from '../../app/cases/continue.js';
import { toldWords } from '../../app/cases/reach.js';
import { personName } from '../../app/request/access.js';
import { hubManagers } from '../../domain/directory/lookup.js';
import { escapeCardText } from '../cards/render.js';

// A case reference as the case system prints it (3 to 30 letters, digits, -, / or spaces, with a digit
// somewhere), so that words such as "case conference on Tuesday" are left to the free-text reader.
export const CASE_COMMAND = /^\s*case\s+((?=[A-Za-z/_ -]*\d)[A-Za-z0-9][A-Za-z0-9/_ -]{2,30})\s*$/i;

const ContinueSchema = z.object({ requestId: z.string().uuid(), continueKey: z.string().uuid() }).passthrough();

const OpenCaseSchema = z.object({
  caseId: z.string().uuid().optional(),
  requestId: z.string().uuid().optional(),
  bookingId: z.string().uuid().optional(),
  checkId: z.string().uuid().optional(),
  // A report's drill-down names the case by its reference and area.
  caseRef: z.string().min(1).max(60).optional(),
  areaId: z.string().min(1).max(60).optional(),
}).passthrough();

/** Shows the case card for `key` to the person on this turn (refusals become the usual notice via `guarded`). */
export async function showCase(context: TurnContext, deps: BotDeps, key: CaseKey): Promise<void> {
  if (!(await personalOnly(context))) return;
  const data = await openCase(deps, actorFrom(context, deps), key);
  await reply(context, renderCard(CASE_CARD, data));
}

export function registerCaseHandlers(app: Application<TurnState>, deps: BotDeps): void {
  app.message(CASE_COMMAND, guarded(deps, async (context) => {
    const ref = CASE_COMMAND.exec(context.activity.text ?? '')?.[1] ?? '';
    await showCase(context, deps, { caseRef: ref.trim() });
  }));

  // Administrators: which hubs' channels are linked (through them the bot reaches hub staff who never opened it).
  app.message(/^\s*hub channels\s*$/i, guarded(deps, async (context) => {
    const actor = actorFrom(context, deps);
    if (!isAdmin(actor.person)) throw new AccessDeniedError('ADMIN_ONLY', 'Only an administrator can see which hub channels are linked.');
    const status = await hubChannelStatus(deps.db, deps.directory);
    const lines = status.map((h) => `${h.hubName}: ${h.linked ? 'linked' : 'not linked. Staff who have never opened Right Response get their cards only when they first do. The hub manager types "link channel" in the hub\'s team channel'}`);
    await reply(context, noticeCard('Hub channels', lines.join('\n\n'), status.every((h) => h.linked) ? 'Good' : 'Warning'));
  }));

  // Step-down continuity: the closed request's practitioner carries on with the family.
  app.adaptiveCards.actionSubmit('case.continue', guarded(deps, async (context, value) => {
    const v = ContinueSchema.parse(value);
    const actor = actorFrom(context, deps);
    const r = await continueWithSamePractitioner(requestDeps(deps), actor, v.requestId, v.continueKey);
    const worker = personName(deps.directory, r.request.allocated_to);
    const told = r.repeated ? '' : await toldWords(deps, [r.request.referrer_aad, r.request.allocated_to, ...hubManagers(deps.directory, r.request.hub_id ?? '').map((m) => m.aadObjectId)].filter((a) => a !== actor.aadObjectId));
    await reply(context, noticeCard(r.repeated ? 'Already continuing' : 'Support continues',
      `${worker} continues with the family of ${escapeCardText(r.request.case_ref ?? '')}. The hub manager can allocate it to someone else. ${told}`.trim(), 'Good', [
        { title: 'Open the request', data: { verb: 'request.view', requestId: r.request.id } },
        { title: 'Open the case', data: { verb: 'case.open', requestId: r.request.id } },
      ]));
  }));

  app.adaptiveCards.actionSubmit('case.open', guarded(deps, async (context, value) => {
    const v = OpenCaseSchema.parse(value);
    if (v.caseRef && v.areaId && !v.caseId) {
      startsNewTask(context);
      await showCase(context, deps, { caseRef: v.caseRef, areaId: v.areaId });
      return;
    }
    const caseId = v.caseId ?? (await caseOfAnyRecord(deps, v));
    if (!caseId) throw new UseCaseError('CASE_NOT_LINKED', 'This record has no case reference yet, so it is not part of a case. Add the case reference and try again.');
    // The case is a new task: the request, visit or check card pressed keeps its own buttons.
    startsNewTask(context);
    await showCase(context, deps, { caseId });
  }));
}
