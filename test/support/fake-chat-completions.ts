// A loopback fake of the OpenAI chat completions API (POST …/chat/completions),
// for the optional language model: it keeps every request body, to prove what
// left the process, and answers as each test tells it: good JSON, hostile or
// malformed content, an HTTP error such as 429, or silence past the timeout.
import http from 'node:http';

export interface ChatRequest { path: string; headers: http.IncomingHttpHeaders; body: { model?: string; messages: { role: string; content: string }[]; [k: string]: unknown } }
export type Reply = { content: string } | { status: number; body?: unknown; headers?: Record<string, string> } | { hang: true };
/** Which of our prompts a request is, read from its instructions. */
export type PromptName = 'suggest-needs' | 'route-intent' | 'other';

export class FakeChatCompletions {
  readonly requests: ChatRequest[] = [];
  /** Decides each answer; the default says nothing is understood. */
  reply: (prompt: PromptName, request: ChatRequest) => Reply = () => ({ content: '{"needs":[],"immediateRiskSuspected":false,"riskPhrases":[],"intent":"unknown"}' });
  private server?: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();

  get url(): string {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('fake chat completions server not started');
    return `http://127.0.0.1:${a.port}/v1`;
  }

  /** Every byte that was sent to the model, as text. */
  get sentText(): string {
    return this.requests.map((r) => JSON.stringify(r.body)).join('\n');
  }

  static promptOf(request: ChatRequest): PromptName {
    const instructions = request.body.messages.map((m) => m.content).join('\n');
    if (instructions.includes('record what they see in a family')) return 'suggest-needs';
    if (instructions.includes('You route messages')) return 'route-intent';
    return 'other';
  }

  /** The practitioner's words as the model received them (the last user message). */
  static userText(request: ChatRequest): string {
    return [...request.body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) { res.writeHead(404); res.end(); return; }
        const request: ChatRequest = { path: req.url, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
        this.requests.push(request);
        const reply = this.reply(FakeChatCompletions.promptOf(request), request);
        if ('hang' in reply) { this.hanging.add(res); return; }
        if ('status' in reply) {
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(JSON.stringify(reply.body ?? { error: { message: 'refused', type: 'fake' } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model: request.body.model ?? 'fake',
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
