import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors/app-error.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem.js';
import { requestIdFor } from '../logging.js';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type ObserveRequest = (
  method: string,
  route: string,
  statusCode: number,
  ms: number,
) => void;

// The metrics server of each app built with a METRICS_PORT; startServer makes it listen.
const metricsServers = new WeakMap<FastifyInstance, Server>();

/** The server that answers GET /metrics apart from the app's routes, if the app has one. */
export const metricsServerOf = (app: FastifyInstance): Server | undefined =>
  metricsServers.get(app);

/**
 * Decorates app.metrics (a Registry of this app only) and serves it at GET /metrics: on the app's
 * own routes, or with `separatePort` on a server of its own (listening is startServer's job) that
 * closes when the app starts closing. Returns the per-request observer, which the access-log
 * hook calls (one onResponse hook for both is cheaper).
 */
export function installMetrics(
  app: FastifyInstance,
  opts: { separatePort: boolean },
): ObserveRequest {
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

  if (opts.separatePort) {
    const server = metricsServer(app, registry);
    metricsServers.set(app, server);
    // preClose: before the app waits for its in-flight requests, so a scrape never holds it open.
    app.addHook('preClose', async () => closeNow(server));
  } else {
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    });
  }
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

// Bounds a scraper that connects and stalls: this server has none of the app's limits otherwise.
const METRICS_HEADERS_TIMEOUT_MS = 5_000;
const METRICS_REQUEST_TIMEOUT_MS = 10_000;

/** A bare HTTP server: GET (or HEAD) /metrics from the registry, 404 problem+json for the rest. */
function metricsServer(app: FastifyInstance, registry: Registry): Server {
  const server = createServer((req, res) => {
    req.resume();
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        (err: unknown) => {
          app.log.error({ err }, 'collecting metrics failed');
          res.writeHead(500).end();
        },
      );
      return;
    }
    const notFound = new AppError({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      title: 'Route not found',
      detail: 'This port serves GET /metrics only',
    });
    const id = requestIdFor(req);
    res.writeHead(404, { 'content-type': PROBLEM_CONTENT_TYPE, 'x-request-id': id });
    res.end(JSON.stringify(toProblem(notFound, id)));
  });
  server.headersTimeout = METRICS_HEADERS_TIMEOUT_MS;
  server.requestTimeout = METRICS_REQUEST_TIMEOUT_MS;
  return server;
}

/** Stops accepting and drops every connection, a scrape under way included: never waits on one. */
function closeNow(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Listens the app's metrics server on host:port; a failure (e.g. the port is taken) is an error
 * that names METRICS_PORT.
 */
export function listenMetrics(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        new Error(`metrics server cannot listen on METRICS_PORT ${host}:${port}: ${err.message}`, {
          cause: err,
        }),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port });
  });
}
