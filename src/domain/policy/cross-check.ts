// Owns the checks that span policy files, which no single file's schema can
// make: ids unique across the whole policy, services naming known areas and
// needs, need ids matching their domain, postcodes claimed by one area only,
// and every citation naming a document listed in sources.json.
import { needIdsInCondition, type Condition } from './condition.js';
import { formatPath } from './issues.js';
import { POLICY_FILES, serviceFileName, type Policy } from './policy.js';
import type { ServicePack } from './service-pack.js';

export interface PolicyProblem {
  /** Relative to the policy directory, e.g. "services/home-start-herts.json". */
  file: string;
  path: string;
  message: string;
}

type Path = (string | number)[];

export function crossCheckPolicy(policy: Policy, serviceFiles: readonly string[] = policy.services.map((pack) => serviceFileName(pack.id))): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const report = (file: string, path: Path, message: string) => problems.push({ file, path: formatPath(path), message });

  checkCatalogue(policy, (path, message) => report(POLICY_FILES.catalogue, path, message));
  checkAreas(policy, (path, message) => report(POLICY_FILES.areas, path, message));
  checkSources(policy, serviceFiles, report);

  const citedIds = new Map<string, string>();
  const claimId = (file: string, path: Path, id: string) => {
    const owner = citedIds.get(id);
    if (owner) report(file, path, `id "${id}" is already used in ${owner}; rule ids must be unique across all policy files`);
    else citedIds.set(id, `${file} at ${formatPath(path)}`);
  };
  Object.entries(policy.levels.messages).forEach(([key, message]) => claimId(POLICY_FILES.levels, ['messages', key, 'id'], message.id));
  policy.levels.escalations.forEach((rule, i) => claimId(POLICY_FILES.levels, ['escalations', i, 'id'], rule.id));
  policy.levels.suggestions.forEach((rule, i) => claimId(POLICY_FILES.levels, ['suggestions', i, 'id'], rule.id));

  const knownAreas = new Set(policy.areas.areas.map((area) => area.id));
  const knownNeeds = new Set(policy.catalogue.needs.map((need) => need.id));
  const packFiles = new Map<string, string>();
  policy.services.forEach((pack, i) => {
    const file = serviceFiles[i] ?? serviceFileName(pack.id);
    const earlier = packFiles.get(pack.id);
    if (earlier) report(file, ['id'], `service id "${pack.id}" is already used by ${earlier}`);
    packFiles.set(pack.id, file);
    checkPack(pack, {
      claimId: (path, id) => claimId(file, path, id),
      report: (path, message) => report(file, path, message),
      knownAreas,
      knownNeeds,
    });
  });
  return problems;
}

function checkCatalogue(policy: Policy, report: (path: Path, message: string) => void): void {
  const prefixes = new Map(policy.catalogue.domains.map((domain) => [domain.id, domain.prefix]));
  const seenDomains = new Set<string>();
  policy.catalogue.domains.forEach((domain, i) => {
    if (seenDomains.has(domain.id)) report(['domains', i, 'id'], `domain "${domain.id}" is listed twice`);
    seenDomains.add(domain.id);
  });
  const seenNeeds = new Set<string>();
  policy.catalogue.needs.forEach((need, i) => {
    if (seenNeeds.has(need.id)) report(['needs', i, 'id'], `need "${need.id}" is listed twice`);
    seenNeeds.add(need.id);
    const prefix = prefixes.get(need.domain);
    if (prefix === undefined) report(['needs', i, 'domain'], `domain "${need.domain}" is not listed under "domains"`);
    else if (!need.id.startsWith(`${prefix}.`)) report(['needs', i, 'id'], `a ${need.domain} need id must start with "${prefix}."`);
  });
}

