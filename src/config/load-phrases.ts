// Owns loading the phrase book (policies/need-phrases.json) at start-up:
// validated with its zod schema and checked against the catalogue and areas
// already loaded, every problem reported at once like the rest of policies/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeZodIssues, formatPath, ROOT_PATH, type Policy, type PolicyProblem } from '../domain/policy/index.js';
import { PhraseBookSchema, crossCheckPhraseBook, type PhraseBook } from '../understanding/phrase-book.js';
import { PolicyError } from './load-policies.js';

export const PHRASE_BOOK_FILE = 'need-phrases.json';

export function loadPhraseBook(dir: string, policy: Policy): PhraseBook {
  const file = PHRASE_BOOK_FILE;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    throw new PolicyError(dir, [{ file, path: ROOT_PATH, message: `cannot be read as JSON (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const parsed = PhraseBookSchema.safeParse(json);
  if (!parsed.success) throw new PolicyError(dir, describeZodIssues(parsed.error).map((p): PolicyProblem => ({ file, ...p })));
  const problems = crossCheckPhraseBook(parsed.data, new Set(policy.catalogue.needs.map((n) => n.id)), new Set(policy.areas.areas.map((a) => a.id)))
    .map((p): PolicyProblem => ({ file, path: formatPath(p.path), message: p.message }));
  if (problems.length > 0) throw new PolicyError(dir, problems);
  return parsed.data;
}
