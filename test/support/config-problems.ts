// What loadConfig refuses in an environment: its problems, one per variable,
// or none when the configuration loads. Any other error is a bug and is thrown.
import { ConfigError, loadConfig } from '../../src/config/env.js';

export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}