/** Every object under a "source" key, anywhere in a policy file, must cite a listed document. */
function checkSources(policy: Policy, serviceFiles: readonly string[], report: (file: string, path: Path, message: string) => void): void {
  const known = new Set(policy.sources.documents.map((document) => document.id));
  const seen = new Set<string>();
  policy.sources.documents.forEach((document, i) => {
    if (seen.has(document.id)) report(POLICY_FILES.sources, ['documents', i, 'id'], `document "${document.id}" is listed twice`);
    seen.add(document.id);
  });
  const walk = (file: string, value: unknown, path: Path) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(file, item, [...path, i]));
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const document = key === 'source' && child && typeof child === 'object' ? (child as { document?: unknown }).document : undefined;
      if (typeof document === 'string' && !known.has(document)) {
        report(file, [...path, key, 'document'], `unknown source document "${document}" (list it in ${POLICY_FILES.sources})`);
      }
      walk(file, child, [...path, key]);
    }
  };
  walk(POLICY_FILES.catalogue, policy.catalogue, []);
  walk(POLICY_FILES.levels, policy.levels, []);
  walk(POLICY_FILES.areas, policy.areas, []);
  policy.services.forEach((pack, i) => walk(serviceFiles[i] ?? serviceFileName(pack.id), pack, []));
}

function checkAreas(policy: Policy, report: (path: Path, message: string) => void): void {
  const seenIds = new Set<string>();
  const codeOwners = new Map<string, string>();
  policy.areas.areas.forEach((area, i) => {
    if (seenIds.has(area.id)) report(['areas', i, 'id'], `area "${area.id}" is listed twice`);
    seenIds.add(area.id);
    area.outwardCodes.forEach((code, j) => {
      const owner = codeOwners.get(code);
      if (owner) report(['areas', i, 'outwardCodes', j], `"${code}" is already claimed by ${owner}`);
      else codeOwners.set(code, area.id);
    });
  });
}

interface PackChecks {
  claimId: (path: Path, id: string) => void;
  report: (path: Path, message: string) => void;
  knownAreas: ReadonlySet<string>;
  knownNeeds: ReadonlySet<string>;
}

function checkPack(pack: ServicePack, checks: PackChecks): void {
  const checkCondition = (path: Path, condition: Condition | undefined) => {
    if (!condition) return;
    for (const needId of needIdsInCondition(condition)) {
      if (!checks.knownNeeds.has(needId)) checks.report(path, `unknown need "${needId}" (not in ${POLICY_FILES.catalogue})`);
    }
  };

  pack.rules.forEach((rule, i) => {
    checks.claimId(['rules', i, 'id'], rule.id);
    if (rule.kind === 'named-response') checkCondition(['rules', i, 'when'], rule.when);
    else checkCondition(['rules', i, 'appliesWhen'], rule.appliesWhen);
    if (rule.kind === 'requires') checkCondition(['rules', i, 'requirement'], rule.requirement);
    if (rule.kind === 'area-in' || rule.kind === 'area-not-in') {
      rule.areas.forEach((areaId, j) => {
        if (!checks.knownAreas.has(areaId)) checks.report(['rules', i, 'areas', j], `unknown area "${areaId}" (not in ${POLICY_FILES.areas})`);
      });
    }
  });
  pack.offers.forEach((offer, i) => {
    checks.claimId(['offers', i, 'id'], offer.id);
    checkCondition(['offers', i, 'appliesWhen'], offer.appliesWhen);
    checkCondition(['offers', i, 'format', 'oneToOne', 'when'], offer.format.oneToOne?.when);
    checkCondition(['offers', i, 'sessions', 'extended', 'when'], offer.sessions.extended?.when);
  });
  pack.timescales.forEach((timescale, i) => {
    checks.claimId(['timescales', i, 'id'], timescale.id);
    checkCondition(['timescales', i, 'appliesWhen'], timescale.appliesWhen);
  });
  pack.tasks.forEach((task, i) => {
    checks.claimId(['tasks', i, 'id'], task.id);
    checkCondition(['tasks', i, 'appliesWhen'], task.appliesWhen);
  });
}
