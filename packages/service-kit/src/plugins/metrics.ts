import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type ObserveRequest = (
  method: string,
  route: string,
  statusCode: number,
  ms: number,
) => void;

/**
 * Decorates app.metrics (a Registry of this app only) and serves it at GET /metrics. Returns the
 * per-request observer, which the access-log hook calls (one onResponse hook for both is cheaper).
 */
export function installMetrics(app: FastifyInstance): ObserveRequest {
  // One registry per app: several apps share a test process without clashing metric names.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  app.decorate('metrics', registry);

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
  // One labelled child per (method, route, status), made once: a label lookup per request costs
  // more than the observation. Routes are templates, so the map stays as small as the label set.
  const children = new Map<string, ReturnType<typeof duration.labels>>();
  return (method, route, statusCode, ms) => {
    const key = `${method} ${statusCode} ${route}`;
    let child = children.get(key);
    if (child === undefined) {
      child = duration.labels({ method, route, status_code: String(statusCode) });
      children.set(key, child);
    }
    child.observe(ms / 1000);
  };
}
