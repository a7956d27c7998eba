// Owns the two GET routes behind the export links: GET
// /export/requests/:id/summary (printable HTML) and GET
// /export/hubs/:hubId/queue.csv. A bad or expired signature, or a user no
// longer allowed, gets a short plain page; nothing is cached or indexed.
import type { GetRoute } from '../../server/http-server.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';
import type { RequestDeps } from './access.js';
import { hubQueueCsv, requestSummaryHtml } from './export.js';
import { verifyLink, type LinkKind } from './signed-links.js';

type Answer = Awaited<ReturnType<GetRoute['handle']>>;

const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // The link carries its signature: never send it on as a referrer.
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
};

const plain = (status: number, body: string): Answer => ({ status, headers: { ...PRIVATE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body });

async function guarded(deps: RequestDeps, kind: LinkKind, id: string, query: URLSearchParams, serve: (user: string) => Promise<Answer>): Promise<Answer> {
  const check = verifyLink(deps.config.REQUEST_LINK_SECRET, kind, id, query, deps.clock.now());
  if (!check.ok) {
    return check.code === 'EXPIRED'
      ? plain(410, 'This link has expired. Open the request in Teams again to get a new one.')
      : plain(404, 'This link is not valid.');
  }
  try {
    return await serve(check.claims.user);
  } catch (err) {
    if (err instanceof AccessDeniedError) return plain(403, 'You no longer have access to this. Ask your team manager if you think you should.');
    if (err instanceof UseCaseError) return plain(404, err.userMessage);
    throw err;
  }
}

export function requestExportRoutes(deps: RequestDeps): GetRoute[] {
  return [
    {
      path: '/export/requests/:id/summary',
      handle: (params, query) => guarded(deps, 'request-summary', params.id ?? '', query, async (user) => ({
        status: 200,
        headers: { ...PRIVATE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
        body: await requestSummaryHtml(deps, user, params.id ?? ''),
      })),
    },
    {
      path: '/export/hubs/:hubId/queue.csv',
      handle: (params, query) => guarded(deps, 'hub-queue-csv', params.hubId ?? '', query, async (user) => {
        const { filename, csv } = await hubQueueCsv(deps, user, params.hubId ?? '');
        return { status: 200, headers: { ...PRIVATE_HEADERS, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` }, body: csv };
      }),
    },
  ];
}
