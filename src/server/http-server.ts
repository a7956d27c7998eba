// Owns the HTTP surface: POST /api/messages into the bot, liveness and
// readiness probes, body size limits. Nothing here knows about cards or rules.
import restify from 'restify';
import type { Logger } from '../log/logger.js';
import { checkActivityEnvelope } from './activity-envelope.js';
import { currentCorrelationId, withCorrelation } from '../log/request-context.js';
import type { Metrics } from './metrics.js';

export interface BotEndpoint {
  /** Hands one HTTP request to the Bot Framework adapter. */
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface ReadinessProbe { (): Promise<{ ready: boolean; checks: Record<string, boolean> }> }

/** Liveness: answered from figures already in memory, never from the database. */
export interface LivenessProbe { (): { live: boolean; checks: Record<string, boolean> } }

/** A plain GET route a feature adds (e.g. a signed download); it answers text, never a card. */
export interface GetRoute {
  /** restify path, e.g. '/calendar/:file'. */
  path: string;
  handle(params: Record<string, string>, query: URLSearchParams): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  log: Logger;
  bot: BotEndpoint;
  readiness: ReadinessProbe;
  liveness?: LivenessProbe;
  getRoutes?: GetRoute[];
  /** Counts turns and answers GET /metrics (its own authorisation). */
  metrics?: Pick<Metrics, 'observeTurn' | 'scrape'>;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<unknown>;

/** Every request runs under a correlation id: the proxy's X-Request-Id when it sends one, else a new one. */
function correlated(handler: Handler): Handler {
  // An `async` function: restify tells async handlers from callback ones by their kind. It resolves to
  // nothing: restify logs any value an async handler returns, whole (request headers included).
  return async (req, res) => {
    await withCorrelation(req.header('x-request-id') || req.id(), () => {
      res.header('x-request-id', currentCorrelationId());
      return handler(req, res);
    });
  };
}

export interface RunningServer { url: string; port: number; close(): Promise<void> }

export async function startHttpServer(o: HttpServerOptions): Promise<RunningServer> {
  const server = restify.createServer({ name: 'right-response', handleUncaughtExceptions: false });
  // JSON only: the Bot Framework posts JSON. Form and multipart parsing (which
  // spools uploads to disk before any authentication) stay off.
  // (jsonBodyParser passes its options to bodyReader, which enforces maxBodySize; the typings omit it.)
  const jsonOnly: restify.plugins.JsonBodyParserOptions & restify.plugins.BodyParserOptions = { maxBodySize: o.maxBodyBytes, mapParams: false };
  server.use(restify.plugins.jsonBodyParser(jsonOnly));

  server.post('/api/messages', correlated(async (req, res) => {
    const started = process.hrtime.bigint();
    // Refused before the adapter, which answers 500 to a body that is not an activity.
    // (No `return res.send(…)`: restify logs a value returned from an async handler, request body included.)
    if (!/^application\/(.+\+)?json$/i.test(req.getContentType())) {
      res.send(415, { code: 'UNSUPPORTED_MEDIA_TYPE' });
      return;
    }
    const envelope = checkActivityEnvelope(req.body);
    if (!envelope.ok) {
      o.log.warn({ requestId: req.id(), problems: envelope.problems }, 'request refused: not a well-formed activity');
      res.send(400, { code: 'NOT_AN_ACTIVITY', problems: envelope.problems });
      return;
    }
    req.body = envelope.activity;
    try {
      await o.bot.process(req, res);
    } catch (err) {
      o.log.error({ err, requestId: req.id() }, 'unhandled error processing activity');
      if (!res.headersSent) res.send(500, { code: 'INTERNAL' });
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      o.metrics?.observeTurn(req.body, res.statusCode, ms / 1000);
      o.log.debug({ requestId: req.id(), status: res.statusCode, ms }, 'activity processed');
    }
  }));

  server.get('/healthz', async (_req, res) => {
    const r = o.liveness?.() ?? { live: true, checks: {} };
    res.send(r.live ? 200 : 503, { status: r.live ? 'ok' : 'unhealthy', checks: r.checks });
  });

  server.get('/readyz', async (_req, res) => {
    const r = await o.readiness().catch(() => ({ ready: false, checks: {} }));
    res.send(r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not-ready', checks: r.checks });
  });

  if (o.metrics) {
    const metrics = o.metrics;
    server.get('/metrics', async (req, res) => {
      const answer = await metrics.scrape(req.header('authorization'));
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'cache-control': 'no-store' });
      res.end(answer.body);
    });
  }

  for (const route of o.getRoutes ?? []) {
    server.get(route.path, correlated(async (req, res) => {
      try {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const answer = await route.handle(req.params as Record<string, string>, query);
        // Written raw: restify has no formatter for types such as text/calendar.
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      } catch (err) {
        o.log.error({ err, requestId: req.id(), route: route.path }, 'GET route failed');
        if (!res.headersSent) res.send(500, { code: 'INTERNAL' });
      }
    }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${address.port}`;
  return {
    url,
    port: address.port,
    close: () => new Promise<void>((resolve) => {
      // Stop accepting, let in-flight requests finish, then drop idle keep-alive sockets.
      server.close(() => resolve());
      server.server.closeIdleConnections?.();
    }),
  };
}
