// Owns the first look at a posted activity, before the Bot Framework adapter:
// the envelope every Teams activity has (type, channel, service URL, who
// sent it, to whom, in which conversation) must be there with the right
// types and ids of a sane length, or the request is refused with 400 and no
// turn runs (the adapter would otherwise fail inside the turn and apologise,
// or store an id too long for its index). Characters PostgreSQL cannot store
// are replaced in every string, so no later write can fail on them.
import { z } from 'zod';
import { replaceUnstorable } from '../domain/text/typed-text.js';

// Teams' longest ids are channel thread conversation ids (~100 characters) and
// personal-chat ids (~150); these limits leave room and keep every key we
// build from them (e.g. conversation id + activity id) far below PostgreSQL's
// b-tree entry limit of about 2,700 bytes.
export const MAX_ID_LENGTH = 512;
export const MAX_CONVERSATION_ID_LENGTH = 1024;
export const MAX_AAD_OBJECT_ID_LENGTH = 128;
export const MAX_SERVICE_URL_LENGTH = 2048;

const id = (max = MAX_ID_LENGTH) => z.string().min(1).max(max);

const AccountSchema = z.object({
  id: id(),
  name: z.string().max(MAX_ID_LENGTH).optional(),
  aadObjectId: z.string().max(MAX_AAD_OBJECT_ID_LENGTH).optional(),
}).passthrough();

const ConversationSchema = z.object({
  id: id(MAX_CONVERSATION_ID_LENGTH),
  conversationType: z.string().max(64).optional(),
  tenantId: z.string().max(MAX_AAD_OBJECT_ID_LENGTH).optional(),
  isGroup: z.boolean().optional(),
}).passthrough();

const serviceUrl = z.string().max(MAX_SERVICE_URL_LENGTH).refine((v) => {
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

export const ActivityEnvelopeSchema = z.object({
  type: z.string().min(1).max(64),
  id: id().optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl,
  from: AccountSchema,
  recipient: AccountSchema,
  conversation: ConversationSchema,
  replyToId: id().optional(),
  text: z.string().optional(),
  entities: z.array(z.object({ type: z.string() }).passthrough()).optional(),
  attachments: z.array(z.object({}).passthrough()).optional(),
  membersAdded: z.array(AccountSchema).optional(),
  membersRemoved: z.array(AccountSchema).optional(),
  channelData: z.object({}).passthrough().optional(),
}).passthrough();

export type ActivityEnvelope = z.infer<typeof ActivityEnvelopeSchema>;

export type EnvelopeCheck =
  | { ok: true; activity: ActivityEnvelope }
  | { ok: false; problems: string[] };

/** No activity Teams sends nests this deep; a body that does is refused rather than walked. */
export const MAX_NESTING = 64;

class TooDeep extends Error {}

/**
 * Every string in a JSON value with unstorable characters replaced; the
 * value's shape is kept. Copy on write: a value with nothing to replace (every
 * ordinary activity) is returned as it is, so a turn allocates nothing here.
 */
export function withStorableText(value: unknown, depth = 0): unknown {
  if (depth > MAX_NESTING) throw new TooDeep();
  if (typeof value === 'string') return replaceUnstorable(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((v, i) => {
      const cleaned = withStorableText(v, depth + 1);
      if (cleaned !== v && !copy) copy = value.slice(0, i);
      copy?.push(cleaned);
    });
    return copy ?? value;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    let copy: [string, unknown][] | undefined;
    entries.forEach(([k, v], i) => {
      const key = replaceUnstorable(k);
      const cleaned = withStorableText(v, depth + 1);
      if ((key !== k || cleaned !== v) && !copy) copy = entries.slice(0, i);
      copy?.push([key, cleaned]);
    });
    // fromEntries defines each key as data (a "__proto__" key stays a key).
    return copy ? Object.fromEntries(copy) : value;
  }
  return value;
}

/**
 * Checks a parsed request body is an activity envelope we can route. The
 * problems name fields and rules only, never the values sent (they are logged).
 */
export function checkActivityEnvelope(body: unknown): EnvelopeCheck {
  let cleaned: unknown;
  try {
    cleaned = withStorableText(body);
  } catch (err) {
    if (err instanceof TooDeep) return { ok: false, problems: [`(activity): nested more than ${MAX_NESTING} levels deep`] };
    throw err;
  }
  const parsed = ActivityEnvelopeSchema.safeParse(cleaned);
  if (parsed.success) return { ok: true, activity: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(activity)'}: ${i.message}`) };
}
