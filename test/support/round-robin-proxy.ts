// A small reverse proxy for the multi-instance test, behaving like the
// compose file's Caddy: each request goes to the next instance in turn; an
// instance that refuses the connection (killed) is skipped for a while and
// the request goes to the next one. It records which instance served what.
import http from 'node:http';

export class RoundRobinProxy {
  /** Which upstream (index) answered each request, in order, with its path and the activity id if any. */
  readonly served: { upstream: number; path: string; activityId?: string }[] = [];
  private next = 0;
  private readonly downUntil = new Map<number, number>();
  private server?: http.Server;

  constructor(readonly upstreams: string[], private readonly downForMs = 5_000) {}

  get url(): string {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('proxy not started');
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    for (let tried = 0; tried < this.upstreams.length; tried++) {
      const i = this.pick();
      try {
        const answer = await this.send(this.upstreams[i]!, req, body);
        this.served.push({ upstream: i, path: req.url ?? '', activityId: activityIdOf(body) });
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      } catch (err) {
        // Only a refused connection is retried elsewhere: a request that reached an instance may have done its work.
        if ((err as NodeJS.ErrnoException).code !== 'ECONNREFUSED') {
          res.writeHead(502).end();
          return;
        }
        this.downUntil.set(i, Date.now() + this.downForMs);
      }
    }
    res.writeHead(503).end();
  }

  private pick(): number {
    for (let k = 0; k < this.upstreams.length; k++) {
      const i = (this.next + k) % this.upstreams.length;
      if ((this.downUntil.get(i) ?? 0) <= Date.now()) {
        this.next = i + 1;
        return i;
      }
    }
    return this.next++ % this.upstreams.length;
  }

  private send(upstream: string, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = http.request(`${upstream}${req.url ?? '/'}`, { method: req.method, headers: { ...req.headers, host: new URL(upstream).host }, agent: false }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }));
        answer.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }
}

function activityIdOf(body: Buffer): string | undefined {
  try {
    return (JSON.parse(body.toString('utf8')) as { id?: string }).id;
  } catch {
    return undefined;
  }
}
