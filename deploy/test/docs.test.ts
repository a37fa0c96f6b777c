import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { describe, expect, it } from 'vitest';
import { OVERLAYS, render, repoRoot } from './support/kustomize.js';
import { allContainers, pick, workloadsOf } from './support/workloads.js';

const guide = readFileSync(join(repoRoot, 'docs/deploy.md'), 'utf8');

describe.each(OVERLAYS)('docs/deploy.md for overlay %s', (overlay) => {
  it('lists every Secret the manifests reference, with each key they read', () => {
    const objects = render(overlay);
    const references = workloadsOf(objects).flatMap((w) => [
      ...allContainers(w.pod).flatMap((c) =>
        (c.env ?? []).flatMap((e) => {
          const ref = e.valueFrom?.secretKeyRef;
          return ref ? [{ name: ref.name ?? '', key: ref.key }] : [];
        }),
      ),
      ...(w.pod.volumes ?? []).flatMap((v) =>
        (v.secret?.items ?? []).map((item) => ({
          name: v.secret?.secretName ?? '',
          key: item.key,
        })),
      ),
    ]);
    const tls = pick(objects, Ingress.is).flatMap((i) =>
      (i.spec?.tls ?? []).map((t) => ({ name: t.secretName ?? '', key: 'tls.crt' })),
    );
    const undocumented = [...references, ...tls].filter(
      // Keys like CATALOG_DB_PASSWORD may be written `CATALOG_…` in a row listing several.
      ({ name, key }) =>
        !guide.includes(`\`${name}\``) || !guide.includes(key.replace(/_DB_PASSWORD$/, '_')),
    );
    expect(undocumented).toEqual([]);
    expect(references.length).toBeGreaterThan(0);
  });
});
