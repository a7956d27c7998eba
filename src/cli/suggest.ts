// Owns the `suggest` command: read a plain-text description of a family from
// a file or stdin and print, as JSON only, what the active understanding
// engine suggests: needs with the words that triggered them, immediate-risk
// suspicion with its words, ages and area. It never decides a level.
//   npm run --silent suggest -- --input FILE|- [--policies DIR]
// Exit codes: 0 printed; 1 configuration or policy invalid; 2 bad usage or
// empty/unreadable input.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PolicyError, loadPolicy } from '../config/load-policies.js';
import { loadPhraseBook } from '../config/load-phrases.js';
import { loadDirectory } from '../config/load-directory.js';
import { ConfigError, loadConfig, loadDotEnv } from '../config/env.js';
import { createLogger } from '../log/logger.js';
import type { Understanding } from '../understanding/index.js';

const USAGE = 'usage: npm run --silent suggest -- --input FILE|- [--policies DIR]';
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_BAD_INPUT = 2;

class InputError extends Error {}

/** The output shape, and nothing else. */
function suggestionJson(u: Understanding): object {
  return {
    needs: u.needs.map((n) => ({ id: n.id, label: n.label, phrase: n.phrase })),
    immediateRiskSuspected: u.immediateRiskSuspected,
    riskPhrases: u.riskPhrases,
    ages: u.ages,
    area: u.area?.id ?? null,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args: [...argv], options: { input: { type: 'string' }, policies: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
    if (values.help) { process.stdout.write(`${USAGE}\n`); return EXIT_OK; }
    if (!values.input) throw new InputError(`--input is required\n${USAGE}`);
    const text = readInput(values.input).trim();
    if (text === '') throw new InputError('the description is empty: give a sentence or more about the family');
    loadDotEnv();
    const config = loadConfig();
    const policyDir = values.policies ?? config.POLICY_DIR;
    const policy = loadPolicy(policyDir);
    // Loaded only once the input is known to be worth reading: the engine and the model client are heavy.
    const { createUnderstander } = await import('../teams/language-model/active-understander.js');
    const understander = createUnderstander({
      config, policy, book: loadPhraseBook(policyDir, policy), directory: loadDirectory(config.directoryFile),
      // Diagnostics go to stderr so that stdout is only the JSON.
      log: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr),
    });
    process.stdout.write(`${JSON.stringify(suggestionJson(await understander.understand(text)), null, 2)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputError || (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`suggest: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof PolicyError || error instanceof ConfigError) {
      process.stderr.write(`suggest: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

function readInput(input: string): string {
  try {
    return readFileSync(input === '-' ? 0 : input, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${input === '-' ? 'standard input' : input} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

process.exitCode = await main(process.argv.slice(2));
