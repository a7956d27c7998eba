// Owns the structured logger: pino JSON with family data redacted by key,
// wherever it sits in the object, so a careless log line cannot leak a name.
import { pino, type Logger, type DestinationStream } from 'pino';
import { currentCorrelationId } from './request-context.js';

/** Keys that may hold personal or free-text family data. Values under them are never logged. */
export const REDACTED_KEYS = [
  'name', 'names', 'firstName', 'lastName', 'givenName', 'surname', 'childName', 'parentName', 'carerName',
  'dob', 'dateOfBirth', 'dueDate', 'address', 'addressLine1', 'addressLine2', 'postcode', 'phone', 'email',
  'note', 'notes', 'freeText', 'text', 'value', 'reason', 'risks', 'purpose', 'goals', 'children', 'parents',
  'attachments', 'body', 'userPrincipalName', 'aadObjectId', 'password', 'authorization', 'MicrosoftAppPassword',
] as const;

// pino's own redaction covers the first levels of any object, class instances included…
const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);
// …and redactDeep every level of plain data below that.
const REDACTED = new Set<string>(REDACTED_KEYS);
const CENSOR = '[redacted]';
/** Deeper than any log line we write; past it a value is dropped rather than walked. */
const MAX_DEPTH = 32;

/**
 * A copy of a log object with the value under every redacted key censored, at
 * any depth and inside arrays. (pino's own `redact` needs a path per depth, so
 * a value one level deeper than the paths listed would slip through.)
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (!value || typeof value !== 'object') return value;
  // Errors, dates, buffers and class instances go to their serializers (safeError for `err`) as they are.
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  if (depth > MAX_DEPTH || seen.has(value)) return CENSOR;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = REDACTED.has(k) ? CENSOR : redactDeep(v, depth + 1, seen);
  return out;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'right-response' },
      redact: { paths, censor: CENSOR },
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: safeError },
      // Every line written inside a turn or a job names it, without passing a child logger everywhere.
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
    },
    destination,
  );
}

/**
 * Errors as pino serialises them, minus what can quote the data that caused
 * them: PostgreSQL puts row values in message, detail and where ("Failing row
 * contains (…)", "invalid input syntax for type uuid: \"…\""), and zod puts
 * the received value in its message. Those keep their codes, paths and stack
 * frames only.
 */
export function safeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  const e = err as Record<string, unknown>;
  const frames = typeof out.stack === 'string' ? out.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : undefined;
  if (typeof e.severity === 'string' && typeof e.code === 'string') {
    return { type: out.type, message: `PostgreSQL error ${e.code}`, code: e.code, constraint: e.constraint, table: e.table, column: e.column, routine: e.routine, stack: frames };
  }
  if (Array.isArray(e.issues) && out.type === 'ZodError') {
    const issues = (e.issues as { code?: string; path?: unknown[] }[]).map((i) => ({ code: i.code, path: (i.path ?? []).join('.') }));
    return { type: out.type, message: 'input did not match its schema', issues, stack: frames };
  }
  return out;
}

export type { Logger };
