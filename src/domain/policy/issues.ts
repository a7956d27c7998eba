// Owns how validation problems are named for people: a readable path
// ("rules[2].minAge") and a message that says what is wrong, turning zod's
// issues into one line each. Used for policy files and for case facts alike.
import { z } from 'zod';

export interface FieldProblem {
  /** "children[0].age"; "(root)" for the document itself. */
  path: string;
  message: string;
}

export const ROOT_PATH = '(root)';

export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text === '' ? ROOT_PATH : text;
}

export function describeZodIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    // One problem per unknown key, at the key itself, so a typo such as
    // "immediaterisk" is named rather than silently ignored.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field (check the spelling)' }));
    }
    return [{ path: formatPath(issue.path), message: describeIssue(issue) }];
  });
}

function describeIssue(issue: z.ZodIssue): string {
  // A message written in a schema ("age must be a whole number…") beats any generic rewording.
  const zodDefault = z.defaultErrorMap(issue, { defaultError: issue.message, data: undefined }).message;
  if (issue.message !== zodDefault) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? 'is required' : `expected ${issue.expected}, received ${issue.received}`;
    case 'invalid_enum_value':
      return `expected one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}, received ${JSON.stringify(issue.received)}`;
    case 'invalid_literal':
      return `expected ${JSON.stringify(issue.expected)}`;
    case 'invalid_union_discriminator':
      return `expected one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`;
    default:
      return issue.message;
  }
}
