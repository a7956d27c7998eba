// Owns the structured logger: pino JSON with family data redacted by key,
// wherever it sits in the object, so a careless log line cannot leak a name.
import { pino, type Logger, type DestinationStream } from 'pino';

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
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

export type { Logger };
