import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1';
import { Service } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { IIngress, INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1';
import { OVERLAYS, render, type RenderedObject } from './support/kustomize.js';
import { readRepoSchemas } from './support/env-schema.js';
import {
  environmentOf,
  isApp,
  pick,
  selects,
  workloadsOf,
  type Workload,
} from './support/workloads.js';

// A poster upload as the gateway routes it (POST /api/catalog/movies/{id}/poster).
const POSTER_PATH = '/api/catalog/movies/3f2b9c1e-8d4a-4b6f-9e2a-1c5d7f8a9b0c/poster';
// ingress-nginx's client_max_body_size when an Ingress sets no proxy-body-size.
const NGINX_DEFAULT_BODY_SIZE = '1m';

/** nginx's size syntax (`6m`, `512k`, `1048576`) in bytes; 0 means no limit. */
export function nginxBytes(size: string): number {
  const match = /^(\d+)([kmg]?)$/i.exec(size.trim());
  if (!match) throw new Error(`not an nginx size: ${size}`);
  const value = Number(match[1]);
  if (value === 0) return Number.POSITIVE_INFINITY;
  const unit = (match[2] ?? '').toLowerCase();
  return value * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
}

type IngressObject = IIngress;

/** Whether an Ingress path (as ingress-nginx reads it) matches `target`. */
function pathMatches(ingress: IngressObject, path: string, type: string, target: string): boolean {
  if (ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/use-regex'] === 'true')
    return new RegExp(`^${path}`, 'i').test(target);
  if (type === 'Exact') return path === target;
  const prefix = path.endsWith('/') ? path : `${path}/`;
  return path === '/' || target === path || target.startsWith(prefix);
}

/**
 * The body limit ingress-nginx applies to `target` on the gateway's host: that of the Ingress
 * whose matching path is the longest (the location nginx picks).
 */
export function ingressBodyLimit(ingresses: IngressObject[], target: string): number | undefined {
  let best: { length: number; ingress: IngressObject } | undefined;
  for (const ingress of ingresses)
    for (const rule of ingress.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? []) {
        const path = p.path ?? '/';
        if (p.backend.service?.name !== 'gateway') continue;
        if (!pathMatches(ingress, path, p.pathType, target)) continue;
        if (!best || path.length > best.length) best = { length: path.length, ingress };
      }
  if (!best) return undefined;
  const size =
    best.ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'] ??
    NGINX_DEFAULT_BODY_SIZE;
  return nginxBytes(size);
}

const gatewaySchema = readRepoSchemas().get('GatewayEnv');

/** A variable as the container gets it, else its default in the process's config schema. */
function gatewaySetting(env: Map<string, string>, name: string): number {
  const text = env.get(name) ?? gatewaySchema?.get(name)?.defaultText;
  if (text === undefined) throw new Error(`the gateway has no ${name} and no default for it`);
  return Number(text.replaceAll('_', '').replaceAll("'", ''));
}

const containerOf = (w: Workload): IContainer => {
  const [container] = w.pod.containers;
  if (!container) throw new Error(`${w.name} has no container`);
  return container;
};

/** The container port number a Service or policy port (a number or a port name) stands for. */
function containerPortOf(w: Workload, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return containerOf(w).ports?.find((p) => p.name === port)?.containerPort;
}

const metricsPortOf = (w: Workload): number | undefined =>
  containerOf(w).ports?.find((p) => p.name === 'metrics')?.containerPort;

const isPrometheus = (peer: INetworkPolicyPeer): boolean =>
  peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring' &&
  peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus';

const isIngressController = (peer: INetworkPolicyPeer): boolean =>
  peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx';

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = (): RenderedObject[] => render(overlay);
  // Kavosh's Node processes: the media origin is nginx, without metrics.
  const processes = () =>
    workloadsOf(objects()).filter(
      (w) => isApp(w) && w.labels['app.kubernetes.io/component'] !== 'media-origin',
    );
  const gateway = () => {
    const found = processes().find((w) => w.name === 'gateway');
    if (!found) throw new Error('no gateway Deployment');
    return found;
  };

  it('lets a poster upload through the Ingress: its limit on the poster path is at least the gateway upload limit', () => {
    const env = environmentOf(containerOf(gateway()), objects());
    const uploadLimit = gatewaySetting(env, 'UPLOAD_BODY_LIMIT_BYTES');
    const ingressLimit = ingressBodyLimit(pick(objects(), Ingress.is), POSTER_PATH);
    expect(ingressLimit, 'no Ingress routes the poster path to the gateway').toBeDefined();
    expect(ingressLimit).toBeGreaterThanOrEqual(uploadLimit);
  });

  it('gives every Kavosh process a METRICS_PORT, declared as its metrics port and scraped there', () => {
    const offenders = processes().flatMap((w) => {
      const container = containerOf(w);
      const env = environmentOf(container, objects());
      const metrics = metricsPortOf(w);
      const http = containerPortOf(w, 'http');
      const problems: string[] = [];
      if (metrics === undefined) problems.push('no containerPort named metrics');
      if (env.get('METRICS_PORT') !== String(metrics)) problems.push('METRICS_PORT is not it');
      if (metrics === http) problems.push('metrics on the http port');
      if (w.annotations['prometheus.io/port'] !== String(metrics))
        problems.push('prometheus.io/port is not the metrics port');
      return problems.map((p) => `${w.name}: ${p}`);
    });
    expect(offenders).toEqual([]);
    expect(processes().map((w) => w.name)).toEqual(
      expect.arrayContaining(['gateway', 'auth', 'catalog', 'billing', 'social']),
    );
  });

  it('exposes no metrics port through a Service or an Ingress; the gateway Ingress reaches its http port', () => {
    const services = pick(objects(), Service.is);
    const offenders: string[] = [];
    // Every Service port, resolved to the container port of each workload it selects.
    const targetsOf = (serviceName: string, port: { name?: string; number?: number }) => {
      const service = services.find((s) => s.metadata?.name === serviceName);
      const servicePort = service?.spec?.ports?.find((p) =>
        port.name !== undefined ? p.name === port.name : p.port === port.number,
      );
      if (!service || !servicePort) return [];
      return processes()
        .filter((w) => selects({ matchLabels: service.spec?.selector }, w.labels))
        .map((w) => ({
          w,
          target: containerPortOf(w, servicePort.targetPort ?? servicePort.port),
        }));
    };
    for (const service of services)
      for (const port of service.spec?.ports ?? [])
        for (const { w, target } of targetsOf(service.metadata?.name ?? '', { name: port.name }))
          if (target === metricsPortOf(w))
            offenders.push(
              `Service ${service.metadata?.name} port ${port.name} → ${w.name} metrics`,
            );

    const gatewayTargets: (number | undefined)[] = [];
    for (const ingress of pick(objects(), Ingress.is))
      for (const rule of ingress.spec?.rules ?? [])
        for (const path of rule.http?.paths ?? []) {
          const backend = path.backend.service;
          if (!backend) continue;
          for (const { w, target } of targetsOf(backend.name, backend.port ?? {})) {
            if (target === metricsPortOf(w))
              offenders.push(`Ingress ${ingress.metadata?.name} → ${w.name} metrics`);
            if (w.name === 'gateway') gatewayTargets.push(target);
          }
        }
    expect(offenders).toEqual([]);
    const env = environmentOf(containerOf(gateway()), objects());
    expect(gatewayTargets.length).toBeGreaterThan(0);
    for (const target of gatewayTargets) {
      expect(target).toBe(containerPortOf(gateway(), 'http'));
      expect(target).toBe(gatewaySetting(env, 'PORT'));
      expect(target).not.toBe(gatewaySetting(env, 'METRICS_PORT'));
    }
  });

  it('lets only Prometheus reach a metrics port, and the ingress controller only the http port', () => {
    const policies = pick(objects(), NetworkPolicy.is);
    const offenders = processes().flatMap((w) => {
      const metrics = metricsPortOf(w);
      const http = containerPortOf(w, 'http');
      return policies
        .filter((p) => selects(p.spec?.podSelector, w.labels))
        .flatMap((p) =>
          (p.spec?.ingress ?? []).flatMap((rule, index) => {
            const where = `${w.name} (${p.metadata?.name} ingress[${index}])`;
            // No ports: every port; no from: every source.
            const ports =
              rule.ports === undefined
                ? [undefined]
                : rule.ports.map((port) => containerPortOf(w, port.port));
            const peers = rule.from ?? [];
            const problems: string[] = [];
            const reachesMetrics = ports.some((port) => port === undefined || port === metrics);
            if (reachesMetrics && (peers.length === 0 || !peers.every(isPrometheus)))
              problems.push(`${where}: the metrics port is open to more than Prometheus`);
            if (
              peers.some(isIngressController) &&
              ports.some((port) => port === undefined || port !== http)
            )
              problems.push(`${where}: the ingress controller reaches more than the http port`);
            return problems;
          }),
        );
    });
    expect(offenders).toEqual([]);
    // Prometheus can still scrape each process.
    const scraped = processes().filter((w) =>
      policies.some(
        (p) =>
          selects(p.spec?.podSelector, w.labels) &&
          (p.spec?.ingress ?? []).some(
            (rule) =>
              (rule.from ?? []).some(isPrometheus) &&
              (rule.ports ?? []).some((port) => containerPortOf(w, port.port) === metricsPortOf(w)),
          ),
      ),
    );
    expect(scraped.map((w) => w.name).sort()).toEqual(
      processes()
        .map((w) => w.name)
        .sort(),
    );
  });
});

