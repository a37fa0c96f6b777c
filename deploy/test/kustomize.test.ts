import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGES, STANDINS, VERSION } from './support/images.js';
import { OVERLAYS, idOf, isRecord, render, repoRoot } from './support/kustomize.js';
import { validateObject } from './support/models.js';

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  it('builds with kubectl kustomize', () => {
    expect(render(overlay).length).toBeGreaterThan(0);
  });

  it('renders only objects valid against the Kubernetes schemas', () => {
    const invalid = render(overlay).flatMap((object) => {
      try {
        validateObject(object);
        return [];
      } catch (error) {
        return [`${idOf(object)}: ${String(error)}`];
      }
    });
    expect(invalid).toEqual([]);
  });

  it('puts every namespaced object in the kavosh namespace', () => {
    const elsewhere = render(overlay)
      .filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== 'kavosh')
      .map(idOf);
    expect(elsewhere).toEqual([]);
  });
});

describe('the schema validation', () => {
  it('rejects an object whose field has the wrong type', () => {
    const broken = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'broken' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 'many' },
    };
    expect(() => validateObject(broken)).toThrow(/maxReplicas must be integer/);
  });

  it('rejects a kind it has no schema for', () => {
    expect(() => validateObject({ apiVersion: 'v1', kind: 'Pod' })).toThrow(/no schema known/);
  });
});

/** Every container (init containers included) anywhere in an object: Deployments, CronJobs … */
function containersIn(value: unknown): { name: string; image: string; args?: unknown }[] {
  if (Array.isArray(value)) return value.flatMap(containersIn);
  if (!isRecord(value)) return [];
  const own =
    typeof value.image === 'string' && typeof value.name === 'string'
      ? [{ name: value.name, image: value.image, args: value.args }]
      : [];
  return [...own, ...Object.values(value).flatMap(containersIn)];
}

describe('the images the manifests run (#19.5: no API server here, so checked offline)', () => {
  const built = new Set(IMAGES.map((image) => image.tag));
  const officials = new Set(STANDINS.map((standin) => standin.official));
  // The prod overlay points the same names and tags at the operator's registry.
  const REGISTRY = /^registry\.example\.com\//;

  it.each(OVERLAYS)(
    'names in %s only images `npm run images` builds (or, for the data stores, has stand-ins of)',
    (overlay) => {
      const images = [
        ...new Set(
          render(overlay)
            .flatMap(containersIn)
            .map((c) => c.image),
        ),
      ];
      const ours = images.filter((image) => /^(registry\.example\.com\/)?kavosh\//.test(image));
      expect(ours.length).toBeGreaterThan(0);
      expect(ours.map((image) => image.replace(REGISTRY, '')).filter((i) => !built.has(i))).toEqual(
        [],
      );
      expect(images.filter((image) => !ours.includes(image) && !officials.has(image))).toEqual([]);
      expect(ours.every((image) => image.endsWith(`:${VERSION}`))).toBe(true);
    },
  );

  it("runs in every migrate init container the image's own migrate entry, as compose does", () => {
    const dockerfile = readFileSync(join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(
      /^COPY --chown=root:root infra\/docker\/migrate\.mjs \/app\/migrate\.mjs$/m,
    );
    const migrations = render('prod')
      .flatMap(containersIn)
      .filter((c) => c.name === 'migrate');
    expect(migrations.map((c) => c.image.replace(REGISTRY, '')).sort()).toEqual(
      ['auth', 'billing', 'catalog', 'social'].map((s) => `kavosh/${s}:${VERSION}`),
    );
    for (const c of migrations) expect(c.args).toEqual(['node', '/app/migrate.mjs']);
    expect(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')).toContain(
      "command: ['node', '/app/migrate.mjs']",
    );
  });
});

describe('kubectl calls', () => {
  // Files that run kubectl: CI, scripts and the test suites. Each call names a kubeconfig or a
  // server, so none falls back to http://localhost:8080, where a dev machine runs the gateway.
  const CALLERS = ['.ci/run', 'scripts', 'deploy/test', 'e2e/test', 'ops', 'bench'];

  function files(path: string): string[] {
    const full = join(repoRoot, path);
    if (!statSync(full).isDirectory()) return [path];
    return readdirSync(full).flatMap((name) =>
      name === 'node_modules' ? [] : files(join(path, name)),
    );
  }

  it('always pass an explicit kubeconfig or server', () => {
    const calls = CALLERS.flatMap(files)
      .filter((file) => /\.(ts|mjs|sh)$|\.ci\/run$/.test(file))
      .flatMap((file) =>
        readFileSync(join(repoRoot, file), 'utf8')
          .split('\n')
          .map((line, index) => ({ where: `${file}:${index + 1}`, line })),
      )
      .filter(({ line }) => /^\s*(kubectl\s|.*execFileSync\('kubectl')/.test(line));
    expect(calls.length).toBeGreaterThan(0);
    const implicit = calls.filter(
      ({ line }) => !/--kubeconfig|--server|KUBECTL_GLOBAL_ARGS|command -v kubectl/.test(line),
    );
    expect(implicit.map(({ where, line }) => `${where}: ${line.trim()}`)).toEqual([]);
  });
});
