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

const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'right-response' },
      redact: { paths, censor: '[redacted]' },
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
