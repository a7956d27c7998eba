// Load for the benchmark: Teams activities over HTTP (deliveryMode
// expectReplies, as the tests send them), generated with autocannon. Every
// request is a new activity (its own id, so the turn guard never takes it
// for a resend) in one of `conversations` personal chats.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export type Turn = 'hi' | 'check-step';

const TENANT = '00000000-0000-0000-0000-0000000000001';

/** A Teams message activity from bench user `n` of a pool of made-up people (not in the directory). */
export function activity(turn: Turn, n: number): Record<string, unknown> {
  const aad = `00000000-0000-4000-8000-${String(100000000000 + n).slice(-12)}`;
  return {
    type: 'message', id: randomUUID(), channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(), locale: 'en-GB',
    from: { id: `29:${aad}`, aadObjectId: aad, name: `Bench User ${n}` },
    recipient: { id: '28:bot', name: 'Right Response' },
    conversation: { id: `a:bench-${n}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    // The first step of a threshold check: the safety question answered, which creates the check.
    ...(turn === 'hi' ? { text: 'hi' } : { value: { verb: 'check.safety', area: 'barnet', immediateRisk: 'no', checkKey: randomUUID() } }),
  };
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  /** Of the turns' own latencies, in ms (see `load`). */
  p50: number;
  p99: number;
  /** Each answered turn's latency in ms, in the order answered. */
  latencies: number[];
  /** Answers that were not HTTP 200, or were the apology for a failed turn. */
  failures: number;
}

export interface LoadOptions {
  turn: Turn;
  conversations: number;
  /** Open connections (autocannon's concurrency). */
  connections: number;
  seconds?: number;
  /** Stop after this many requests instead of after `seconds`. */
  amount?: number;
  /** Offered rate in requests per second across all connections (default: as fast as answered). */
  rate?: number;
}

/** The value below which `p` of the values lie (nearest rank), to a tenth of a ms. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.ceil(p * sorted.length) - 1]! * 10) / 10;
}

// Percentiles are taken from every turn's own latency, not from autocannon's
// histogram: at an offered rate, autocannon 9 "corrects" each latency for
// coordinated omission with an expected interval of ceil(1 / rate) where rate
// is per second (lib/run.js), so 1 ms, and records a made-up sample for each
// ms of every turn (a 50 ms turn counts 50 times, as 50, 49, … 1 ms). That
// pulls its p50 far below the turns' (8 against 12 ms for the bare bot here)
// and weighs the tail by its length. A connection sends its 2–3 turns a
// second one after another, so a slow turn delays the next by its own length,
// but none is pushed out of its second unless turns take about half a second
// (a correct interval, 400 ms, adds nothing here), so the correction is off.
export async function load(url: string, o: LoadOptions): Promise<LoadResult> {
  let n = 0;
  let apologies = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({
      url: `${url}/api/messages`,
      connections: o.connections,
      ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 10 }),
      ...(o.rate ? { overallRate: o.rate, ignoreCoordinatedOmission: true } : {}),
      timeout: 30,
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(activity(o.turn, n++ % o.conversations)) }),
        onResponse: (status, body) => { if (status === 200 && /went wrong/.test(body)) apologies += 1; },
      }],
    }, (err, r) => (err ? reject(err) : resolve(r)));
    run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  const failures = result.non2xx + result.errors + result.timeouts + apologies;
  return { requests: result.requests.total, perSecond: result.requests.average, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), latencies, failures };
}
