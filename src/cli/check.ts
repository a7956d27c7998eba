// Owns the `check` command: read case facts from a file or stdin, validate them
// against the policy directory, print the result (JSON by default, or a
// readable explanation). For scripts and for councils checking their packs.
//   npm run --silent check -- --input FILE|- [--format json|text] [--policies DIR]
// Exit codes: 0 result printed (a stopped check is still a result);
//             1 the policy directory is invalid (or an unexpected failure);
//             2 bad usage or bad input.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { policyDirFromEnv } from '../config/env.js';
import { PolicyError, loadPolicy } from '../config/load-policies.js';
import type { Policy } from '../domain/policy/index.js';
import { evaluateCase, parseCaseFacts, type CheckResult } from '../domain/threshold/index.js';
import { formatCheckText } from './format-text.js';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

const USAGE = 'usage: npm run --silent check -- --input FILE|- [--format json|text] [--policies DIR]';

/** Thrown for anything the caller got wrong: message to stderr, exit 2. */
class InputError extends Error {}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = readOptions(argv);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    const policy = loadPolicy(options.policies);
    const input = parseJson(await readInput(options.input), options.input);
    const parsed = parseCaseFacts(input, policy);
    if (!parsed.ok) {
      const count = parsed.errors.length === 1 ? '1 problem' : `${parsed.errors.length} problems`;
      const lines = parsed.errors.map((error) => `  ${error.path}: ${error.message}`);
      throw new InputError(`the case facts are not valid (${count}):\n${lines.join('\n')}`);
    }
    const result = evaluateCase(parsed.facts, policy);
    process.stdout.write(render(result, policy, options.format));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`check: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof PolicyError) {
      process.stderr.write(`check: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

interface Options {
  input: string;
  format: 'json' | 'text';
  policies: string;
  help: boolean;
}

function readOptions(argv: readonly string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        input: { type: 'string', short: 'i' },
        format: { type: 'string', default: 'json' },
        policies: { type: 'string', default: policyDirFromEnv() },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) return { input: '', format: 'json', policies: values.policies, help: true };
  if (values.input === undefined) throw new InputError(`--input is required (a file, or - for stdin)\n${USAGE}`);
  if (values.format !== 'json' && values.format !== 'text') throw new InputError(`--format must be json or text, not ${JSON.stringify(values.format)}\n${USAGE}`);
  return { input: values.input, format: values.format, policies: values.policies, help: false };
}

async function readInput(source: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return readFileSync(source, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read input file ${JSON.stringify(source)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source === '-' ? 'stdin' : source} is not valid JSON: ${(error as Error).message}`);
  }
}

function render(result: CheckResult, policy: Policy, format: Options['format']): string {
  return format === 'text' ? formatCheckText(result, policy) : `${JSON.stringify(result, null, 2)}\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`check: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