describe('the Ingress body limit check', () => {
  const ingress = (annotations: Record<string, string>, path = '/'): IngressObject =>
    new Ingress({
      metadata: { name: 'gateway', annotations },
      spec: {
        rules: [
          {
            host: 'kavosh.example.com',
            http: {
              paths: [
                {
                  path,
                  pathType: 'Prefix',
                  backend: { service: { name: 'gateway', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    });

  it('reads nginx sizes', () => {
    expect(nginxBytes('1m')).toBe(1_048_576);
    expect(nginxBytes('6M')).toBe(6_291_456);
    expect(nginxBytes('512k')).toBe(524_288);
    expect(nginxBytes('2048')).toBe(2048);
    expect(nginxBytes('0')).toBe(Number.POSITIVE_INFINITY);
    expect(() => nginxBytes('6 MiB')).toThrow('not an nginx size');
  });

  it('finds a limit smaller than the upload limit, and the one of the longest matching path', () => {
    const general = ingress({ 'nginx.ingress.kubernetes.io/proxy-body-size': '1m' });
    expect(ingressBodyLimit([general], POSTER_PATH)).toBeLessThan(6_291_456);
    expect(ingressBodyLimit([ingress({})], POSTER_PATH)).toBe(1_048_576);
    const uploads = ingress(
      { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
      '/api/catalog/movies',
    );
    expect(ingressBodyLimit([general, uploads], POSTER_PATH)).toBe(8 * 1_048_576);
    expect(ingressBodyLimit([general, uploads], '/api/auth/login')).toBe(1_048_576);
    expect(ingressBodyLimit([ingress({}, '/api/social')], POSTER_PATH)).toBeUndefined();
  });
});
