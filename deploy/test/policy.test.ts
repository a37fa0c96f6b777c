import { describe, expect, it } from 'vitest';
import { ServiceAccount } from 'kubernetes-models/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OVERLAYS, render, repoRoot } from './support/kustomize.js';
import {
  allContainers,
  environmentOf,
  isApp,
  pick,
  selects,
  workloadsOf,
  type Workload,
} from './support/workloads.js';

const isMediaOrigin = (w: Workload): boolean =>
  w.labels['app.kubernetes.io/component'] === 'media-origin';

// Each check returns the list of offenders, so a failure names every one of them at once.
describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = () => render(overlay);
  const workloads = () => workloadsOf(objects());

  it('commits no Secret: they are referenced by name only', () => {
    expect(objects().filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('runs every container as non-root, without privileges, under seccomp RuntimeDefault', () => {
    const offenders = workloads().flatMap((w) =>
      allContainers(w.pod).flatMap((c) => {
        const problems: string[] = [];
        const ctx = c.securityContext ?? {};
        if (!(ctx.runAsNonRoot ?? w.pod.securityContext?.runAsNonRoot)) problems.push('root');
        if (ctx.allowPrivilegeEscalation !== false) problems.push('privilege escalation');
        if (!ctx.capabilities?.drop?.includes('ALL')) problems.push('capabilities not dropped');
        const seccomp = ctx.seccompProfile ?? w.pod.securityContext?.seccompProfile;
        if (seccomp?.type !== 'RuntimeDefault') problems.push('no seccomp RuntimeDefault');
        if (isApp(w) && ctx.readOnlyRootFilesystem !== true) problems.push('writable root');
        return problems.map((p) => `${w.name}/${c.name}: ${p}`);
      }),
    );
    expect(offenders).toEqual([]);
  });

  it('gives every container requests, limits, and liveness and readiness probes', () => {
    const offenders = workloads().flatMap((w) =>
      w.pod.containers.flatMap((c) => {
        const problems: string[] = [];
        for (const r of ['cpu', 'memory']) {
          if (c.resources?.requests?.[r] === undefined) problems.push(`no ${r} request`);
          if (c.resources?.limits?.[r] === undefined) problems.push(`no ${r} limit`);
        }
        if (!c.livenessProbe) problems.push('no liveness probe');
        if (!c.readinessProbe) problems.push('no readiness probe');
        return problems.map((p) => `${w.name}/${c.name}: ${p}`);
      }),
    );
    expect(offenders).toEqual([]);
  });

  it('probes the app processes on /health/live (startup, liveness) and /health/ready', () => {
    const probes = workloads()
      .filter(isApp)
      .flatMap((w) =>
        w.pod.containers.map((c) => [
          w.name,
          c.startupProbe?.httpGet?.path,
          c.livenessProbe?.httpGet?.path,
          c.readinessProbe?.httpGet?.path,
        ]),
      );
    expect(probes.length).toBeGreaterThanOrEqual(5);
    for (const [name, ...paths] of probes)
      expect([name, ...paths]).toEqual([name, '/health/live', '/health/live', '/health/ready']);
  });

  it('pins every image to a tag other than latest', () => {
    const offenders = workloads().flatMap((w) =>
      allContainers(w.pod)
        .map((c) => c.image ?? '')
        .filter((image) => {
          if (image.includes('@sha256:')) return false;
          const tag = /:([^/:]+)$/.exec(image)?.[1];
          return tag === undefined || tag === 'latest';
        }),
    );
    expect(offenders).toEqual([]);
  });

  it('gives every app process its own ServiceAccount without a token', () => {
    const accounts = pick(objects(), ServiceAccount.is);
    const offenders = workloads()
      .filter(isApp)
      .filter((w) => {
        const account = accounts.find((a) => a.metadata?.name === w.pod.serviceAccountName);
        return (
          !account ||
          account.automountServiceAccountToken !== false ||
          w.pod.automountServiceAccountToken !== false
        );
      })
      .map((w) => w.name);
    expect(offenders).toEqual([]);
  });

  it('spreads app pods over zones and nodes and lets Prometheus scrape the processes', () => {
    const offenders = workloads()
      .filter(isApp)
      .filter(
        (w) =>
          (w.pod.topologySpreadConstraints ?? []).length < 2 ||
          // nginx (the media origin) has no /metrics: its access log is the record.
          (!isMediaOrigin(w) &&
            (w.annotations['prometheus.io/scrape'] !== 'true' ||
              w.annotations['prometheus.io/path'] !== '/metrics')),
      )
      .map((w) => w.name);
    expect(offenders).toEqual([]);
  });

  it('gives every Deployment a PodDisruptionBudget', () => {
    const budgets = pick(objects(), PodDisruptionBudget.is);
    const offenders = workloads()
      .filter((w) => w.kind === 'Deployment')
      .filter((w) => !budgets.some((b) => selects(b.spec?.selector, w.labels)))
      .map((w) => w.name);
    expect(offenders).toEqual([]);
  });

  it('denies all traffic by default and opens ingress to every pod by its own policy', () => {
    const policies = pick(objects(), NetworkPolicy.is);
    const defaultDeny = policies.find(
      (p) =>
        Object.keys(p.spec?.podSelector.matchLabels ?? {}).length === 0 &&
        p.spec?.ingress === undefined &&
        p.spec?.egress === undefined &&
        p.spec?.policyTypes?.includes('Ingress') &&
        p.spec.policyTypes.includes('Egress'),
    );
    expect(defaultDeny?.metadata?.name).toBe('default-deny');
    const uncovered = workloads()
      .filter(
        (w) =>
          !policies.some(
            (p) =>
              Object.keys(p.spec?.podSelector.matchLabels ?? {}).length > 0 &&
              selects(p.spec?.podSelector, w.labels) &&
              (p.spec?.ingress ?? []).length > 0,
          ),
      )
      .map((w) => w.name);
    expect(uncovered).toEqual([]);
  });

  it('exposes only the gateway (WebSocket-friendly timeouts), the media origin and, in dev, the payment sandbox', () => {
    const ingresses = pick(objects(), Ingress.is);
    const backends = (i: (typeof ingresses)[number]) =>
      (i.spec?.rules ?? []).flatMap((r) => r.http?.paths.map((p) => p.backend.service?.name));
    // The API through the gateway; the signed media URLs straight from nginx (it checks them);
    // on a laptop cluster the sandbox's checkout page, which Stripe hosts in production.
    const exposed =
      overlay === 'dev' ? ['gateway', 'media', 'payment-sandbox'] : ['gateway', 'media'];
    expect(new Set(ingresses.flatMap(backends))).toEqual(new Set(exposed));
    for (const ingress of ingresses.filter((i) => backends(i).includes('gateway'))) {
      const timeout = Number(
        ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout'],
      );
      expect(timeout).toBeGreaterThanOrEqual(3600);
    }
  });

  it('runs the media origin from the shipped template with the secret catalog signs with', () => {
    const objects = render(overlay);
    const media = workloadsOf(objects).find(isMediaOrigin);
    const container = media?.pod.containers.find((c) => c.name === 'media');
    if (!media || !container) throw new Error('no media origin Deployment');
    const env = environmentOf(container, objects);
    expect(container.env?.find((e) => e.name === 'MEDIA_SIGNING_SECRET')?.valueFrom).toEqual({
      secretKeyRef: { name: 'catalog-secrets', key: 'MEDIA_SIGNING_SECRET' },
    });
    expect(env.get('NGINX_ENVSUBST_FILTER')).toBe('^MEDIA_');
    expect(container.ports?.[0]?.containerPort).toBe(Number(env.get('MEDIA_LISTEN_PORT')));
    // The image's entrypoint renders /etc/nginx/templates into conf.d: both must be mounted,
    // conf.d writable (the root filesystem is read-only).
    const mounts = new Map((container.volumeMounts ?? []).map((m) => [m.mountPath, m]));
    const volume = (path: string) =>
      media.pod.volumes?.find((v) => v.name === mounts.get(path)?.name);
    expect(volume('/etc/nginx/conf.d')?.emptyDir).toBeDefined();
    expect(volume('/tmp')?.emptyDir).toBeDefined();
    expect(volume('/var/cache/nginx')?.emptyDir).toBeDefined();
    const templates = objects.find(
      (o) =>
        o.kind === 'ConfigMap' &&
        o.metadata.name === volume('/etc/nginx/templates')?.configMap?.name,
    );
    const data = (templates?.data ?? {}) as Record<string, string>;
    expect(data['media.conf.template']).toBe(
      readFileSync(join(repoRoot, 'infra/nginx/media.conf.template'), 'utf8'),
    );
    expect(mounts.get(`${env.get('MEDIA_ROOT')}/media`)?.readOnly).toBe(true);
  });
});

describe('overlay dev', () => {
  it('runs one replica of each app process', () => {
    const replicas = workloadsOf(render('dev'))
      .filter(isApp)
      .map((w) => [w.name, w.replicas]);
    expect(replicas).toEqual(replicas.map(([name]) => [name, 1]));
  });
});

describe('overlay prod', () => {
  it('runs at least 3 replicas of the gateway and catalog, 2 of the others', () => {
    const replicas = new Map(workloadsOf(render('prod')).map((w) => [w.name, w.replicas]));
    expect(replicas.get('gateway')).toBeGreaterThanOrEqual(3);
    expect(replicas.get('catalog')).toBeGreaterThanOrEqual(3);
    for (const name of ['auth', 'billing', 'social', 'media'])
      expect(replicas.get(name)).toBeGreaterThanOrEqual(2);
  });

  it('scales every Deployment with an autoscaling/v2 HPA that keeps its replica floor', () => {
    const objects = render('prod');
    const hpas = pick(objects, HorizontalPodAutoscaler.is);
    const offenders = workloadsOf(objects)
      .filter((w) => w.kind === 'Deployment')
      .filter((w) => {
        const hpa = hpas.find(
          (h) =>
            h.spec?.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === w.name,
        );
        return !hpa || (hpa.spec?.minReplicas ?? 1) < w.replicas;
      })
      .map((w) => w.name);
    expect(offenders).toEqual([]);
  });

  it('runs no data store in the cluster: they are managed services', () => {
    expect(workloadsOf(render('prod')).filter((w) => !isApp(w))).toEqual([]);
  });
});
