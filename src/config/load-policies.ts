// Owns loading the policy directory (sources, needs catalogue, levels, areas,
// service packs) from disk: each file validated with its zod schema, then checked
// across files. A bad policy never half-loads: PolicyError lists every problem
// at once, each with its file, the path inside it and what is wrong.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  AreasPolicySchema,
  LevelsPolicySchema,
  NeedsCatalogueSchema,
  POLICY_FILES,
  ROOT_PATH,
  ServicePackSchema,
  SourcesPolicySchema,
  crossCheckPolicy,
  describeZodIssues,
  type Policy,
  type PolicyProblem,
  type ServicePack,
} from '../domain/policy/index.js';

export class PolicyError extends Error {
  readonly code = 'POLICY_INVALID';

  constructor(
    readonly dir: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  - ${join(dir, problem.file)} at ${problem.path}: ${problem.message}`);
    super(`Policy configuration in ${dir} is not valid (${count}):\n${lines.join('\n')}`);
    this.name = 'PolicyError';
  }
}

export function loadPolicy(dir = 'policies'): Policy {
  const problems: PolicyProblem[] = [];
  const sources = readPolicyFile(dir, POLICY_FILES.sources, SourcesPolicySchema, problems);
  const catalogue = readPolicyFile(dir, POLICY_FILES.catalogue, NeedsCatalogueSchema, problems);
  const levels = readPolicyFile(dir, POLICY_FILES.levels, LevelsPolicySchema, problems);
  const areas = readPolicyFile(dir, POLICY_FILES.areas, AreasPolicySchema, problems);

  const services: ServicePack[] = [];
  const serviceFiles: string[] = [];
  for (const file of listServiceFiles(dir, problems)) {
    const pack = readPolicyFile(dir, file, ServicePackSchema, problems);
    if (!pack) continue;
    const expectedId = file.slice(`${POLICY_FILES.servicesDir}/`.length, -'.json'.length);
    if (pack.id !== expectedId) {
      problems.push({ file, path: 'id', message: `must match the file name: expected "${expectedId}", found "${pack.id}"` });
    }
    services.push(pack);
    serviceFiles.push(file);
  }

  // Cross-file checks need the shared files; with those broken they would only add noise.
  if (sources && catalogue && levels && areas) {
    const policy: Policy = { sources, catalogue, levels, areas, services };
    problems.push(...crossCheckPolicy(policy, serviceFiles));
    if (problems.length === 0) return policy;
  }
  throw new PolicyError(dir, problems);
}

function readPolicyFile<T>(dir: string, file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, problems: PolicyProblem[]): T | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    problems.push({ file, path: ROOT_PATH, message: `cannot read the file (${errorCode(error)})` });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push({ file, path: ROOT_PATH, message: `is not valid JSON: ${describeJsonError(error, text)}` });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  problems.push(...describeZodIssues(parsed.error).map((problem) => ({ file, ...problem })));
  return undefined;
}

/** Service pack files, sorted so that results list services in a stable order. */
function listServiceFiles(dir: string, problems: PolicyProblem[]): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, POLICY_FILES.servicesDir));
  } catch (error) {
    problems.push({ file: `${POLICY_FILES.servicesDir}/`, path: ROOT_PATH, message: `cannot read the service packs directory (${errorCode(error)})` });
    return [];
  }
  const files = names.filter((name) => name.endsWith('.json')).sort().map((name) => `${POLICY_FILES.servicesDir}/${name}`);
  if (files.length === 0) {
    problems.push({ file: `${POLICY_FILES.servicesDir}/`, path: ROOT_PATH, message: 'no service packs (*.json) found' });
  }
  return files;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** V8 reports "… at position N"; people need a line and column. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
