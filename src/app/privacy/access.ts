// Owns who may use the privacy tools (subject access export, audit export,
// erasure): administrators in the directory, decided from the directory on
// every call (never from card data or a link), with each refusal audited.
import type { Db } from '../../store/db.js';
import { writeAudit } from '../../store/audit-store.js';
import type { Directory, Person } from '../../domain/directory/schema.js';
import { findPerson } from '../../domain/directory/lookup.js';
import { isAdmin } from '../../domain/access/roles.js';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../../config/env.js';
import { AccessDeniedError, UseCaseError } from '../errors.js';

export interface PrivacyDeps {
  db: Db;
  directory: Directory;
  clock: Clock;
  config: Pick<AppConfig, 'REQUEST_LINK_SECRET' | 'BOT_DOMAIN' | 'PORT'>;
}

/** The case reference shapes the features accept (check, request and booking forms). */
const CASE_REF = /^[A-Za-z0-9][A-Za-z0-9/_-]{2,29}$/;

export function caseRefOrNull(input: unknown): string | null {
  const ref = typeof input === 'string' ? input.trim() : '';
  return CASE_REF.test(ref) ? ref : null;
}

export function parseCaseRef(input: unknown): string {
  const ref = caseRefOrNull(input);
  if (!ref) {
    throw new UseCaseError('PRIVACY_BAD_CASE_REF', 'That is not a case reference: use 3 to 30 letters, digits, /, - or _ (for example LCS-123456).', { field: 'caseRef' });
  }
  return ref;
}

/** Where a Teams command came from; the links and counts belong in a personal chat only. */
export type Place = 'personal' | 'groupChat' | 'channel';

/**
 * Returns the administrator, or audits the refusal (outside any transaction)
 * and throws. `place` is given for Teams commands: only a personal chat will do.
 */
export async function requireAdmin(deps: PrivacyDeps, aadObjectId: string, action: string, caseRef: string | null, place?: Place): Promise<Person> {
  const person = findPerson(deps.directory, aadObjectId);
  const refuse = async (reason: string) => writeAudit(deps.db, {
    actor: aadObjectId || 'anonymous', action, outcome: 'refused', recordType: 'case', caseRef, detail: { reason },
  }, deps.clock.now());
  if (!isAdmin(person)) {
    await refuse('not-admin');
    throw new AccessDeniedError('PRIVACY_ADMIN_ONLY', 'Only an administrator can export or erase the records held about a family. If you need this, ask your service administrator.');
  }
  if (place && place !== 'personal') {
    await refuse('not-personal-chat');
    throw new AccessDeniedError('PRIVACY_PERSONAL_CHAT_ONLY', 'Use this in your personal chat with the bot, not in a channel or group chat: what it shows is for you alone.');
  }
  return person;
}
