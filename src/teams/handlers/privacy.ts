// Owns the Teams side of the privacy tools, for administrators in a personal
// chat: "export case LCS-123" (a card of counts with short-lived signed links
// to the subject access export and the case's audit trail) and
// "erase case LCS-123" (a confirmation card; erasing needs the reference typed
// again). Everything is authorised and audited by the use cases.
import type { TurnContext } from 'botbuilder';
import { answeringErrors, noticeCard, showCard } from '../card-actions.js';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { BotDeps } from '../deps.js';
import { actorOf } from '../deps.js';
import { renderCard, escapeCardText } from '../cards/render.js';
import { UseCaseError } from '../../app/errors.js';
import { eraseCase, summariseCase, type CaseSummary } from '../../app/privacy/case-records.js';
import { privacyLink, PRIVACY_LINK_TTL_MINUTES } from '../../app/privacy/export-link.js';
import { tableTitle } from '../../app/privacy/export-render.js';
import type { PrivacyDeps } from '../../app/privacy/access.js';

const EraseSubmit = z.object({
  caseRef: z.string().max(40),
  confirm: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().max(40)),
});

const holdings = (counts: Record<string, number>) => Object.entries(counts).map(([table, n]) => ({ title: tableTitle(table), value: String(n) }));
const intro = (s: CaseSummary) => (Object.keys(s.counts).length > 0
  ? 'Right Response holds these records about this case reference:'
  : 'Right Response holds no records about this case reference.');

async function notice(context: TurnContext, title: string, message: string, color = 'Attention'): Promise<void> {
  await showCard(context, noticeCard(title, message, color));
}

export function registerPrivacyHandlers(app: Application<TurnState>, deps: BotDeps): void {
  const privacy: PrivacyDeps = deps;
  const who = (context: TurnContext) => actorOf(context, deps.directory);

  /** A refusal or user-facing problem becomes a polite card (the use case has audited a refusal). */
  const politely = (work: (context: TurnContext) => Promise<void>) => answeringErrors(work);

  const exportCard = politely(async (context) => {
    const actor = who(context);
    const ref = /^\s*(?:export|audit)\s+case\s+(.*?)\s*$/i.exec(context.activity.text ?? '')?.[1] ?? '';
    const summary = await summariseCase(privacy, actor.aadObjectId, ref, 'privacy.export', actor.conversationType);
    const link = (kind: 'case-export' | 'case-audit', format: string) => privacyLink(privacy, kind, summary.caseRef, format, actor.aadObjectId);
    await showCard(context, renderCard('privacy-export', {
      caseRefText: escapeCardText(summary.caseRef), intro: intro(summary), holdings: holdings(summary.counts), auditRows: summary.auditRows,
      minutes: PRIVACY_LINK_TTL_MINUTES,
      htmlUrl: link('case-export', 'html'), jsonUrl: link('case-export', 'json'),
      auditCsvUrl: link('case-audit', 'csv'), auditJsonUrl: link('case-audit', 'json'),
    }));
  });
  app.message(/^\s*(export|audit)\s+case\b/i, exportCard);

  const eraseCard = async (context: TurnContext, summary: CaseSummary, confirm = '', error = '') => {
    await showCard(context, renderCard('privacy-erase', {
      caseRef: summary.caseRef, caseRefText: escapeCardText(summary.caseRef), intro: intro(summary), holdings: holdings(summary.counts), auditRows: summary.auditRows,
      confirm, error,
    }));
  };

  app.message(/^\s*erase\s+case\b/i, politely(async (context) => {
    const actor = who(context);
    const ref = /^\s*erase\s+case\s+(.*?)\s*$/i.exec(context.activity.text ?? '')?.[1] ?? '';
    await eraseCard(context, await summariseCase(privacy, actor.aadObjectId, ref, 'privacy.erase', actor.conversationType));
  }));

  app.adaptiveCards.actionSubmit('privacy.erase', politely(async (context) => {
    const actor = who(context);
    const parsed = EraseSubmit.safeParse(context.activity.value ?? {});
    if (!parsed.success) return notice(context, 'That button did not work', 'I couldn\'t read what that button sent. Nothing has been erased. Type "erase case" and the case reference to start again.', 'Default');
    try {
      const done = await eraseCase(privacy, actor.aadObjectId, parsed.data.caseRef, parsed.data.confirm, actor.conversationType);
      const total = Object.values(done.counts).reduce((a, b) => a + b, 0);
      const what = total === 0 ? 'There was nothing left to erase.' : `Erased: ${holdings(done.counts).map((h) => `${h.title} ${h.value}`).join(', ')}.`;
      await notice(context, `Case ${escapeCardText(done.caseRef)} erased`, `${what} ${done.auditRowsRedacted} audit rows were blanked and kept. The erasure itself is audited.`, 'Good');
    } catch (err) {
      if (!(err instanceof UseCaseError) || err.code !== 'PRIVACY_CONFIRM_MISMATCH') throw err;
      // Shown again with what was typed and the problem named.
      await eraseCard(context, await summariseCase(privacy, actor.aadObjectId, parsed.data.caseRef, 'privacy.erase', actor.conversationType), parsed.data.confirm, err.userMessage);
    }
  }));

  app.adaptiveCards.actionSubmit('privacy.erase.cancel', politely(async (context) => {
    await notice(context, 'Nothing erased', 'The erasure was cancelled; every record is as it was.', 'Default');
  }));
}
