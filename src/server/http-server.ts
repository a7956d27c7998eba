// Owns the HTTP surface: POST /api/messages into the bot, liveness and
// readiness probes, body size limits. Nothing here knows about cards or rules.
import restify from 'restify';
import type { Logger } from '../log/logger.js';

export interface BotEndpoint {
  /** Hands one HTTP request to the Bot Framework adapter. */
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface ReadinessProbe { (): Promise<{ ready: boolean; checks: Record<string, boolean> }> }

export interface HttpServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  log: Logger;
  bot: BotEndpoint;
  readiness: ReadinessProbe;
}

export interface RunningServer { url: string; port: number; close(): Promise<void> }

export async function startHttpServer(o: HttpServerOptions): Promise<RunningServer> {
  const server = restify.createServer({ name: 'right-response', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: o.maxBodyBytes, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    const started = process.hrtime.bigint();
    try {
      await o.bot.process(req, res);
    } catch (err) {
      o.log.error({ err, requestId: req.id() }, 'unhandled error processing activity');
      if (!res.headersSent) res.send(500, { code: 'INTERNAL' });
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      o.log.debug({ requestId: req.id(), status: res.statusCode, ms }, 'activity processed');
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const r = await o.readiness().catch(() => ({ ready: false, checks: {} }));
    res.send(r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not-ready', checks: r.checks });
  });

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
