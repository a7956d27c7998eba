// Issue 18, the container files, checked without a Docker engine (none runs
// on this machine; scripts/container-check carries out the Dockerfile for
// real): the image's shape, and compose.yaml's two instances, proxy and
// database wired as the app needs, with every required setting documented.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { execForm, parseDockerfile, parseEnv } from '../../scripts/lib/dockerfile.js';
import { EnvSchema } from '../../src/config/env.js';
import { START_FLAGS } from '../../src/server/garbage-collection.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  build?: string; image?: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>;
  volumes?: string[]; read_only?: boolean; stop_grace_period?: string; healthcheck?: unknown; ports?: string[];
}

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const runtime = stages[stages.length - 1]!;
  const ops = (op: string) => runtime.instructions.filter((i) => i.op === op);

  it('builds in stages on a slim Node 20 and keeps dev dependencies out of the runtime stage', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    for (const s of stages) expect(s.base).toMatch(/^node:20-[a-z]+-slim$/);
    const deps = stages.find((s) => s.name === 'deps')!.instructions.filter((i) => i.op === 'RUN').map((i) => i.args).join(' ');
    expect(deps).toContain('npm ci --omit=dev');
    expect(ops('COPY').map((i) => i.args)).toEqual(expect.arrayContaining(['--from=deps /app/node_modules ./node_modules', '--from=build /app/dist ./dist']));
    expect(ops('COPY').some((i) => /\bsrc\b/.test(i.args))).toBe(false);
  });

  it('runs the compiled app as a non-root user, in production, with a health check', () => {
    expect(ops('USER').map((i) => i.args)).toEqual(['node']);
    expect(parseEnv(ops('ENV').map((i) => i.args).join(' '))).toMatchObject({ APP_ENV: 'production', NODE_ENV: 'production' });
    // Started as `npm run start:prod` starts it: with the node flags V8 reads only at start (garbage-collection.ts).
    expect(execForm(ops('CMD')[0]!.args)).toEqual(['node', ...START_FLAGS, 'dist/main.js']);
    expect(JSON.parse(read('package.json')).scripts['start:prod']).toBe(['node', ...START_FLAGS, 'dist/main.js'].join(' '));
    expect(ops('HEALTHCHECK')[0]!.args).toContain('/healthz');
    expect(ops('STOPSIGNAL').map((i) => i.args)).toEqual(['SIGTERM']);
  });

  it('keeps secrets, data and build output out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', 'node_modules', 'dist', 'data', 'backups', '.git']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as { services: Record<string, Service> };
  const { db, app1, app2, proxy } = compose.services;

  it('runs two instances of one image, in production, on the PostgreSQL service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app1', 'app2', 'db', 'proxy']);
    for (const app of [app1!, app2!]) {
      expect(app.build).toBe('.');
      expect(app.image).toBe(app1!.image);
      expect(app.environment!.APP_ENV).toBe('production');
      expect(app.environment!.DATABASE_URL).toMatch(/@db:5432\//);
      expect(app.depends_on!.db!.condition).toBe('service_healthy');
      expect(app.read_only).toBe(true);
    }
    expect(db!.healthcheck).toBeDefined();
  });

  it('gives a drain time to finish before Docker kills the container', () => {
    const env = app1!.environment!;
    const graceSeconds = Number(/^(\d+)s$/.exec(app1!.stop_grace_period!)![1]);
    expect(graceSeconds * 1000).toBeGreaterThan(Number(env.SHUTDOWN_DELAY_MS) + Number(env.SHUTDOWN_TIMEOUT_MS));
  });

  it('puts the proxy in front of both instances with the Caddyfile in the repository', () => {
    const caddyfile = proxy!.volumes!.find((v) => v.endsWith(':/etc/caddy/Caddyfile:ro'))!.split(':')[0]!;
    expect(existsSync(path.join(ROOT, caddyfile))).toBe(true);
    expect(proxy!.environment!.APP_UPSTREAMS!.split(' ').sort()).toEqual([`app1:${app1!.environment!.PORT}`, `app2:${app2!.environment!.PORT}`]);
    expect(Object.keys(proxy!.depends_on!).sort()).toEqual(['app1', 'app2']);
    expect(read(caddyfile)).toMatch(/health_uri \/readyz/);
    expect(read(caddyfile)).toMatch(/@metrics path \/metrics\s+respond @metrics 404/);
  });

  it('takes every setting from the environment, each one documented in .env.example or the app\'s schema', () => {
    const text = read('compose.yaml');
    const variables = new Set([...text.matchAll(/\$\{(\w+)(?::[?-][^}]*)?\}/g)].map((m) => m[1]!));
    const documented = read('.env.example');
    for (const v of variables) expect(documented, `${v} in .env.example`).toMatch(new RegExp(`^${v}=`, 'm'));
    // No literal secrets: every password, secret or token is interpolated.
    for (const [key, value] of Object.entries({ ...app1!.environment, ...db!.environment })) {
      if (/password|secret|token/i.test(key)) expect(String(value), key).toMatch(/^\$\{/);
    }
    const appKeys = Object.keys(app1!.environment!);
    for (const key of appKeys) expect(Object.keys(EnvSchema.shape), `${key} is a setting the app reads`).toContain(key);
  });
});
