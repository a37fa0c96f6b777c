import { describe, expect, it } from 'vitest';
import { OVERLAYS, idOf, render } from './support/kustomize.js';
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
