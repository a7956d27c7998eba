// Owns loading the retention policy file (config/retention.json by default):
// zod-validated at start-up, every problem named by its path.
import { readFileSync } from 'node:fs';
import { RetentionPolicySchema, type RetentionPolicy } from '../domain/privacy/retention.js';

export const DEFAULT_RETENTION_FILE = 'config/retention.json';

export class RetentionPolicyError extends Error {
  readonly code = 'RETENTION_INVALID';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`Retention file ${file} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseRetentionPolicy(raw: unknown, file = '(inline)'): RetentionPolicy {
  const parsed = RetentionPolicySchema.safeParse(raw);
  if (!parsed.success) throw new RetentionPolicyError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  return parsed.data;
}

export function loadRetentionPolicy(file = DEFAULT_RETENTION_FILE): RetentionPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RetentionPolicyError(file, [`cannot read JSON: ${(err as Error).message}`]);
  }
  return parseRetentionPolicy(raw, file);
}
