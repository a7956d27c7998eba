// Owns the two GET routes behind the export links: GET
// /export/requests/:id/summary (printable HTML) and GET
// /export/hubs/:hubId/queue.csv. A bad or expired signature, or a user no
// longer allowed, gets a short plain page; nothing is cached or indexed.
import type { GetRoute } from '../../server/http-server.js';
import { answerLink, fileAnswer, type LinkAnswer } from '../links/link-answers.js';
import type { RequestDeps } from './access.js';
import { hubQueueCsv, requestSummaryHtml } from './export.js';
import { verifyLink, type LinkKind } from './signed-links.js';

const WORDS = {
  expired: 'This link has expired. Open the request in Teams again to get a new one.',
  forbidden: 'You no longer have access to this. Ask your team manager if you think you should.',
};

function guarded(deps: RequestDeps, kind: LinkKind, id: string, query: URLSearchParams, serve: (user: string) => Promise<LinkAnswer>): Promise<LinkAnswer> {
  return answerLink(verifyLink(deps.config.REQUEST_LINK_SECRET, kind, id, query, deps.clock.now()), WORDS, (granted) => serve(granted.claims.user));
}

export function requestExportRoutes(deps: RequestDeps): GetRoute[] {
  return [
    {
      path: '/export/requests/:id/summary',
      handle: (params, query) => guarded(deps, 'request-summary', params.id ?? '', query, async (user) =>
        fileAnswer('text/html; charset=utf-8', await requestSummaryHtml(deps, user, params.id ?? ''))),
    },
    {
      path: '/export/hubs/:hubId/queue.csv',
      handle: (params, query) => guarded(deps, 'hub-queue-csv', params.hubId ?? '', query, async (user) => {
        const { filename, csv } = await hubQueueCsv(deps, user, params.hubId ?? '');
        return fileAnswer('text/csv; charset=utf-8', csv, filename);
      }),
    },
  ];
}
