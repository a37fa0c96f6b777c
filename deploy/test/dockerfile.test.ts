import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/kustomize.js';
import { baseImages, parseDockerfile } from './support/dockerfile.js';
import { WORKLOAD_SCHEMAS } from './support/env-schema.js';

const text = readFileSync(join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');
const instructions = parseDockerfile(text);
const finalStage = Math.max(...instructions.map((i) => i.stage));
const final = instructions.filter((i) => i.stage === finalStage);

describe('infra/docker/Dockerfile', () => {
  it('passes the dockerfile-utils linter without a diagnostic', () => {
    const diagnostics = validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(diagnostics).toEqual([]);
  });

  it('has a linter that does report a broken Dockerfile', () => {
    expect(validate('FROM node:20.20.2-slim\nEXPOSE port\nCMD\n').length).toBeGreaterThan(0);
  });

  it('builds in several stages from a pinned Node 20 image, never latest', () => {
    const images = baseImages(instructions);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image).toMatch(/^node:20\.\d+\.\d+-[\w-]*slim$/);
  });

  it('runs the final stage as a numeric non-root user under tini, with a HEALTHCHECK', () => {
    const users = final.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(final.some((i) => i.keyword === 'HEALTHCHECK' && /CMD/.test(i.args))).toBe(true);
    expect(final.find((i) => i.keyword === 'ENTRYPOINT')?.args).toMatch(/tini/);
  });

  it('installs production dependencies only in what it ships', () => {
    const run = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(run.some((r) => /npm prune --omit=dev/.test(r))).toBe(true);
    expect(run.some((r) => /nx run "\$\{SERVICE\}:build"/.test(r))).toBe(true);
  });

  it('bakes no secret into a layer', () => {
    const declared = instructions
      .filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
      .flatMap((i) => i.args.split(/\s+/).map((word) => word.split('=')[0] ?? ''));
    expect(declared.filter((name) => /SECRET|PASSWORD|TOKEN|JWKS|_KEY$/i.test(name))).toEqual([]);
  });

  it('accepts exactly the five processes as SERVICE', () => {
    const guard = instructions.find(
      (i) => i.keyword === 'RUN' && /case "\$\{SERVICE\}"/.test(i.args),
    );
    const allowed = /in\s+([\w|]+)\)/.exec(guard?.args ?? '')?.[1]?.split('|');
    expect(new Set(allowed)).toEqual(new Set(Object.keys(WORKLOAD_SCHEMAS)));
  });

  it('stops the build with a message naming the allowed values when SERVICE is wrong', () => {
    const guard = instructions.find(
      (i) => i.keyword === 'RUN' && /case "\$\{SERVICE\}"/.test(i.args),
    );
    const script = guard?.args ?? 'exit 99';
    const wrong = spawnSync('sh', ['-c', script], { env: { SERVICE: 'search' }, encoding: 'utf8' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      "must be one of auth, catalog, billing, social, gateway (got 'search')",
    );
    expect(() => execFileSync('sh', ['-c', script], { env: { SERVICE: 'catalog' } })).not.toThrow();
  });
});

describe('.dockerignore', () => {
  it('keeps local secrets, dependencies and build output out of the context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', '.secrets', '**/node_modules', '**/dist', '.git'])
      expect(ignored).toContain(entry);
  });
});
